package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import social.atoll.core.common.ValidationException;

/**
 * What the admin dashboard measures (Mastodon's {@code Admin::Metrics}): daily counts over a range of UTC days
 * ({@code measures}), breakdowns ({@code dimensions}) and sign-up cohorts' retention, for staff with
 * {@code view_dashboard}. Keys the server does not know are left out of the answer, as Mastodon does.
 */
public final class Dashboard {

    /** One day's value. */
    public record Point(LocalDate date, long value) {}

    /**
     * @param unit          null for counts, {@code bytes} for sizes
     * @param previousTotal the total of the same number of days just before
     */
    public record Measure(String key, String unit, long total, long previousTotal, List<Point> data) {}

    /** One item of a breakdown; {@code value} is a number or a version string. */
    public record Item(String key, String humanKey, String value, String unit) {}

    public record Dimension(String key, List<Item> data) {}

    public record Cohort(LocalDate period, String frequency, List<CohortPoint> data) {}

    public record CohortPoint(LocalDate date, double rate, long value) {}

    public static final List<String> MEASURES = List.of("new_users", "active_users", "interactions", "opened_reports", "resolved_reports",
            "instance_accounts", "instance_statuses", "instance_follows", "instance_followers", "instance_reports", "instance_media_attachments");
    public static final List<String> DIMENSIONS = List.of("languages", "sources", "servers", "software_versions", "space_usage");
    /** The longest range asked at once, so one request cannot scan years of rows. */
    public static final int MAX_DAYS = 400;

    /** A known server: how many of its accounts this one knows, and its block ({@code null}: none). */
    public record Server(String domain, long accounts, String severity, boolean rejectMedia) {}

    /** The dashboard page: the last 30 days' measures, the work waiting, and the servers known. */
    public record Overview(LocalDate start, LocalDate end, List<Measure> measures, long pendingSignUps, long openReports, List<Server> servers) {}

    public static final List<String> OVERVIEW = List.of("new_users", "active_users", "interactions", "opened_reports", "resolved_reports");

    private final DashboardStore store;
    private final DomainBlockStore blocks;
    private final Clock clock;
    private final String softwareVersion;

    public Dashboard(DashboardStore store, DomainBlockStore blocks, Clock clock, String softwareVersion) {
        this.store = store;
        this.blocks = blocks;
        this.clock = clock;
        this.softwareVersion = softwareVersion;
    }

