package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.list.ListService;
import social.atoll.core.list.UserList;
import social.atoll.core.search.Search;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.ListsView;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.StatusCard;

/**
 * Managing lists in the app, with the same {@link ListService} as {@code /api/v1/lists}: {@code /lists} (the lists
 * and a form to make one), {@code /lists/{id}/edit} (title, replies policy, exclusive, members, and a search among
 * the accounts the reader follows to add some), and the POSTs behind them. The list's timeline is
 * {@link TimelinePages}'. Someone else's list is a 404, as in the API.
 */
public final class ListPages implements Controller {

    private static final int CANDIDATES = 10;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final ListService lists;
    private final Search search;
    private final AccountViews accountViews;

    public ListPages(BrowserSessions sessions, Pages pages, ListService lists, Search search, AccountViews accountViews) {
        this.sessions = sessions;
        this.pages = pages;
        this.lists = lists;
        this.search = search;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/lists", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isPresent()) index(ctx, me.get().account().id(), 200, "", null);
        });
        r.get("/lists/{id}/edit", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isEmpty()) return;
            edit(ctx, me.get().account().id(), 200, null);
        });
        r.post("/web/lists", this::create);
        r.post("/web/lists/{id}", this::update);
        r.post("/web/lists/{id}/delete", ctx -> change(ctx, (viewer, id) -> {
            lists.delete(viewer, id);
            ctx.redirect("/lists", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/lists/{id}/members/add", ctx -> change(ctx, (viewer, id) -> {
            lists.addMembers(viewer, id, List.of(accountId(ctx)));
            ctx.redirect("/lists/" + id + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/lists/{id}/members/remove", ctx -> change(ctx, (viewer, id) -> {
            lists.removeMembers(viewer, id, List.of(accountId(ctx)));
            ctx.redirect("/lists/" + id + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
    }

    private void index(Context ctx, long viewer, int status, String title, String error) {
        WebPage page = pages.page(ctx, pages.messages().get("lists.title"), "lists");
        List<ListsView.Row> rows = lists.all(viewer).stream().map(ListPages::row).toList();
        pages.render(ctx, status, "app/lists.jte", page, new ListsView.Index(rows, title, error));
    }

    private void edit(Context ctx, long viewer, int status, String error) {
        UserList list;
        try {
            Long id = TimelinePages.id(ctx.pathParam("id"));
            if (id == null) throw new NotFoundException("list");
            list = lists.get(viewer, id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        List<Long> memberIds = lists.members(viewer, list.id(), null).stream().map(ListService.Member::accountId).toList();
        var rendered = accountViews.renderByIds(memberIds);
        List<StatusCard.Author> members = memberIds.stream().filter(rendered::containsKey).map(id -> NotificationCard.person(rendered.get(id))).toList();
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        List<StatusCard.Author> candidates = List.of();
        if (!q.isEmpty()) {
            Set<Long> already = new HashSet<>(memberIds);
            var found = search.find(viewer, new Search.Query(q, "accounts", false, true, null, null, null, 0, CANDIDATES)).accounts().stream()
                    .filter(a -> !already.contains(a.id()) && a.id() != viewer).toList();
            candidates = accountViews.renderAll(found).stream().map(NotificationCard::person).toList();
        }
        WebPage page = pages.page(ctx, list.title(), "lists");
        pages.render(ctx, status, "app/list_edit.jte", page, new ListsView.Edit(row(list), members, q, candidates, error));
    }

    private void create(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        String title = ctx.formParam("title") == null ? "" : ctx.formParam("title");
        try {
            UserList made = lists.create(me.get(), title, null, false);
            ctx.redirect("/lists/" + made.id() + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            index(ctx, me.get(), 422, title, e.getMessage());
        }
    }

    private void update(Context ctx) {
        change(ctx, (viewer, id) -> {
            try {
                lists.update(viewer, id, ctx.formParam("title"), ctx.formParam("replies_policy"), "true".equals(ctx.formParam("exclusive")));
                ctx.redirect("/lists/" + id + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
            } catch (ValidationException e) {
                edit(ctx, viewer, 422, e.getMessage());
            }
        });
    }

    private interface Change { void apply(long viewer, long listId); }

    /** A change to one of the reader's lists: signed in, CSRF-checked; not theirs → 404; refused → the settings with why. */
    private void change(Context ctx, Change change) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.pathParam("id"));
        try {
            if (id == null) throw new NotFoundException("list");
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

    private static ListsView.Row row(UserList l) { return new ListsView.Row(Long.toString(l.id()), l.title(), l.repliesPolicy(), l.exclusive()); }
}
