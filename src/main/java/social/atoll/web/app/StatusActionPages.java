package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollService;
import social.atoll.core.status.BookmarkService;
import social.atoll.core.status.ConversationMuteService;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.PinService;
import social.atoll.core.status.ReblogService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.StatusService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;
import social.atoll.web.WebPage;
import social.atoll.web.view.MoreView;
import social.atoll.web.view.ReactView;
import social.atoll.web.view.StatusCard;

/**
 * What a signed-in person does to a post from the web app: favourite, boost, bookmark and their undo, mute the
 * conversation, pin, delete, report, vote in a poll — each through the core service the matching API route calls,
 * so the rules (who may see, boost, pin) are written once. Every route checks the CSRF token (403 otherwise).
 *
 * <p>An htmx request (header {@code HX-Request}) is answered with the post as it is now, to swap in place; a plain
 * form gets a 303 back to its {@code return_to} (when it is a path on this server) or to the post's page. A refusal
 * is a page that says why (404 for a post one may not see, 403 or 422 for an action one may not do).
 */
public final class StatusActionPages implements Controller {

    /** One action on a post: the service call, given the actor and the post's id. */
    private interface Action {
        Status apply(long accountId, long statusId);
    }

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final FavouriteService favourites;
    private final ReblogService reblogs;
    private final BookmarkService bookmarks;
    private final ConversationMuteService mutes;
    private final PinService pins;
    private final StatusService statusService;
    private final ReportService reports;
    private final InstanceService instance;
    private final PollService polls;
    private final AccountQueries accounts;
    /** Emoji reactions and the picker's custom emoji. */
    private final social.atoll.core.emoji.ReactionService reactions;
    private final social.atoll.api.entity.EmojiViews emojis;

    public StatusActionPages(Settings settings, BrowserSessions sessions, Pages pages, StatusQueries statuses, StatusViews views,
                             FavouriteService favourites, ReblogService reblogs, BookmarkService bookmarks, ConversationMuteService mutes,
                             PinService pins, StatusService statusService, ReportService reports, InstanceService instance,
                             PollService polls, AccountQueries accounts, social.atoll.core.emoji.ReactionService reactions,
                             social.atoll.api.entity.EmojiViews emojis) {
        this.reactions = reactions;
        this.emojis = emojis;
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.statuses = statuses;
        this.views = views;
        this.favourites = favourites;
        this.reblogs = reblogs;
        this.bookmarks = bookmarks;
        this.mutes = mutes;
        this.pins = pins;
        this.statusService = statusService;
        this.reports = reports;
        this.instance = instance;
        this.polls = polls;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/web/statuses/{id}/favourite", ctx -> act(ctx, favourites::favourite));
        r.post("/web/statuses/{id}/unfavourite", ctx -> act(ctx, favourites::unfavourite));
        r.post("/web/statuses/{id}/reblog", ctx -> act(ctx, (a, s) -> reblogs.reblog(a, s, null)));
        r.post("/web/statuses/{id}/unreblog", ctx -> act(ctx, reblogs::unreblog));
        r.post("/web/statuses/{id}/bookmark", ctx -> act(ctx, bookmarks::bookmark));
        r.post("/web/statuses/{id}/unbookmark", ctx -> act(ctx, bookmarks::unbookmark));
        r.post("/web/statuses/{id}/mute", ctx -> act(ctx, mutes::mute));
        r.post("/web/statuses/{id}/unmute", ctx -> act(ctx, mutes::unmute));
        r.post("/web/statuses/{id}/pin", ctx -> act(ctx, pins::pin));
        r.post("/web/statuses/{id}/unpin", ctx -> act(ctx, pins::unpin));
        r.post("/web/statuses/{id}/delete", this::delete);
        r.post("/web/statuses/{id}/report", this::report);
        r.post("/web/polls/{id}/votes", this::vote);
        r.get("/statuses/{id}/more", this::more);
        r.post("/web/statuses/{id}/react", ctx -> act(ctx, (a, s) -> reactions.react(a, s, ctx.formParam("emoji"))));
        r.post("/web/statuses/{id}/unreact", ctx -> act(ctx, (a, s) -> reactions.unreact(a, s, ctx.formParam("emoji"))));
        r.get("/statuses/{id}/react", this::reactPage);
    }

