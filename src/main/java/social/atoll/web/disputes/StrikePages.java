package social.atoll.web.disputes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.moderation.AccountWarning;
import social.atoll.core.moderation.Appeals;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.Times;

/**
 * A person's strikes, at Mastodon's {@code /disputes/strikes}: each with the action, the moderator's words, the posts
 * involved and the appeal (its form while one may be made, its state after). Reached signed in from the
 * {@code moderation_warning} notification, or, for an account that cannot sign in (suspended, disabled), from the
 * strike mail's link, whose {@code key} opens that one strike.
 */
public final class StrikePages implements Controller {

    /** A post the strike is about, as it is now. */
    public record Post(String permalink, String contentHtml, String spoilerText, String createdAt, String createdText) {}

    /** One strike on its page; {@code key} is carried by the form when the page was opened from the mail. */
    public record StrikeView(long id, String action, String text, String createdAt, String createdText, boolean overruled, List<Post> posts,
                             int missingPosts, String appealText, String appealState, boolean appealable, String appealableUntil,
                             String key, String draft, String error, String notice, boolean signedIn) {}

    /** A strike in the person's list. */
    public record Row(long id, String action, String createdAt, String createdText, String appealState, boolean overruled) {}

    public record ListView(List<Row> strikes) {}

    private final BrowserSessions sessions;
    private final Pages pages;
    private final Appeals appeals;
    private final StatusQueries statuses;
    private final StatusViews statusViews;

    public StrikePages(BrowserSessions sessions, Pages pages, Appeals appeals, StatusQueries statuses, StatusViews statusViews) {
        this.sessions = sessions;
        this.pages = pages;
        this.appeals = appeals;
        this.statuses = statuses;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/disputes/strikes", this::list);
        r.get("/disputes/strikes/{id}", this::show);
        r.post("/disputes/strikes/{id}/appeal", this::appeal);
    }

    private void list(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        Instant now = Instant.now();
        List<Row> rows = appeals.strikesOf(me.get().account().id()).stream()
                .map(v -> new Row(v.warning().id(), v.warning().action(), v.warning().createdAt().toString(),
                        Times.relative(v.warning().createdAt(), now, pages.messages()), v.appeal() == null ? null : v.appeal().state(),
                        v.warning().overruledAt() != null))
                .toList();
        WebPage page = pages.page(ctx, pages.messages().get("strikes.title"), "strikes");
        pages.render(ctx, 200, "disputes/strikes.jte", page, new ListView(rows));
    }

    private void show(Context ctx) {
        long id = id(ctx);
        String key = ctx.queryParam("key");
        var me = sessions.current(ctx);
        Appeals.StrikeView v;
        if (key != null && !key.isBlank()) {
            v = appeals.strikeByKey(id, key);
        } else {
            var signedIn = sessions.requireSignedIn(ctx);
            if (signedIn.isEmpty()) return;
            v = appeals.strike(signedIn.get().account().id(), id);
            key = null;
        }
        String notice = "appealed".equals(ctx.queryParam("notice")) ? "strike.appealed" : null;
        render(ctx, 200, v, key, "", null, notice, me.isPresent());
    }

    private void appeal(Context ctx) {
        long id = id(ctx);
        if (!sessions.csrfValid(ctx)) {
            var t = pages.messages();
            pages.message(ctx, 403, t.get("settings.refused.title"), t.get("settings.refused.text"), null);
            return;
        }
        String key = ctx.formParam("key");
        boolean byKey = key != null && !key.isBlank();
        var me = sessions.current(ctx);
        if (!byKey && me.isEmpty()) {
            ctx.redirect("/auth/sign_in", HttpStatus.SEE_OTHER);
            return;
        }
        String text = ctx.formParam("text") == null ? "" : ctx.formParam("text");
        try {
            if (byKey) appeals.appealByKey(id, key, text);
            else appeals.appeal(me.get().account().id(), id, text);
        } catch (ValidationException e) {
            Appeals.StrikeView v = byKey ? appeals.strikeByKey(id, key) : appeals.strike(me.get().account().id(), id);
            render(ctx, 422, v, byKey ? key : null, text, e.getMessage(), null, me.isPresent());
            return;
        }
        String back = "/disputes/strikes/" + id + "?" + (byKey ? "key=" + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8) + "&" : "")
                + "notice=appealed";
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, Appeals.StrikeView v, String key, String draft, String error, String notice, boolean signedIn) {
        AccountWarning w = v.warning();
        Instant now = Instant.now();
        // the posts as they are now, seen by their author (a post since deleted is counted, not shown)
        Map<Long, Status> found = statuses.byIds(w.statusIds());
        List<Status> list = new ArrayList<>();
        for (long sid : w.statusIds()) if (found.containsKey(sid)) list.add(found.get(sid));
        List<Post> posts = new ArrayList<>();
        for (StatusCard c : StatusCard.all(statusViews.renderAll(list, w.targetAccountId()), Long.toString(w.targetAccountId()), now,
                pages.messages()))
            posts.add(new Post(c.permalink(), c.contentHtml(), c.spoilerText(), c.createdAt(), c.createdAtText()));
        WebPage page = pages.page(ctx, pages.messages().get("strike.title." + w.action()), "strikes");
        pages.render(ctx, status, "disputes/strike.jte", page, new StrikeView(w.id(), w.action(), w.text() == null ? "" : w.text(),
                w.createdAt().toString(), Times.relative(w.createdAt(), now, pages.messages()), w.overruledAt() != null, posts,
                w.statusIds().size() - posts.size(), v.appeal() == null ? null : v.appeal().text(), v.appeal() == null ? null : v.appeal().state(),
                v.appealable(), Times.full(v.appealableUntil()), key, draft, error, notice, signedIn));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundException("strike");
        }
    }
}