    /** The last {@code days} days up to today, inclusive. */
    public LocalDate today() { return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC); }

    /**
     * The measures named, per day from {@code start} to {@code end} inclusive; {@code domains} gives the
     * {@code instance_*} measures their server.
     */
    public List<Measure> measures(StaffAccess.Actor actor, List<String> keys, LocalDate start, LocalDate end, Map<String, String> domains) {
        StaffAccess.require(actor, Permission.VIEW_DASHBOARD);
        check(start, end);
        List<Measure> out = new ArrayList<>();
        for (String key : keys) {
            if (!MEASURES.contains(key)) continue;
            String domain = domains.get(key);
            if (key.startsWith("instance_") && (domain == null || domain.isBlank())) continue;
            String d = domain == null ? null : domain.strip().toLowerCase(Locale.ROOT);
            BiFunction<Instant, Instant, Map<Long, Long>> counter = switch (key) {
                case "new_users" -> store::newUsers;
                case "active_users" -> store::activeUsers;
                case "interactions" -> store::interactions;
                case "opened_reports" -> store::openedReports;
                case "resolved_reports" -> store::resolvedReports;
                case "instance_accounts" -> (a, b) -> store.instanceAccounts(d, a, b);
                case "instance_statuses" -> (a, b) -> store.instanceStatuses(d, a, b);
                case "instance_follows" -> (a, b) -> store.instanceFollows(d, false, a, b);
                case "instance_followers" -> (a, b) -> store.instanceFollows(d, true, a, b);
                case "instance_reports" -> (a, b) -> store.instanceReports(d, a, b);
                default -> (a, b) -> store.instanceMedia(d, a, b);
            };
            long days = ChronoUnit.DAYS.between(start, end) + 1;
            Map<Long, Long> counts = counter.apply(at(start), at(end.plusDays(1)));
            List<Point> data = new ArrayList<>();
            long total = 0;
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                long v = counts.getOrDefault(day.toEpochDay(), 0L);
                data.add(new Point(day, v));
                total += v;
            }
            long previous = 0;
            for (long v : counter.apply(at(start.minusDays(days)), at(start)).values()) previous += v;
            // active users over a range are distinct people, not a sum of days
            if (key.equals("active_users")) {
                total = store.activeUserCount(at(start), at(end.plusDays(1)));
                previous = store.activeUserCount(at(start.minusDays(days)), at(start));
            }
            out.add(new Measure(key, key.equals("instance_media_attachments") ? "bytes" : null, total, previous, data));
        }
        return out;
    }

    public List<Dimension> dimensions(StaffAccess.Actor actor, List<String> keys, LocalDate start, LocalDate end, int limit) {
        StaffAccess.require(actor, Permission.VIEW_DASHBOARD);
        check(start, end);
        int n = Math.max(1, Math.min(limit, 100));
        Instant from = at(start);
        Instant to = at(end.plusDays(1));
        List<Dimension> out = new ArrayList<>();
        for (String key : keys) {
            switch (key) {
                case "languages" -> out.add(new Dimension(key, items(store.languages(from, to, n), k -> k == null ? "und" : k,
                        k -> k == null ? "Undetermined" : Locale.forLanguageTag(k).getDisplayLanguage(Locale.ENGLISH))));
                case "sources" -> out.add(new Dimension(key, items(store.sources(from, to, n), k -> k == null ? "website" : k,
                        k -> k == null ? "Website" : k)));
                case "servers" -> out.add(new Dimension(key, items(store.servers(from, to, n), k -> k, k -> k)));
                case "software_versions" -> {
                    DashboardStore.DatabaseInfo db = store.database();
                    out.add(new Dimension(key, List.of(
                            new Item("atoll", "Atoll", softwareVersion, null),
                            new Item("java", "Java", Runtime.version().toString(), null),
                            new Item(db.name(), db.name().equals("postgresql") ? "PostgreSQL" : "SQLite", db.version(), null))));
                }
                case "space_usage" -> {
                    DashboardStore.DatabaseInfo db = store.database();
                    out.add(new Dimension(key, List.of(
                            new Item(db.name(), db.name().equals("postgresql") ? "PostgreSQL" : "SQLite", Long.toString(db.bytes()), "bytes"),
                            new Item("media", "Media storage", Long.toString(store.mediaBytes()), "bytes"))));
                }
                default -> { }
            }
        }
        return out;
    }

    /**
     * Sign-up cohorts ({@code day} or {@code month}) and, for each period from theirs to {@code end}, how many of
     * them were active (posted; the sign-up period counts everyone).
     */
    public List<Cohort> retention(StaffAccess.Actor actor, LocalDate start, LocalDate end, String frequency) {
        StaffAccess.require(actor, Permission.VIEW_DASHBOARD);
        check(start, end);
        boolean monthly = "month".equals(frequency);
        if (!monthly && !"day".equals(frequency)) throw new ValidationException("frequency must be day or month");
        Map<LocalDate, Set<Long>> members = new HashMap<>();
        Map<LocalDate, Map<LocalDate, Set<Long>>> active = new HashMap<>();
        for (long[] row : store.cohortActivity(at(start), at(end.plusDays(1)))) {
            LocalDate signedUp = period(LocalDate.ofInstant(Instant.ofEpochMilli(row[0]), ZoneOffset.UTC), monthly);
            members.computeIfAbsent(signedUp, k -> new HashSet<>()).add(row[2]);
            if (row[1] >= 0) {
                LocalDate posted = period(LocalDate.ofInstant(Instant.ofEpochMilli(row[1]), ZoneOffset.UTC), monthly);
                active.computeIfAbsent(signedUp, k -> new HashMap<>()).computeIfAbsent(posted, k -> new HashSet<>()).add(row[2]);
            }
        }
        List<Cohort> out = new ArrayList<>();
        for (LocalDate p = period(start, monthly); !p.isAfter(end); p = monthly ? p.plusMonths(1) : p.plusDays(1)) {
            int size = members.getOrDefault(p, Set.of()).size();
            if (size == 0) continue;
            List<CohortPoint> data = new ArrayList<>();
            for (LocalDate q = p; !q.isAfter(end); q = monthly ? q.plusMonths(1) : q.plusDays(1)) {
                long v = q.equals(p) ? size : active.getOrDefault(p, Map.of()).getOrDefault(q, Set.of()).size();
                data.add(new CohortPoint(q, (double) v / size, v));
            }
            out.add(new Cohort(p, monthly ? "month" : "day", data));
        }
        return out;
    }

    /** The dashboard page's figures. */
    public Overview overview(StaffAccess.Actor actor) {
        LocalDate end = today();
        LocalDate start = end.minusDays(29);
        List<Measure> measures = measures(actor, OVERVIEW, start, end, Map.of());
        long[] pending = store.pending();
        List<DomainBlock> all = blocks.blocks();
        List<Server> servers = new ArrayList<>();
        for (Map.Entry<String, Long> e : store.knownServers(100)) {
            DomainBlock b = blockOf(all, e.getKey());
            servers.add(new Server(e.getKey(), e.getValue(), b == null ? null : b.severity(), b != null && b.rejectMedia()));
        }
        return new Overview(start, end, measures, pending[0], pending[1], servers);
    }

    /** The block covering {@code domain}: its own or its closest parent domain's. */
    private static DomainBlock blockOf(List<DomainBlock> all, String domain) {
        DomainBlock best = null;
        for (DomainBlock b : all) {
            if ((domain.equals(b.domain()) || domain.endsWith("." + b.domain())) && (best == null || b.domain().length() > best.domain().length()))
                best = b;
        }
        return best;
    }

    private static LocalDate period(LocalDate d, boolean monthly) { return monthly ? d.withDayOfMonth(1) : d; }

    private static Instant at(LocalDate d) { return d.atStartOfDay(ZoneOffset.UTC).toInstant(); }

    private static void check(LocalDate start, LocalDate end) {
        if (start == null || end == null) throw new ValidationException("start_at and end_at are required");
        if (end.isBefore(start)) throw new ValidationException("end_at must not be before start_at");
        if (Duration.between(at(start), at(end)).toDays() > MAX_DAYS) throw new ValidationException("The range is too long (at most " + MAX_DAYS + " days)");
    }

    private interface Name { String of(String k); }

    private static List<Item> items(Map<String, Long> counts, Name key, Name human) {
        List<Item> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Item(key.of(k), human.of(k), Long.toString(v), null)));
        return out;
    }
}
