package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.UserText;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Filing reports. As in Mastodon: the statuses must be the reported account's, rules must exist and make the
 * category {@code violation}, the comment is at most 1,000 characters, and {@code forward} only matters for a
 * remote account (federation forwards it to its server when it hears {@link ReportCreated}, and to the servers of
 * the accounts the reported statuses reply to when the reporter lists their domains, as Mastodon 4.2 does).
 */
public final class ReportService {

    public static final int MAX_COMMENT = 1_000;

    /**
     * Announced once stored: moderators' notifications and forwarding listen. When {@code forward}, the report goes
     * to the reported account's server and to those of {@code alsoForwardTo} (remote accounts the reported statuses
     * reply to, on the domains the reporter listed).
     */
    public record ReportCreated(Report report, boolean forward, List<Long> alsoForwardTo) {}

    /** What the reporter sends; {@code forwardToDomains} are other servers that may receive a forwarded copy. */
    public record NewReport(long targetAccountId, List<Long> statusIds, String comment, String category, List<Long> ruleIds, boolean forward,
                            List<String> forwardToDomains) {}

    private final Database db;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final JsonColumns json;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;
    private final VisibilityPolicy visibility;
    private ModerationExtrasStore snapshots;

    /** Set once at wiring: where the reported posts are copied when a report is filed. */
    public void snapshots(ModerationExtrasStore store) { this.snapshots = store; }

    public ReportService(Database db, AccountStore accounts, StatusStore statuses, VisibilityPolicy visibility, JsonColumns json,
                         IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.visibility = visibility;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    public Report create(long reporterId, NewReport in) {
        Account target = accounts.visibleById(in.targetAccountId()).orElseThrow(() -> new NotFoundException("account"));
        String comment = in.comment() == null ? "" : UserText.multiLine(in.comment());
        if (comment.codePointCount(0, comment.length()) > MAX_COMMENT)
            throw new ValidationException("Comment is too long (maximum is 1000 characters)");
        String category = in.category() == null ? "other" : in.category();
        if (!Report.CATEGORIES.contains(category)) throw new ValidationException("Category is not included in the list");
        if (!in.ruleIds().isEmpty()) category = "violation";
        String cat = category;
        checkStatuses(reporterId, target, in.statusIds());
        return db.write(h -> {
            if (!in.ruleIds().isEmpty()) {
                int rules = h.createQuery("SELECT COUNT(*) FROM instance_rules WHERE id IN (<ids>)")
                        .bindList("ids", in.ruleIds()).mapTo(Integer.class).one();
                if (rules != in.ruleIds().size()) throw new ValidationException("Rule ids are invalid");
            }
            Instant now = clock.instant();
            boolean forwarded = in.forward() && !target.local();
            Report r = new Report(ids.next(), reporterId, target.id(), cat, comment, in.statusIds(), in.ruleIds(), forwarded, null, now);
            h.createUpdate("""
                            INSERT INTO reports (id, account_id, target_account_id, category, comment, status_ids, rule_ids, forwarded,
                                                 created_at, updated_at)
                            VALUES (:id, :a, :t, :cat, :comment, :statuses, :rules, :fwd, :now, :now)""")
                    .bind("id", r.id()).bind("a", reporterId).bind("t", target.id()).bind("cat", cat).bind("comment", comment)
                    .bind("statuses", encode(r.statusIds())).bind("rules", encode(r.ruleIds())).bind("fwd", forwarded)
                    .bind("now", now).execute();
            if (snapshots != null) snapshots.snapshot(h, r.id(), r.statusIds());
            events.publish(new ReportCreated(r, forwarded, forwarded ? repliedToOn(in.statusIds(), in.forwardToDomains()) : List.of()));
            return r;
        });
    }

    /**
     * Every reported status exists, is the reported account's and is one the reporter may see; otherwise the whole
     * report is "not found", as in Mastodon (which finds them among the statuses the reporter may see of that
     * account), so a report reveals nothing of statuses hidden from the reporter, not even that they exist.
     */
    private void checkStatuses(long reporterId, Account target, List<Long> statusIds) {
        if (statusIds.isEmpty()) return;
        Set<Long> wanted = new LinkedHashSet<>(statusIds);
        List<Status> found = statuses.byIds(wanted).values().stream().filter(s -> s.accountId() == target.id()).toList();
        if (found.size() != wanted.size() || visibility.filter(reporterId, found).size() != wanted.size())
            throw new NotFoundException("status");
    }

    /** The remote accounts that {@code statusIds} reply to, on one of {@code domains}. */
    private List<Long> repliedToOn(List<Long> statusIds, List<String> domains) {
        Set<String> listed = new HashSet<>();
        for (String d : domains) if (d != null && !d.isBlank()) listed.add(d.strip().toLowerCase(Locale.ROOT));
        if (listed.isEmpty() || statusIds.isEmpty()) return List.of();
        Set<Long> repliedTo = new LinkedHashSet<>();
        for (Status st : statuses.byIds(statusIds).values()) if (st.inReplyToAccountId() != null) repliedTo.add(st.inReplyToAccountId());
        return accounts.byIds(repliedTo).values().stream()
                .filter(a -> !a.local() && listed.contains(a.domain().toLowerCase(Locale.ROOT))).map(Account::id).toList();
    }

    /** The reports with these ids, by id (absent ones are left out); for rendering a page of admin notifications. */
    public Map<Long, Report> byIds(Collection<Long> reportIds) {
        if (reportIds.isEmpty()) return Map.of();
        Map<Long, Report> out = new HashMap<>();
        db.read(h -> h.createQuery("""
                        SELECT id, account_id, target_account_id, category, comment, status_ids, rule_ids, forwarded,
                               action_taken_at, created_at FROM reports WHERE id IN (<ids>)""")
                .bindList("ids", List.copyOf(reportIds))
                .map((rs, ctx) -> new Report(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("target_account_id"),
                        rs.getString("category"), rs.getString("comment"), decode(rs.getString("status_ids")),
                        decode(rs.getString("rule_ids")), rs.getBoolean("forwarded"), instant(rs, "action_taken_at"),
                        instant(rs, "created_at")))
                .list()).forEach(r -> out.put(r.id(), r));
        return out;
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private List<Long> decode(String ids) { return json.readList(ids, String.class).stream().map(Long::parseLong).toList(); }

    private String encode(List<Long> ids) { return json.write(ids.stream().map(String::valueOf).toList()); }
}
