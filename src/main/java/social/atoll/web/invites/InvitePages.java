package social.atoll.web.invites;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import social.atoll.config.Settings;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.invite.Invite;
import social.atoll.core.invite.Invites;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Messages;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /invites}: people allowed to invite ({@code invite_users}) make invite links with an expiry and a number of
 * uses, see their own with how often they were used, and expire them, through {@link Invites}.
 */
public final class InvitePages implements Controller {

    /** A choice of the form: its value and its label. */
    public record Choice(String value, String label) {}

    /** One invite as listed. */
    public record Row(long id, String url, String uses, String expires, boolean valid) {}

    public record View(List<Choice> maxUses, List<Choice> expiries, List<Row> invites, String notice, String error) {}

    private final BrowserSessions sessions;
    private final Pages pages;
    private final Invites invites;
    private final Settings settings;
    private final Clock clock;

    public InvitePages(BrowserSessions sessions, Pages pages, Invites invites, Settings settings, Clock clock) {
        this.sessions = sessions;
        this.pages = pages;
        this.invites = invites;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/invites", this::list);
        r.post("/invites", this::create);
        r.post("/invites/{id}/expire", this::expire);
    }

    private void list(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        String n = ctx.queryParam("notice");
        render(ctx, 200, actor(me.get()), "created".equals(n) ? "invites.notice.created" : "expired".equals(n) ? "invites.notice.expired" : null, null);
    }

    private void create(Context ctx) {
        var me = poster(ctx);
        if (me == null) return;
        Integer maxUses;
        Duration expiresIn;
        try {
            maxUses = blank(ctx.formParam("max_uses")) ? null : Integer.valueOf(ctx.formParam("max_uses").strip());
            expiresIn = blank(ctx.formParam("expires_in")) ? null : Duration.ofSeconds(Long.parseLong(ctx.formParam("expires_in").strip()));
            if (maxUses != null && !Invites.MAX_USES.contains(maxUses)) throw new NumberFormatException();
            if (expiresIn != null && !Invites.EXPIRIES.contains(expiresIn)) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            render(ctx, 422, me, null, pages.messages().get("invites.error.choice"));
            return;
        }
        try {
            invites.create(me, maxUses, expiresIn);
        } catch (ForbiddenException e) {
            refused(ctx);
            return;
        } catch (ValidationException e) {
            render(ctx, 422, me, null, e.getMessage());
            return;
        }
        ctx.redirect("/invites?notice=created", HttpStatus.SEE_OTHER);
    }

    private void expire(Context ctx) {
        var me = poster(ctx);
        if (me == null) return;
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("invite");
        }
        invites.expire(me, id);
        ctx.redirect("/invites?notice=expired", HttpStatus.SEE_OTHER);
    }

    private StaffAccess.Actor poster(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.redirect("/auth/sign_in", HttpStatus.SEE_OTHER);
            return null;
        }
        if (!sessions.csrfValid(ctx)) {
            Messages t = pages.messages();
            pages.message(ctx, 403, t.get("settings.refused.title"), t.get("settings.refused.text"), null);
            return null;
        }
        return actor(me.get());
    }

    private StaffAccess.Actor actor(BrowserSessions.SignedIn me) { return pages.roles().actor(me.account().id(), me.user()); }

    private void render(Context ctx, int status, StaffAccess.Actor me, String notice, String error) {
        List<Invite> mine;
        try {
            mine = invites.mine(me);
        } catch (ForbiddenException e) {
            refused(ctx);
            return;
        }
        Messages t = pages.messages();
        Instant now = clock.instant();
        List<Choice> uses = new java.util.ArrayList<>();
        for (int n : Invites.MAX_USES) uses.add(new Choice(Integer.toString(n), t.get("invites.uses." + (n == 1 ? "one" : "many"), n)));
        uses.add(new Choice("", t.get("invites.uses.unlimited")));
        List<Choice> expiries = new java.util.ArrayList<>();
        for (Duration d : Invites.EXPIRIES) expiries.add(new Choice(Long.toString(d.toSeconds()), t.get("invites.expiry." + d.toSeconds())));
        expiries.add(new Choice("", t.get("invites.expiry.never")));
        List<Row> rows = mine.stream().map(i -> new Row(i.id(), settings.url("/invite/" + i.code()),
                i.maxUses() == null ? Integer.toString(i.uses()) : t.get("invites.used_of", i.uses(), i.maxUses()),
                i.expired(now) ? t.get("invites.state.expired") : i.usedUp() ? t.get("invites.state.used_up")
                        : i.expiresAt() == null ? t.get("invites.expiry.never") : t.get("invites.expires_at", Times.full(i.expiresAt())),
                i.valid(now))).toList();
        pages.render(ctx, status, "app/invites.jte", pages.page(ctx, t.get("invites.title"), "invites"),
                new View(uses, expiries, rows, notice, error));
    }

    private void refused(Context ctx) {
        Messages t = pages.messages();
        pages.message(ctx, 403, t.get("invites.refused.title"), t.get("invites.refused.text"), null);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
