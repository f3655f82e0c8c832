package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.Appeals;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;
import social.atoll.web.view.Times;

/**
 * {@code /admin/appeals} (Mastodon's {@code /admin/disputes/appeals}): the undecided appeals, each with its strike,
 * and the approve and reject buttons (also on the account page). {@link Appeals} checks {@code manage_appeals},
 * undoes the action on approval, audits and tells the person.
 */
public final class AdminAppealPages implements Controller {

    static final int PAGE = 40;

    /** A pending appeal: who, the strike (action, words, when) and what they answer. */
    public record Item(long id, AccountRows.Row person, String action, String strikeText, Long reportId, String text, String createdAt,
                       String createdText) {}

    public record ListView(List<AdminNav.Entry> nav, List<Item> appeals, String older, String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final Appeals appeals;
    private final AccountModeration accounts;
    private final AccountRows rows;

    public AdminAppealPages(BrowserSessions sessions, Pages pages, Appeals appeals, AccountModeration accounts, AccountViews accountViews) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.appeals = appeals;
        this.accounts = accounts;
        this.rows = new AccountRows(accountViews, pages.messages(), pages.roles());
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin/appeals", this::list);
        r.post("/admin/appeals/{id}/approve", ctx -> decide(ctx, true));
        r.post("/admin/appeals/{id}/reject", ctx -> decide(ctx, false));
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        List<Appeals.Pending> list = appeals.pending(s.get().actor(), AdminSupport.queryId(ctx, "max_id"), PAGE);
        Set<Long> ids = new LinkedHashSet<>();
        for (var p : list) ids.add(p.appeal().accountId());
        var byId = rows.byId(accounts.entries(List.copyOf(ids)));
        Instant now = Instant.now();
        List<Item> items = new ArrayList<>();
        for (var p : list) {
            var w = p.warning();
            items.add(new Item(p.appeal().id(), byId.get(p.appeal().accountId()), w.action(), w.text() == null ? "" : w.text(), w.reportId(),
                    p.appeal().text(), p.appeal().createdAt().toString(), Times.relative(p.appeal().createdAt(), now, pages.messages())));
        }
        String older = list.size() < PAGE ? null : "/admin/appeals?max_id=" + list.get(list.size() - 1).appeal().id();
        pages.render(ctx, 200, "admin/appeals.jte", support.page(ctx, "appeals"), new ListView(AdminSupport.nav(s.get()), items, older,
                AdminSupport.notice(ctx)));
    }

    private void decide(Context ctx, boolean approve) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        var a = approve ? appeals.approve(s.get().actor(), id) : appeals.reject(s.get().actor(), id);
        // back where the button was: the queue, or the person's account page
        String back = AdminSupport.form(ctx, "return_to");
        if (!back.startsWith("/admin/") || !SignInForm.safeReturnTo(back)) back = "/admin/appeals";
        AdminSupport.done(ctx, back, approve ? "appeal_approved" : "appeal_rejected");
    }
}