    private void act(Context ctx, Action action) {
        var me = signedInWithToken(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long id = id(ctx.pathParam("id"));
        try {
            if (id == null) throw new NotFoundException("status");
            action.apply(viewer, id);
        } catch (RuntimeException e) {
            if (refused(ctx, e)) return;
            throw e;
        }
        answer(ctx, viewer, id);
    }

    /** The post as it is now (htmx), or back where the form came from. */
    private void answer(Context ctx, long viewer, long statusId) {
        Optional<Status> s = statuses.visibleById(viewer, statusId);
        if (htmx(ctx)) {
            if (s.isEmpty()) {
                ctx.status(200).contentType("text/html; charset=utf-8").result("");
                return;
            }
            WebPage page = pages.fragmentPage(ctx);
            ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                    .result(pages.fragment("partials/status_fragment.jte", page, card(s.get(), viewer)));
            return;
        }
        String back = ctx.formParam("return_to");
        String target = SignInForm.safeReturnTo(back) ? back : s.map(st -> permalink(st, viewer)).orElse("/home");
        ctx.redirect(target, HttpStatus.SEE_OTHER);
    }

    private void delete(Context ctx) {
        var me = signedInWithToken(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long id = id(ctx.pathParam("id"));
        if (id == null) {
            notFound(ctx);
            return;
        }
        if (!"yes".equals(ctx.formParam("confirm"))) {
            showMore(ctx, 422, viewer, id, null, t("more.delete_unconfirmed"));
            return;
        }
        try {
            statusService.delete(statusService.ownStatus(viewer, id));
        } catch (RuntimeException e) {
            if (refused(ctx, e)) return;
            throw e;
        }
        if (htmx(ctx)) {
            ctx.status(200).contentType("text/html; charset=utf-8").result("");
            return;
        }
        ctx.redirect("/@" + me.get().account().username(), HttpStatus.SEE_OTHER);
    }

    private void report(Context ctx) {
        var me = signedInWithToken(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long id = id(ctx.pathParam("id"));
        Optional<Status> s = id == null ? Optional.empty() : statuses.visibleById(viewer, id);
        if (s.isEmpty()) {
            notFound(ctx);
            return;
        }
        List<Long> rules = new ArrayList<>();
        for (String r : ctx.formParams("rule_ids")) {
            Long n = id(r);
            if (n != null && !rules.contains(n)) rules.add(n);
        }
        String category = ctx.formParam("category");
        try {
            Status target = s.get().isReblog() ? statuses.byId(s.get().reblogOfId()).orElseThrow(() -> new NotFoundException("status")) : s.get();
            reports.create(viewer, new ReportService.NewReport(target.accountId(), List.of(target.id()),
                    ctx.formParam("comment") == null ? "" : ctx.formParam("comment"),
                    category == null || category.isBlank() ? null : category, rules, ctx.formParam("forward") != null,
                    List.of()));
        } catch (ValidationException e) {
            showMore(ctx, 422, viewer, id, null, e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (refused(ctx, e)) return;
            throw e;
        }
        ctx.redirect("/statuses/" + id + "/more?reported=1", HttpStatus.SEE_OTHER);
    }

    private void vote(Context ctx) {
        var me = signedInWithToken(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long pollId = id(ctx.pathParam("id"));
        List<Integer> choices = new ArrayList<>();
        for (String c : ctx.formParams("choices")) {
            try {
                choices.add(Integer.parseInt(c.trim()));
            } catch (NumberFormatException e) {
                choices.add(-1); // the poll service refuses it in its words
            }
        }
        Poll poll;
        try {
            if (pollId == null) throw new NotFoundException("poll");
            if (choices.isEmpty()) throw new ValidationException(t("more.poll_no_choice"));
            poll = polls.vote(viewer, pollId, choices);
        } catch (RuntimeException e) {
            if (refused(ctx, e)) return;
            throw e;
        }
        answer(ctx, viewer, poll.statusId());
    }

    private void more(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        Long id = id(ctx.pathParam("id"));
        if (id == null) {
            notFound(ctx);
            return;
        }
        showMore(ctx, 200, me.get().account().id(), id, "1".equals(ctx.queryParam("reported")) ? t("more.reported") : null, null);
    }

    /** The reaction picker of a post, as a page of forms (each answers back to the post's page). */
    private void reactPage(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long id = id(ctx.pathParam("id"));
        Optional<Status> found = id == null ? Optional.empty() : statuses.visibleById(viewer, id);
        if (found.isEmpty()) {
            notFound(ctx);
            return;
        }
        Status s = found.get().isReblog() ? statuses.byId(found.get().reblogOfId()).orElse(found.get()) : found.get();
        StatusCard card = card(s, viewer);
        List<ReactView.Custom> custom = emojis.picker().stream()
                .map(e -> new ReactView.Custom(e.shortcode(), e.url(), e.category())).toList();
        WebPage page = pages.page(ctx, t("reactions.title"), null);
        pages.render(ctx, 200, "app/react.jte", page, new ReactView(card, ReactView.COMMON, custom, card.permalink()));
    }

    private void showMore(Context ctx, int status, long viewer, long id, String notice, String error) {
        Optional<Status> found = statuses.visibleById(viewer, id);
        if (found.isEmpty()) {
            notFound(ctx);
            return;
        }
        Status s = found.get().isReblog() ? statuses.byId(found.get().reblogOfId()).orElse(found.get()) : found.get();
        StatusCard card = card(s, viewer);
        Account author = accounts.byId(s.accountId()).orElse(null);
        boolean remote = author != null && author.domain() != null;
        boolean mine = s.accountId() == viewer;
        boolean canPin = mine && !"direct".equals(card.visibility());
        List<MoreView.Rule> rules = instance.rules().stream()
                .map(r -> new MoreView.Rule(Long.toString(r.id()), r.text(), r.hint() == null ? "" : r.hint())).toList();
        String link = s.url() != null ? s.url() : settings.url(card.permalink());
        WebPage page = pages.page(ctx, t("more.title"), null);
        pages.render(ctx, status, "app/more.jte", page, new MoreView(card, link, canPin, s.conversationId() != null, remote,
                remote ? author.domain() : null, rules, notice, error, "/statuses/" + s.id() + "/more"));
    }

    /**
     * The signed-in person when the request carries their CSRF token; otherwise the answer is sent (sign-in page for
     * a visitor, 403 for a missing or wrong token) and this is empty.
     */
    private Optional<BrowserSessions.SignedIn> signedInWithToken(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            if (htmx(ctx)) ctx.status(401).result("");
            else ctx.redirect("/auth/sign_in", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!sessions.csrfValid(ctx)) {
            pages.message(ctx, 403, t("compose.csrf_title"), t("compose.csrf"), null);
            return Optional.empty();
        }
        return me;
    }

    /**
     * Answers a refusal of a core service as a page; false for anything else. An htmx request gets the reason added
     * to the post instead (htmx swaps nothing on an error status, and the person would see no answer at all).
     */
    private boolean refused(Context ctx, RuntimeException e) {
        if (htmx(ctx)) {
            String why = switch (e) {
                case NotFoundException nf -> t("compose.not_found");
                case ForbiddenException f -> t("more.refused");
                case ValidationException v -> v.getMessage();
                default -> null;
            };
            if (why == null) return false;
            ctx.status(200).header("HX-Reswap", "beforeend").header("Cache-Control", "private, no-store")
                    .contentType("text/html; charset=utf-8")
                    .result("<p class=\"error action-error\" role=\"alert\">" + escape(why) + "</p>");
            return true;
        }
        switch (e) {
            case NotFoundException nf -> notFound(ctx);
            case ForbiddenException f -> pages.message(ctx, 403, t("more.refused_title"), t("more.refused"), null);
            case ValidationException v -> pages.message(ctx, 422, t("more.refused_title"), v.getMessage(), null);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void notFound(Context ctx) { pages.message(ctx, 404, t("compose.not_found_title"), t("compose.not_found"), null); }

    private StatusCard card(Status s, long viewer) {
        return StatusCard.from(views.render(s, viewer), Long.toString(viewer), Instant.now(), pages.messages());
    }

    private String permalink(Status s, long viewer) { return card(s, viewer).permalink(); }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static boolean htmx(Context ctx) { return "true".equals(ctx.header("HX-Request")); }

    private String t(String key) { return pages.messages().get(key); }

    private static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
