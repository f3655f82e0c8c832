package social.atoll.federation.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.FederationClient;
import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.http.Response;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.jobs.PermanentJobFailure;

/**
 * One signed POST of one activity to one inbox, as a durable job: enqueued in the transaction of the action it
 * announces, retried on Mastodon's schedule (16 attempts over about three days, jittered by the queue, never after a
 * week), given up at once when the receiver answers that retrying cannot help (4xx other than 401, 408 and 429).
 * Hosts that have failed for a week are skipped until they answer again (see {@link InstanceHealth}), and at most
 * {@link #PER_HOST} deliveries to one host run at a time.
 */
public final class DeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJob.class);

    /**
     * The payload: where to, signed by whom (a local account, or the instance actor when {@code signerId} is null),
     * the exact bytes (as UTF-8 text) to send, and how many times a {@code Retry-After} answer has put it off already.
     */
    public record Delivery(String inbox, Long signerId, String body, int deferrals) {
        public Delivery(String inbox, Long signerId, String body) { this(inbox, signerId, body, 0); }
    }

    /** A {@code Retry-After} longer than this, or more than {@link #MAX_DEFERRALS} of them, falls back to the schedule. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);
    static final int MAX_DEFERRALS = 5;

    public static final JobType<Delivery> TYPE = new JobType<>("federation.delivery", Delivery.class, 16,
            Duration.ofSeconds(15), Duration.ofDays(1), Duration.ofDays(7));

    static final int PER_HOST = 8;

    /**
     * How long a signer read for one delivery serves the next ones: a post to 200 servers is 200 deliveries signed by
     * one account within a second or two, and reading the account for each cost as much as signing (bench profile).
     * Only the key and the account's existence matter here, and a delivery enqueued before the account changed would
     * have gone out with the old state anyway had it run a moment earlier.
     */
    static final Duration SIGNER_REMEMBERED = Duration.ofSeconds(5);

    private record Signer(Account account, long readAt) {}

    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final FederationClient client;
    private final AccountStore accounts;
    private final InstanceHealth health;
    private final InstanceProbe probe;
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
    private final Map<Long, Signer> signers = new ConcurrentHashMap<>();

    public DeliveryJob(JobQueue jobs, IdGenerator ids, Clock clock, FederationClient client, AccountStore accounts,
                       InstanceHealth health, InstanceProbe probe) {
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.client = client;
        this.accounts = accounts;
        this.health = health;
        this.probe = probe;
    }

    public void register() { jobs.register(TYPE, this::deliver); }

    void deliver(Delivery d) throws InterruptedException, FetchFailedException {
        String host = AsValues.authority(d.inbox());
        if (host == null) throw new PermanentJobFailure("not a URL: " + d.inbox());
        var hostState = health.state(host);
        if (hostState.unavailable()) {
            log.info("skipping delivery to {}: the host is marked unavailable", d.inbox());
            return;
        }
        Account signer = d.signerId() == null ? null : signer(d.signerId());
        Semaphore gate = perHost.computeIfAbsent(host, h -> new Semaphore(PER_HOST));
        gate.acquire();
        Response r;
        try {
            URI inbox = URI.create(d.inbox());
            byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
            r = signer == null ? client.postActivityAsInstance(inbox, body) : client.postActivity(inbox, body, signer);
        } catch (FetchFailedException e) {
            if (health.failed(host)) probe.schedule(host, d.inbox());
            throw e;
        } finally {
            gate.release();
        }
        int status = r.status();
        if (r.ok()) {
            health.succeeded(host, hostState);
            return;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429) {
            health.succeeded(host, hostState); // it answered; only this activity is refused
            throw new PermanentJobFailure(d.inbox() + " refused the activity with " + status);
        }
        if (status == 501) throw new PermanentJobFailure(d.inbox() + " does not implement the inbox (501)");
        if ((status == 429 || status == 503) && deferred(d, r)) return;
        if (status >= 500 && health.failed(host)) probe.schedule(host, d.inbox());
        throw new DeliveryFailed(d.inbox() + " answered " + status);
    }

    private Account signer(long id) {
        long now = clock.millis();
        Signer known = signers.get(id);
        if (known != null && now - known.readAt() < SIGNER_REMEMBERED.toMillis() && now >= known.readAt()) return known.account();
        Account account = accounts.byId(id).filter(Account::local)
                .orElseThrow(() -> new PermanentJobFailure("signer " + id + " is gone"));
        if (signers.size() >= 1000) signers.clear();
        signers.put(id, new Signer(account, now));
        return account;
    }

    /**
     * Honours a {@code Retry-After} (seconds or an HTTP date; GoToSocial rate-limits and expects it): the delivery is
     * stored again for that time, in place of the regular retry. False when there is none, or it is unreasonable.
     */
    private boolean deferred(Delivery d, Response r) {
        if (d.deferrals() >= MAX_DEFERRALS) return false;
        Instant now = clock.instant();
        Instant when = r.header("retry-after").map(v -> retryAfter(v.trim(), now)).orElse(null);
        if (when == null || when.isAfter(now.plus(MAX_RETRY_AFTER))) return false;
        Delivery later = new Delivery(d.inbox(), d.signerId(), d.body(), d.deferrals() + 1);
        jobs.enqueueAtInOwnTransaction(TYPE, "deferred:" + ids.next(), later, when);
        log.info("{} asked to wait until {}; delivery put off", d.inbox(), when);
        return true;
    }

    static Instant retryAfter(String value, Instant now) {
        if (value.matches("\\d{1,9}")) return now.plusSeconds(Long.parseLong(value));
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A retryable refusal (5xx, 401, 408, 429). */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message) { super(message); }
    }
}
