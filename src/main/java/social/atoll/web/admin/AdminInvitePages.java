package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.config.Settings;
import social.atoll.core.invite.Invite;
import social.atoll.core.invite.Invites;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Messages;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /admin/invites} (Mastodon's {@code /admin/invites}): every invite of the server, newest first, with who made
 * it (the CLI's show as the system), its uses and expiry, and a button to expire a valid one. {@link Invites} checks
 * {@code manage_invites} and audits the expiry; people make their own invites on {@code /invites}.
 */
public final class AdminInvitePages implements Controller {

    static final String PATH = "/admin/invites";

    /** One invite as the list shows it; {@code by} is {@code @acct}, or empty for the system. */
    public record Row(long id, String url, String by, String uses, String state, boolean valid) {}

    public record View(List<AdminNav.Entry> nav, List<Row> invites, String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final Invites invites;
    private final AccountModeration accounts;
    private final Settings settings;
    private final Clock clock;

    public AdminInvitePages(BrowserSessions sessions, Pages pages, Invites invites, AccountModeration accounts, Settings settings, Clock clock) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.invites = invites;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::list);
        r.post(PATH + "/{id}/expire", this::expire);
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        List<Invite> all = invites.all(s.get().actor());
        Map<Long, String> accts = new HashMap<>();
        List<Long> ids = all.stream().map(Invite::accountId).filter(java.util.Objects::nonNull).distinct().toList();
        for (var e : accounts.entries(ids)) accts.put(e.account().id(), "@" + e.account().acct());
        Messages t = pages.messages();
        Instant now = clock.instant();
        List<Row> rows = all.stream().map(i -> new Row(i.id(), settings.url("/invite/" + i.code()),
                i.accountId() == null ? "" : accts.getOrDefault(i.accountId(), ""),
                i.maxUses() == null ? Integer.toString(i.uses()) : t.get("invites.used_of", i.uses(), i.maxUses()),
                i.expired(now) ? t.get("invites.state.expired") : i.usedUp() ? t.get("invites.state.used_up")
                        : i.expiresAt() == null ? t.get("invites.expiry.never") : t.get("invites.expires_at", Times.full(i.expiresAt())),
                i.valid(now))).toList();
        String n = ctx.queryParam("notice");
        pages.render(ctx, 200, "admin/invites.jte", support.page(ctx, "invites"), new View(AdminSupport.nav(s.get()), rows,
                "expired".equals(n) ? "invites.notice.expired" : null));
    }

    private void expire(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        invites.expire(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, PATH, "expired");
    }
}
