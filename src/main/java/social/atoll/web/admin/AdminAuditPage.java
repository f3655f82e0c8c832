package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.ActionLog;
import social.atoll.core.moderation.AuditLog;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/** {@code /admin/audit}: who did what to which target, newest first, a page at a time ({@code view_audit_log}). */
public final class AdminAuditPage implements Controller {

    static final int PAGE = 50;

    /** One row: {@code who} is null for the command line (the system). */
    public record Row(String who, Long whoId, String action, String targetType, String verb, String noun, String target, String targetHref, String createdAt,
                      String createdText) {}

    public record View(List<AdminNav.Entry> nav, List<Row> rows, String older) {}

    private final AdminSupport support;
    private final Pages pages;
    private final AuditLog audit;
    private final AccountModeration accounts;

    public AdminAuditPage(BrowserSessions sessions, Pages pages, AuditLog audit, AccountModeration accounts) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.audit = audit;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/admin/audit", this::show); }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        List<ActionLog> logs = audit.page(s.get().actor(), AdminSupport.queryId(ctx, "max_id"), PAGE);
        Set<Long> actors = new LinkedHashSet<>();
        for (ActionLog l : logs) if (l.accountId() != null) actors.add(l.accountId());
        var names = new java.util.HashMap<Long, String>();
        for (var e : accounts.entries(List.copyOf(actors))) names.put(e.account().id(), e.account().acct());
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (ActionLog l : logs) {
            String who = l.accountId() == null ? null : names.getOrDefault(l.accountId(), "#" + l.accountId());
            rows.add(new Row(who, l.accountId(), l.action(), l.targetType(), text("admin.audit.action." + l.action(), l.action()),
                    text("admin.audit.type." + l.targetType(), l.targetType()), l.humanIdentifier() == null ? Long.toString(l.targetId()) : l.humanIdentifier(),
                    href(l), l.createdAt().toString(), Times.relative(l.createdAt(), now, pages.messages())));
        }
        String older = logs.size() < PAGE ? null : "/admin/audit?max_id=" + logs.get(logs.size() - 1).id();
        pages.render(ctx, 200, "admin/audit.jte", support.page(ctx, "audit"), new View(AdminSupport.nav(s.get()), rows, older));
    }

    /** The readable text of a log code; a code this version has no text for shows as it is. */
    private String text(String key, String code) { return pages.messages().has(key) ? pages.messages().get(key) : code; }

    /** The admin page of the target, where there is one (a user's row names the user, not the account: no link). */
    private static String href(ActionLog l) {
        return switch (l.targetType()) {
            case "Account" -> "/admin/accounts/" + l.targetId();
            case "Report" -> "/admin/reports/" + l.targetId();
            default -> null;
        };
    }
}
