package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.circle.Circle;
import social.atoll.core.circle.CircleService;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.CirclesView;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.StatusCard;

/**
 * Managing circles in the app, with the same {@link CircleService} as {@code /api/v1/circles}: {@code /circles} (the
 * circles and a form to make one), {@code /circles/{id}/edit} (title, members, the reader's followers to add), and the
 * POSTs behind them; adding and removing also serve the "circles" menu of a profile (back there by
 * {@code return_to}). Posting to a circle is a choice of the composer's visibility. Someone else's circle is a 404.
 */
public final class CirclePages implements Controller {

    private static final int CANDIDATES = 20;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final CircleService circles;
    private final AccountViews accountViews;

    public CirclePages(BrowserSessions sessions, Pages pages, CircleService circles, AccountViews accountViews) {
        this.sessions = sessions;
        this.pages = pages;
        this.circles = circles;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/circles", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isPresent()) index(ctx, me.get().account().id(), 200, "", null);
        });
        r.get("/circles/{id}/edit", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isPresent()) edit(ctx, me.get().account().id(), 200, null);
        });
        r.post("/web/circles", this::create);
        r.post("/web/circles/{id}", ctx -> change(ctx, (viewer, id) -> {
            circles.update(viewer, id, ctx.formParam("title") == null ? "" : ctx.formParam("title"));
            ctx.redirect("/circles/" + id + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/circles/{id}/delete", ctx -> change(ctx, (viewer, id) -> {
            circles.delete(viewer, id);
            ctx.redirect("/circles", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/circles/{id}/members/add", ctx -> change(ctx, (viewer, id) -> {
            circles.addMembers(viewer, id, List.of(accountId(ctx)));
            Forms.back(ctx, "/circles/" + id + "/edit");
        }));
        r.post("/web/circles/{id}/members/remove", ctx -> change(ctx, (viewer, id) -> {
            circles.removeMembers(viewer, id, List.of(accountId(ctx)));
            Forms.back(ctx, "/circles/" + id + "/edit");
        }));
    }

    private void index(Context ctx, long viewer, int status, String title, String error) {
        WebPage page = pages.page(ctx, pages.messages().get("circles.title"), "circles");
        List<CirclesView.Row> rows = circles.all(viewer).stream().map(CirclePages::row).toList();
        pages.render(ctx, status, "app/circles.jte", page, new CirclesView.Index(rows, title, error));
    }

    private void edit(Context ctx, long viewer, int status, String error) {
        Circle circle;
        try {
            Long id = TimelinePages.id(ctx.pathParam("id"));
            if (id == null) throw new NotFoundException("circle");
            circle = circles.get(viewer, id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        List<StatusCard.Author> members = people(circles.members(viewer, circle.id(), null));
        List<StatusCard.Author> candidates = people(circles.candidates(viewer, circle.id(), q, CANDIDATES));
        WebPage page = pages.page(ctx, circle.title(), "circles");
        pages.render(ctx, status, "app/circle_edit.jte", page, new CirclesView.Edit(row(circle), members, q, candidates, error));
    }

    private List<StatusCard.Author> people(List<Long> ids) {
        var rendered = accountViews.renderByIds(ids);
        return ids.stream().filter(rendered::containsKey).map(id -> {
            AccountEntity a = rendered.get(id);
            return NotificationCard.person(a);
        }).toList();
    }

    private void create(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        String title = ctx.formParam("title") == null ? "" : ctx.formParam("title");
        try {
            Circle made = circles.create(me.get(), title);
            ctx.redirect("/circles/" + made.id() + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            index(ctx, me.get(), 422, title, e.getMessage());
        }
    }

    private interface Change { void apply(long viewer, long circleId); }

    /** A change to one of the reader's circles: signed in, CSRF-checked; not theirs → 404; refused → the circle with why. */
    private void change(Context ctx, Change change) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.pathParam("id"));
        try {
            if (id == null) throw new NotFoundException("circle");
            change.apply(me.get(), id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
        } catch (ValidationException e) {
            edit(ctx, me.get(), 422, e.getMessage());
        }
    }

    private static long accountId(Context ctx) {
        Long id = TimelinePages.id(ctx.formParam("account_id"));
        if (id == null) throw new NotFoundException("account");
        return id;
    }

    private static CirclesView.Row row(Circle c) { return new CirclesView.Row(Long.toString(c.id()), c.title()); }
}
