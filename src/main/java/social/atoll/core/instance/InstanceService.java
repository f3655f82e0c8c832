package social.atoll.core.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;

/**
 * What the server says about itself: texts from {@link SiteSettings} with defaults, rules, the contact account and
 * usage counts. The counts scan tables, so they are kept for a minute (instance documents are fetched by every
 * client at start and by crawlers).
 */
public final class InstanceService {

    /** The server's texts, defaults applied. */
    public record Info(String title, String shortDescription, String extendedDescription, String contactEmail,
                       String sourceUrl, String registrationsMessage) {}

    /**
     * @param users          local users who can sign in (confirmed, approved, not suspended)
     * @param activeMonth    of those, active in the last 30 days (signed in or posted)
     * @param activeHalfyear of those, active in the last 180 days
     * @param localPosts     statuses posted here and not deleted
     * @param domains        other servers this one knows accounts of
     */
    public record Usage(long users, long activeMonth, long activeHalfyear, long localPosts, long domains) {}

    private record Cached(Usage usage, Instant at) {}

    private static final Duration USAGE_TTL = Duration.ofMinutes(1);

    private final Settings settings;
    private final Database db;
    private final SiteSettings site;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final Clock clock;
    private volatile Cached cached;

    public InstanceService(Settings settings, Database db, SiteSettings site, AccountStore accounts, StatusStore statuses, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.site = site;
        this.accounts = accounts;
        this.statuses = statuses;
        this.clock = clock;
    }

    public Info info() {
        Map<String, String> s = site.all();
        String title = s.getOrDefault(SiteSettings.TITLE, settings.domain());
        return new Info(title,
                s.getOrDefault(SiteSettings.SHORT_DESCRIPTION, title + " is a social network server running Atoll, part of the fediverse."),
                s.getOrDefault(SiteSettings.EXTENDED_DESCRIPTION, ""),
                s.getOrDefault(SiteSettings.CONTACT_EMAIL, ""),
                s.getOrDefault(SiteSettings.SOURCE_URL, ""),
                s.get(SiteSettings.REGISTRATIONS_MESSAGE));
    }

    /**
     * The registration mode: staff's choice ({@code registrations_mode}, set from the dashboard or the command line)
     * when made, else {@code ATOLL_REGISTRATIONS}.
     */
    public Settings.Registrations registrationMode() {
        return site.get(SiteSettings.REGISTRATIONS_MODE).flatMap(InstanceService::mode).orElse(settings.registrations());
    }

    /** The mode named {@code open}, {@code approval}, {@code invite} or {@code closed}. */
    public static Optional<Settings.Registrations> mode(String name) {
        for (Settings.Registrations r : Settings.Registrations.values())
            if (r.name().equalsIgnoreCase(name == null ? "" : name.strip())) return Optional.of(r);
        return Optional.empty();
    }

    /** Open or by approval: people may sign up themselves. */
    public boolean registrationsOpen() {
        Settings.Registrations m = registrationMode();
        return m == Settings.Registrations.OPEN || m == Settings.Registrations.APPROVAL;
    }

    public boolean approvalRequired() { return registrationMode() == Settings.Registrations.APPROVAL; }

    public List<Rule> rules() {
        return db.read(h -> h.createQuery("SELECT id, text, hint FROM instance_rules ORDER BY position, id")
                .map((rs, ctx) -> new Rule(rs.getLong("id"), rs.getString("text"), rs.getString("hint"))).list());
    }

    /**
     * The account people should contact: the one named by {@code site_contact_username} if set, else the first
     * owner, else the first admin.
     */
    public Optional<Account> contactAccount() {
        Optional<Account> named = site.get(SiteSettings.CONTACT_USERNAME)
                .flatMap(u -> accounts.visibleByAcct(u, null)).filter(a -> !a.suspended());
        if (named.isPresent()) return named;
        return accounts.firstStaffAccountId().flatMap(accounts::visibleById);
    }

    public Usage usage() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && c.at.plus(USAGE_TTL).isAfter(now)) return c.usage;
        Usage u = count(now);
        cached = new Cached(u, now);
        return u;
    }

    private Usage count(Instant now) {
        return db.read(h -> {
            long total = accounts.countUsers(h);
            long month = accounts.countUsersActiveSince(h, now.minus(Duration.ofDays(30)));
            long halfyear = accounts.countUsersActiveSince(h, now.minus(Duration.ofDays(180)));
            long posts = statuses.countLocal(h);
            long domains = accounts.countRemoteDomains(h);
            return new Usage(total, month, halfyear, posts, domains);
        });
    }
}
