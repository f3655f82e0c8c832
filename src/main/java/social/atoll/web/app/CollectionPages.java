package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.collection.CollectionService;
import social.atoll.core.collection.PhotoCollection;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.site.Feeds;
import social.atoll.web.view.CollectionsView;
import social.atoll.web.view.StatusCard;

/**
 * Collections in the web app, with the same {@link CollectionService} as the API and ActivityPub: an account's list
 * ({@code /@alice/collections}, the owner's with the form to make one), a collection's page
 * ({@code /@alice/collections/123}), its editor ({@code /collections/123/edit}: title, description, visibility, the
 * order of its posts by up/down buttons that are plain forms, a drag-and-drop script sending the whole order, removing,
 * deleting) and "add this post to a collection" ({@code /collections/add?status=…}). Every POST checks sign-in and the
 * CSRF token; someone else's collection is a 404.
 */
public final class CollectionPages implements Controller {

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final CollectionService collections;
    private final AccountQueries accounts;
    private final AccountViews accountViews;
    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final Feeds feeds;

    public CollectionPages(Settings settings, BrowserSessions sessions, Pages pages, CollectionService collections, AccountQueries accounts,
                           AccountViews accountViews, StatusQueries statuses, StatusViews statusViews, Feeds feeds) {
        this.feeds = feeds;
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.collections = collections;
        this.accounts = accounts;
        this.accountViews = accountViews;
        this.statuses = statuses;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/@{acct}/collections", ctx -> index(ctx, 200, CollectionsView.Form.EMPTY, null));
        r.get("/@{acct}/collections/{id}", this::show);
        r.get("/collections/{id}/edit", ctx -> {
            var me = sessions.requireSignedIn(ctx);
            if (me.isPresent()) edit(ctx, me.get().account().id(), 200, null, null);
        });
        r.get("/collections/add", this::addPage);
        r.post("/web/collections", this::create);
        r.post("/web/collections/add", this::add);
        r.post("/web/collections/{id}", ctx -> change(ctx, (viewer, id) -> {
            CollectionsView.Form form = form(ctx);
            try {
                collections.update(viewer, id, form.title(), form.description(), form.visibility());
            } catch (ValidationException e) {
                edit(ctx, viewer, 422, form, e.getMessage());
                return;
            }
            ctx.redirect("/collections/" + id + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/collections/{id}/delete", ctx -> change(ctx, (viewer, id) -> {
            collections.delete(viewer, id);
            ctx.redirect("/@" + me(viewer).acct() + "/collections", io.javalin.http.HttpStatus.SEE_OTHER);
        }));
        r.post("/web/collections/{id}/order", ctx -> change(ctx, (viewer, id) -> {
            List<Long> order = new ArrayList<>();
            String raw = ctx.formParam("order");
            if (raw != null) for (String part : raw.split(",")) {
                Long s = TimelinePages.id(part.strip());
                if (s != null) order.add(s);
            }
            collections.reorder(viewer, id, order);
            afterItemChange(ctx, viewer, id);
        }));
        r.post("/web/collections/{id}/items/{status}/{action}", ctx -> change(ctx, (viewer, id) -> {
            Long statusId = TimelinePages.id(ctx.pathParam("status"));
            if (statusId == null) throw new NotFoundException("post");
            switch (ctx.pathParam("action")) {
                case "up" -> collections.move(viewer, id, statusId, -1);
                case "down" -> collections.move(viewer, id, statusId, 1);
                case "remove" -> collections.remove(viewer, id, statusId);
                default -> throw new NotFoundException("action");
            }
            afterItemChange(ctx, viewer, id);
        }));
    }

    // ---- reading ----

    private void index(Context ctx, int status, CollectionsView.Form form, String error) {
        Account owner = byAcct(ctx.pathParam("acct"));
        Long viewer = viewer(ctx);
        boolean self = viewer != null && viewer == owner.id();
        List<CollectionService.Seen> listed = collections.listed(viewer, owner.id());
        List<CollectionsView.Summary> rows = summaries(listed, viewer);
        AccountEntity e = accountViews.render(owner);
        String name = name(e);
        WebPage page = pages.page(ctx, pages.messages().get("collections.of", name), self ? "profile" : null);
        page = page.withHead(new WebPage.Head(page.head().title(), settings.url("/@" + owner.acct() + "/collections"), null, null, "website",
                null, null, !owner.local() || !owner.indexable()));
        pages.render(ctx, status, "web/collections.jte", page,
                new CollectionsView.Index(name, owner.acct(), "/@" + owner.acct(), self, rows, form, error));
    }

    private void show(Context ctx) {
        Account owner = byAcct(ctx.pathParam("acct"));
        String rawId = ctx.pathParam("id");
        if (rawId.endsWith(".rss")) {
            // the feed is what a visitor may read, whoever asks: a feed reader carries no session
            Long feedId = TimelinePages.id(rawId.substring(0, rawId.length() - ".rss".length()));
            feeds.collection(ctx, (feedId == null ? java.util.Optional.<CollectionService.Seen>empty() : collections.view(null, feedId))
                    .filter(s -> s.owner().id() == owner.id() && owner.local()).orElseThrow(() -> new NotFoundException("collection")));
            return;
        }
        Long viewer = viewer(ctx);
        Long id = TimelinePages.id(rawId);
        CollectionService.Seen seen = id == null ? null
                : collections.view(viewer, id).filter(s -> s.owner().id() == owner.id()).orElse(null);
        if (seen == null) throw new NotFoundException("collection");
        AccountEntity e = accountViews.render(owner);
        CollectionsView.Summary summary = summaries(List.of(seen), viewer).get(0);
        List<CollectionsView.Item> items = items(seen.items(), viewer);
        PhotoCollection c = seen.collection();
        WebPage page = pages.page(ctx, pages.messages().get("collections.page_title", c.title(), name(e)), null);
        // the feed is advertised where a visitor could read it: not for a private collection
        String feed = "private".equals(c.visibility()) ? null : settings.url(summary.path() + ".rss");
        page = page.withHead(new WebPage.Head(page.head().title(), settings.url(summary.path()),
                c.description().isEmpty() ? null : c.description(), summary.cover(), "website", feed,
                owner.uri() + "/collections/" + c.id(), !"public".equals(c.visibility()) || !owner.indexable()));
        pages.render(ctx, 200, "web/collection.jte", page, new CollectionsView.Page(summary, name(e), owner.acct(), "/@" + owner.acct(),
                e.avatar(), viewer != null && viewer == owner.id(), items));
    }

    private void edit(Context ctx, long viewer, int status, CollectionsView.Form form, String error) {
        PhotoCollection c;
        try {
            Long id = TimelinePages.id(ctx.pathParam("id"));
            if (id == null) throw new NotFoundException("collection");
            c = collections.owned(viewer, id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        CollectionService.Seen seen = collections.view(viewer, c.id()).orElseThrow(() -> new NotFoundException("collection"));
        CollectionsView.Summary summary = summaries(List.of(seen), viewer).get(0);
        WebPage page = pages.page(ctx, pages.messages().get("collections.edit_title", c.title()), "profile");
        pages.render(ctx, status, "app/collection_edit.jte", page, new CollectionsView.Edit(summary,
                form != null ? form : new CollectionsView.Form(c.title(), c.description(), c.visibility()), items(seen.items(), viewer), error));
    }

    private void addPage(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long statusId = TimelinePages.id(ctx.queryParam("status"));
        Status s = statusId == null ? null : statuses.visibleById(viewer, statusId).filter(x -> x.accountId() == viewer && !x.isReblog()).orElse(null);
        if (s == null) {
            Forms.notFound(ctx, pages);
            return;
        }
        StatusCard card = StatusCard.from(statusViews.render(s, viewer), Long.toString(viewer), Instant.now(), pages.messages());
        Set<Long> holding = collections.holding(viewer, s.id());
        List<CollectionsView.Choice> choices = collections.own(viewer).stream()
                .map(c -> new CollectionsView.Choice(Long.toString(c.id()), c.title(), c.visibility(), holding.contains(c.id()))).toList();
        WebPage page = pages.page(ctx, pages.messages().get("collections.add_title"), "profile");
        String excerpt = plain(card.contentHtml(), 140);
        pages.render(ctx, 200, "app/collection_add.jte", page, new CollectionsView.Add(card.id(), card.permalink(),
                excerpt == null ? "" : excerpt, choices, "/@" + me(viewer).acct() + "/collections"));
    }

    // ---- changes ----

    private void create(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        CollectionsView.Form form = form(ctx);
        PhotoCollection made;
        try {
            made = collections.create(me.get(), form.title(), form.description(), form.visibility());
        } catch (ValidationException e) {
            // back to the owner's list with the form as it was sent
            Account owner = me(me.get());
            renderIndexFor(ctx, owner, form, e.getMessage());
            return;
        }
        Long first = TimelinePages.id(ctx.formParam("status_id"));
        if (first != null) {
            try {
                collections.add(me.get(), made.id(), first);
            } catch (ValidationException ignored) {
                // the collection is made either way; the post is not the reader's to add
            }
        }
        ctx.redirect("/collections/" + made.id() + "/edit", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void renderIndexFor(Context ctx, Account owner, CollectionsView.Form form, String error) {
        List<CollectionsView.Summary> rows = summaries(collections.listed(owner.id(), owner.id()), owner.id());
        AccountEntity e = accountViews.render(owner);
        WebPage page = pages.page(ctx, pages.messages().get("collections.of", name(e)), "profile");
        pages.render(ctx, 422, "web/collections.jte", page,
                new CollectionsView.Index(name(e), owner.acct(), "/@" + owner.acct(), true, rows, form, error));
    }

    private void add(Context ctx) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.formParam("collection_id"));
        Long statusId = TimelinePages.id(ctx.formParam("status_id"));
        try {
            if (id == null || statusId == null) throw new NotFoundException("collection");
            collections.add(me.get(), id, statusId);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        } catch (ValidationException e) {
            pages.message(ctx, 422, pages.messages().get("collections.add_title"), e.getMessage(), null);
            return;
        }
        Forms.back(ctx, "/collections/" + id + "/edit");
    }

    private void afterItemChange(Context ctx, long viewer, long id) {
        if (Forms.htmx(ctx)) {
            ctx.status(204);
            return;
        }
        // back to the same item in the list, so keyboard users keep their place
        String anchor = ctx.pathParamMap().containsKey("status") ? "#item-" + ctx.pathParam("status") : "";
        ctx.redirect("/collections/" + id + "/edit" + anchor, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private interface Change { void apply(long viewer, long collectionId); }

    /** A change to one of the reader's collections: signed in, CSRF-checked; not theirs → 404; refused → the editor with why. */
    private void change(Context ctx, Change change) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.pathParam("id"));
        try {
            if (id == null) throw new NotFoundException("collection");
            change.apply(me.get(), id);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
        } catch (ValidationException e) {
            edit(ctx, me.get(), 422, null, e.getMessage());
        }
    }

    // ---- views ----

    private List<CollectionsView.Summary> summaries(List<CollectionService.Seen> list, Long viewer) {
        List<Status> firsts = new ArrayList<>();
        for (CollectionService.Seen s : list) if (!s.items().isEmpty()) firsts.add(s.items().get(0));
        var cards = StatusCard.all(statusViews.renderAll(firsts, viewer), viewer == null ? null : viewer.toString(), Instant.now(), pages.messages());
        java.util.Map<String, StatusCard> byId = new java.util.HashMap<>();
        for (StatusCard c : cards) byId.put(c.id(), c);
        List<CollectionsView.Summary> out = new ArrayList<>();
        for (CollectionService.Seen s : list) {
            PhotoCollection c = s.collection();
            StatusCard first = s.items().isEmpty() ? null : byId.get(Long.toString(s.items().get(0).id()));
            StatusCard.Media m = first == null ? null : first.media().stream().filter(x -> x.image() || x.video()).findFirst().orElse(null);
            out.add(new CollectionsView.Summary(Long.toString(c.id()), c.title(), c.description(), c.visibility(),
                    "/@" + s.owner().acct() + "/collections/" + c.id(), m == null || first.hideMedia() ? null : m.preview(),
                    m == null ? "" : m.description(), s.items().size()));
        }
        return out;
    }

    private List<CollectionsView.Item> items(List<Status> list, Long viewer) {
        var cards = StatusCard.all(statusViews.renderAll(list, viewer), viewer == null ? null : viewer.toString(), Instant.now(), pages.messages());
        List<CollectionsView.Item> out = new ArrayList<>();
        for (StatusCard c : cards) {
            StatusCard.Media m = c.media().stream().filter(x -> x.image() || x.video()).findFirst().orElse(null);
            boolean hidden = c.hideMedia();
            String text = c.hasSpoiler() ? c.spoilerText() : plain(c.contentHtml(), 120);
            out.add(new CollectionsView.Item(c.id(), c.permalink(), m == null || hidden ? null : m.preview(),
                    m == null ? "" : m.description(), m == null ? null : m.blurhash(), m != null && m.video(), c.media().size() > 1,
                    text == null ? "" : text));
        }
        return out;
    }

    private Long viewer(Context ctx) { return sessions.current(ctx).map(s -> s.account().id()).orElse(null); }

    private Account me(long viewer) { return accounts.visibleById(viewer).orElseThrow(() -> new NotFoundException("account")); }

    private Account byAcct(String acct) {
        int at = acct.indexOf('@');
        String domain = at > 0 ? acct.substring(at + 1) : null;
        if (domain != null && domain.equalsIgnoreCase(settings.domain())) domain = null;
        return accounts.visibleByAcct(at > 0 ? acct.substring(0, at) : acct, domain).filter(a -> !a.suspended())
                .orElseThrow(() -> new NotFoundException("account"));
    }

    private static String name(AccountEntity e) { return e.displayName() == null || e.displayName().isBlank() ? e.username() : e.displayName(); }

    private static CollectionsView.Form form(Context ctx) {
        return new CollectionsView.Form(nz(ctx.formParam("title")), nz(ctx.formParam("description")),
                ctx.formParam("visibility") == null ? "public" : ctx.formParam("visibility"));
    }

    private static String nz(String s) { return s == null ? "" : s; }

    /** The text of server-made or sanitized HTML, cut at {@code max} characters (null when there is none). */
    static String plain(String html, int max) {
        if (html == null || html.isBlank()) return null;
        String s = html.replaceAll("(?i)<br\\s*/?>|</p>\\s*<p>", " ").replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#64;", "@")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
        if (s.isEmpty()) return null;
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }
}
