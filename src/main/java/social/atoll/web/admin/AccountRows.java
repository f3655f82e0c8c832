package social.atoll.web.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.moderation.AdminAccountStore;
import social.atoll.web.Messages;
import social.atoll.web.view.Times;

/** Accounts as the admin pages list them: who, where from, and the state staff act on. */
public final class AccountRows {

    /** One account: its name and avatar as everyone sees them, plus what only staff see. */
    public record Row(long id, String acct, String displayName, String avatar, String profile, boolean local, String email, String role,
               String createdAt, String createdText, boolean pending, boolean disabled, boolean silenced, boolean suspended,
               boolean sensitized, String signUpReason, String signUpIp, boolean unconfirmed) {
        /** The states to show as badges, in a fixed order ({@code admin.state.<key>}). */
        public List<String> states() {
            List<String> s = new ArrayList<>();
            if (pending) s.add("pending");
            if (disabled) s.add("disabled");
            if (silenced) s.add("silenced");
            if (suspended) s.add("suspended");
            if (sensitized) s.add("sensitized");
            if (unconfirmed) s.add("unconfirmed");
            return s;
        }
    }

    private final AccountViews views;
    private final Messages t;

    private final social.atoll.core.moderation.Roles roles;

    AccountRows(AccountViews views, Messages t, social.atoll.core.moderation.Roles roles) {
        this.roles = roles;
        this.views = views;
        this.t = t;
    }

    List<Row> rows(List<AdminAccountStore.Entry> entries) {
        List<AccountEntity> rendered = views.renderAll(entries.stream().map(AdminAccountStore.Entry::account).toList());
        Instant now = Instant.now();
        var roleOf = roles.resolver();
        List<Row> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            var a = e.account();
            var u = e.user();
            var r = rendered.get(i);
            String name = r.displayName() == null || r.displayName().isBlank() ? r.username() : r.displayName();
            out.add(new Row(a.id(), a.acct(), name, r.avatar(), "/@" + a.acct(), a.local(), u == null ? null : u.email(),
                    u == null ? null : roleLabel(roleOf.apply(u)), a.createdAt().toString(), Times.relative(a.createdAt(), now, t),
                    u != null && !u.approved(), u != null && u.disabled(), a.silenced(), a.suspended(), a.sensitized(),
                    e.signUpReason(), e.signUpIp(), u != null && u.confirmedAt() == null));
        }
        return out;
    }

    /** The seeded roles by their translated names, custom ones by the name staff gave them. */
    private String roleLabel(social.atoll.core.moderation.StaffRole r) {
        if (r == null) return null;
        return r.builtIn() && (r.everyone() || r.name().equalsIgnoreCase(defaultName(r.id()))) ? t.get("admin.role." + r.key()) : r.name();
    }

    private static String defaultName(long id) {
        return id == 1 ? "Moderator" : id == 2 ? "Admin" : id == 3 ? "Owner" : "";
    }

    Row row(AdminAccountStore.Entry e) { return rows(List.of(e)).get(0); }

    /** Rows by account id, for the accounts a page names (reporters, targets, assignees, log actors). */
    Map<Long, Row> byId(List<AdminAccountStore.Entry> entries) {
        Map<Long, Row> m = new HashMap<>();
        for (Row r : rows(entries)) m.put(r.id(), r);
        return m;
    }
}
