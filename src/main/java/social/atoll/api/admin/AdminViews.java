package social.atoll.api.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.moderation.AdminAccountStore;
import social.atoll.core.moderation.AdminReport;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.ReportModeration;
import social.atoll.core.moderation.DomainAllow;
import social.atoll.core.moderation.DomainBlock;
import social.atoll.core.moderation.DomainModeration;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/** Core moderation records → Mastodon's admin JSON entities, a page at a time. */
public final class AdminViews {

    private final AccountViews accounts;
    private final StatusViews statusViews;
    private final StatusQueries statuses;
    private final AccountModeration adminAccounts;
    private final ReportModeration reports;
    private final social.atoll.core.moderation.Roles roles;

    public AdminViews(AccountViews accounts, StatusViews statusViews, StatusQueries statuses, AccountModeration adminAccounts,
                      ReportModeration reports, social.atoll.core.moderation.Roles roles) {
        this.roles = roles;
        this.accounts = accounts;
        this.statusViews = statusViews;
        this.statuses = statuses;
        this.adminAccounts = adminAccounts;
        this.reports = reports;
    }

    public AdminEntities.Account account(AdminAccountStore.Entry e) { return accounts(List.of(e)).get(0); }

    public List<AdminEntities.Account> accounts(List<AdminAccountStore.Entry> entries) {
        List<AccountEntity> rendered = accounts.renderAll(entries.stream().map(AdminAccountStore.Entry::account).toList());
        List<AdminEntities.Account> out = new ArrayList<>(entries.size());
        var roleOf = roles.resolver();
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            var a = e.account();
            var u = e.user();
            List<AdminEntities.Ip> ips = e.signUpIp() == null ? List.of() : List.of(new AdminEntities.Ip(e.signUpIp(), Dates.datetime(u.createdAt())));
            out.add(new AdminEntities.Account(Long.toString(a.id()), a.username(), a.domain(), Dates.datetime(a.createdAt()),
                    u == null ? null : u.email(), e.signUpIp(), ips, u == null ? null : AccountViews.role(roleOf.apply(u)),
                    u != null && u.confirmedAt() != null, a.suspended(), a.silenced(), a.sensitized(), u != null && u.disabled(),
                    u != null && u.approved(), u == null ? null : u.locale(), e.signUpReason(), rendered.get(i)));
        }
        return out;
    }

    public AdminEntities.Report report(AdminReport r, long viewerId) { return reports(List.of(r), viewerId).get(0); }

    public List<AdminEntities.Report> reports(List<AdminReport> list, long viewerId) {
        Set<Long> ids = new LinkedHashSet<>();
        for (AdminReport r : list) {
            ids.add(r.accountId());
            ids.add(r.targetAccountId());
            if (r.assignedAccountId() != null) ids.add(r.assignedAccountId());
            if (r.actionTakenByAccountId() != null) ids.add(r.actionTakenByAccountId());
        }
        Map<Long, AdminEntities.Account> byId = new HashMap<>();
        for (var a : accounts(adminAccounts.entries(List.copyOf(ids)))) byId.put(Long.parseLong(a.id()), a);
        // one batch for every report's statuses and one for their rules, whatever the page size
        Set<Long> statusIds = new LinkedHashSet<>();
        Set<Long> ruleIds = new LinkedHashSet<>();
        for (AdminReport r : list) {
            statusIds.addAll(r.statusIds());
            ruleIds.addAll(r.ruleIds());
        }
        Map<Long, Status> st = statuses.byIds(statusIds);
        List<Status> allStatuses = new ArrayList<>();
        for (long id : statusIds) if (st.containsKey(id)) allStatuses.add(st.get(id));
        Map<String, StatusEntity> renderedStatuses = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(allStatuses, viewerId)) renderedStatuses.put(e.id(), e);
        Map<Long, AdminEntities.Rule> rulesById = new HashMap<>();
        for (var x : reports.rules(List.copyOf(ruleIds))) rulesById.put(x.id(), new AdminEntities.Rule(Long.toString(x.id()), x.text(), x.hint()));
        List<AdminEntities.Report> out = new ArrayList<>();
        for (AdminReport r : list) {
            List<StatusEntity> found = new ArrayList<>();
            for (long id : r.statusIds()) if (renderedStatuses.containsKey(Long.toString(id))) found.add(renderedStatuses.get(Long.toString(id)));
            List<AdminEntities.Rule> rules = new ArrayList<>();
            for (long id : r.ruleIds()) if (rulesById.containsKey(id)) rules.add(rulesById.get(id));
            out.add(new AdminEntities.Report(Long.toString(r.id()), r.resolved(), Dates.datetime(r.actionTakenAt()), r.category(),
                    r.comment(), r.forwarded(), Dates.datetime(r.createdAt()), Dates.datetime(r.updatedAt()), byId.get(r.accountId()),
                    byId.get(r.targetAccountId()), r.assignedAccountId() == null ? null : byId.get(r.assignedAccountId()),
                    r.actionTakenByAccountId() == null ? null : byId.get(r.actionTakenByAccountId()), found, rules));
        }
        return out;
    }

    public static AdminEntities.DomainBlock domainBlock(DomainBlock b) {
        return new AdminEntities.DomainBlock(Long.toString(b.id()), b.domain(), digest(b.domain()), Dates.datetime(b.createdAt()),
                b.severity(), b.rejectMedia(), b.rejectReports(), b.privateComment(), b.publicComment(), b.obfuscate());
    }

    public static AdminEntities.DomainAllow domainAllow(DomainAllow a) {
        return new AdminEntities.DomainAllow(Long.toString(a.id()), a.domain(), Dates.datetime(a.createdAt()));
    }

    public static AdminEntities.PublicDomainBlock publicDomainBlock(DomainBlock b) {
        return new AdminEntities.PublicDomainBlock(b.obfuscate() ? DomainModeration.obfuscated(b.domain()) : b.domain(),
                digest(b.domain()), b.severity(), b.publicComment());
    }

    /** SHA-256 of the domain, hex: lets a reader check an obfuscated entry against a domain they know. */
    static String digest(String domain) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(domain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
