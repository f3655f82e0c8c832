package social.atoll.core.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.ProfileService.StoredField;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Verifies the links of local profiles as Mastodon does ({@code rel="me"}): after a profile changes, a durable job
 * fetches every field whose value is one http(s) URL and not yet verified, through the SSRF-safe client, and marks
 * it verified when the page has an {@code <a>} or {@code <link>} with {@code rel="me"} pointing back at the
 * profile (its page URL, or its actor id). The mark is written only while the field still holds the value that was
 * fetched; {@link ProfileService} keeps it across edits that leave the value unchanged.
 */
public final class LinkVerifier {

    private static final Logger log = LoggerFactory.getLogger(LinkVerifier.class);

    /** Payload of the job: the account whose links to check. */
    public record Verify(long accountId) {}

    public static final JobType<Verify> VERIFY = new JobType<>("account.verify_links", Verify.class, 3, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofDays(1));
    private static final Limits PAGE = Limits.DEFAULT.withMaxBytes(1024 * 1024).withTotalTimeout(Duration.ofSeconds(15)).withMaxRedirects(3);
    /** A value that is one link and nothing else (Mastodon verifies no link inside other text). */
    private static final Pattern ONE_URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    private final AccountStore accounts;
    private final SafeHttpClient http;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final JsonColumns json;
    private final Clock clock;

    public LinkVerifier(AccountStore accounts, SafeHttpClient http, JobQueue jobs, IdGenerator ids, JsonColumns json, Clock clock) {
        this.accounts = accounts;
        this.http = http;
        this.jobs = jobs;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /** Queues a check with every profile change (in its transaction), and registers the job. */
    public void register(EventBus events) {
        // one job per change: a check already running read the fields before this change
        events.inTransaction(ProfileService.ProfileUpdated.class, (h, e) ->
                jobs.enqueue(VERIFY, "links-" + e.accountId() + "-" + ids.next(), new Verify(e.accountId())));
        jobs.register(VERIFY, job -> verify(job.accountId()));
    }

    /** Checks the account's unverified link fields and marks those that link back. */
    public void verify(long accountId) {
        Account account = accounts.byId(accountId).filter(Account::local).orElse(null);
        if (account == null) return;
        List<StoredField> fields = parse(account.fields());
        List<String> verified = new ArrayList<>();
        for (StoredField f : fields) {
            if (f.verifiedAt() == null && verifiable(f.valueSource()) && linksBack(f.valueSource().strip(), account)) verified.add(f.valueSource());
        }
        if (verified.isEmpty()) return;
        String at = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // compare-and-set against the fields read above: an edit meanwhile wins, and queued its own check
        List<StoredField> marked = fields.stream()
                .map(f -> f.verifiedAt() == null && verified.contains(f.valueSource()) ? new StoredField(f.name(), f.value(), f.valueSource(), at) : f)
                .toList();
        if (!accounts.replaceFields(accountId, account.fields(), write(marked))) log.debug("fields of {} changed while verifying", accountId);
    }

    private static boolean verifiable(String value) {
        if (value == null || !ONE_URL.matcher(value.strip()).matches()) return false;
        try {
            URI u = new URI(value.strip());
            return u.getHost() != null && !u.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean linksBack(String url, Account account) {
        Response page;
        try {
            page = http.get(URI.create(url), Map.of("Accept", "text/html"), PAGE);
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.debug("link {} not verified: {}", url, e.getMessage());
            return false;
        }
        if (page.status() != 200) return false;
        return linksBack(Jsoup.parse(page.text(), page.finalUri().toString()), account);
    }

    /** Whether the page has a {@code rel="me"} link or anchor to the profile's page or actor id. */
    private static boolean linksBack(Document page, Account account) {
        for (Element e : page.select("a[rel], link[rel]")) {
            boolean me = false;
            for (String rel : e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) me |= rel.equals("me");
            if (!me) continue;
            String href = e.absUrl("href").isEmpty() ? e.attr("href").strip() : e.absUrl("href");
            if (href.equalsIgnoreCase(account.url()) || href.equalsIgnoreCase(account.uri())) return true;
        }
        return false;
    }

    private List<StoredField> parse(String fields) {
        try {
            return json.readList(fields, StoredField.class);
        } catch (JsonColumns.JsonColumnException e) {
            return List.of();
        }
    }

    private String write(List<StoredField> fields) { return json.write(fields); }
}
