package social.atoll.federation.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.auth.Tokens;
import social.atoll.core.inbox.SeenActivityStore;
import social.atoll.federation.outbox.InstanceHealth;
import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;

/**
 * What the inbox does once a request's signature has been verified: the checks that need no network (ActivityStreams
 * {@code @context}, actor = signer, ids not on our host), deduplication by activity id, and storing the activity as
 * a durable {@link InboxJob} in the same transaction. Nothing is processed here.
 */
public final class InboxIntake {

    private static final Logger log = LoggerFactory.getLogger(InboxIntake.class);
    /** How long an activity id is remembered (Mastodon keeps them about a week). */
    static final Duration SEEN_FOR = Duration.ofDays(7);

    public enum Outcome { STORED, DUPLICATE, IGNORED }

    /** The activity is refused; {@code status} is the HTTP answer. */
    public static final class Rejected extends Exception {
        private final int status;

        public Rejected(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() { return status; }
    }

    private final Settings settings;
    private final SeenActivityStore seen;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final InstanceHealth health;

    public InboxIntake(Settings settings, SeenActivityStore seen, JobQueue jobs, IdGenerator ids, Clock clock, ObjectMapper json,
                       InstanceHealth health) {
        this.settings = settings;
        this.seen = seen;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.health = health;
    }

    /**
     * Accepts {@code activity}, signed by {@code signer}, delivered to {@code inboxOwner}'s personal inbox (null: the
     * shared inbox).
     */
    public Outcome accept(JsonNode activity, Account signer, Account inboxOwner) throws Rejected {
        if (signer.local()) throw new Rejected(401, "A local key cannot sign for a remote server");
        if (!AsValues.hasAsContext(activity)) {
            // Mastodon drops documents without the ActivityStreams context without telling the sender
            log.info("ignoring an activity from {} without the ActivityStreams @context", signer.uri());
            return Outcome.IGNORED;
        }
        String actor = AsValues.id(activity, "actor");
        if (actor == null || !actor.equals(signer.uri()))
            throw new Rejected(401, "The activity's actor is not the account that signed the request");
        String id = AsValues.text(activity, "id");
        if (id != null && AsValues.sameOrigin(id, settings.baseUrl()))
            throw new Rejected(400, "A remote activity cannot have an id on this server");
        if (id != null && !AsValues.sameOrigin(id, actor))
            throw new Rejected(400, "The activity's id is not on its actor's server");
        String payload;
        try {
            payload = json.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String seenKey = id != null ? id : "sha256:" + Tokens.sha256(payload);
        long now = clock.millis();
        boolean first = seen.recordFirstSight(seenKey, now, () -> {
            jobs.enqueue(InboxJob.TYPE, Long.toString(ids.next()),
                    new InboxJob.Payload(payload, signer.id(), inboxOwner == null ? null : inboxOwner.id()));
            if (ThreadLocalRandom.current().nextInt(256) == 0) seen.forgetBefore(now - SEEN_FOR.toMillis());
        });
        Outcome outcome = first ? Outcome.STORED : Outcome.DUPLICATE;
        if (signer.domain() != null) health.succeeded(signer.domain());
        return outcome;
    }
}
