package social.atoll.federation.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.federation.vocab.Contexts;
import social.atoll.federation.vocab.NoteWriter;
import social.atoll.infra.db.Database;
import social.atoll.web.Pages;
import social.atoll.web.view.StatusPageView;

/**
 * Local statuses as ActivityStreams: the object at its id ({@code /users/{name}/statuses/{id}}) and at its HTML URL
 * ({@code /@{name}/{id}}) — both answer AS clients with JSON directly, no redirect (Pixelfed fetches by {@code url}
 * and follows no redirects) — the {@code Create} (or, for a boost, the {@code Announce}) at
 * {@code …/activity}, and the replies collection. Visibility is the core policy's, for the signer of the request (an
 * unsigned fetch sees only public and unlisted statuses); what the fetcher may not see is a 404.
 */
public final class StatusDocumentsController implements Controller {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int REPLIES_PAGE = 20;

    private final Settings settings;
    private final Database db;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final NoteWriter notes;
    private final FetchAccess access;
    private final Pages pages;

    public StatusDocumentsController(Settings settings, Database db, AccountStore accounts, StatusStore statuses,
                                     VisibilityPolicy visibility, NoteWriter notes, FetchAccess access, Pages pages) {
        this.settings = settings;
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.visibility = visibility;
        this.notes = notes;
        this.access = access;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/users/{username}/statuses/{id}", ctx -> object(ctx, true));
        r.get("/@{username}/{id}", ctx -> object(ctx, false));
        r.get("/users/{username}/statuses/{id}/activity", this::activity);
        r.get("/users/{username}/statuses/{id}/replies", this::replies);
    }

    private record Found(Account author, Status status) {}

    private void object(Context ctx, boolean atId) {
        boolean as = ActivityJson.wanted(ctx);
        Found f = find(ctx, as ? access.fetcher(ctx).accountId() : null);
        if (!as) {
            if (f.status.isReblog()) {
                // a boost has no page of its own: show the boosted post
                Status original = statuses.byId(f.status.reblogOfId()).orElseThrow(ApiException::notFound);
                ctx.redirect(original.url() != null ? original.url() : original.uri(), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            if (atId) {
                ctx.redirect(f.status.url() != null ? f.status.url() : f.status.uri(), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            page(ctx, f);
            return;
        }
        if (f.status.isReblog()) {
            ActivityJson.send(ctx, announce(f.status));
            return;
        }
        ActivityJson.send(ctx, notes.object(f.status));
    }

    private void activity(Context ctx) {
        Found f = find(ctx, access.fetcher(ctx).accountId());
        ActivityJson.send(ctx, f.status.isReblog() ? announce(f.status) : notes.create(f.status));
    }

    private ObjectNode announce(Status boost) {
        Status original = statuses.byId(boost.reblogOfId()).orElseThrow(ApiException::notFound);
        return notes.announce(boost, original);
    }

    /**
     * The replies collection as Mastodon pages it: the collection embeds a first page; {@code ?page=true} pages list
     * the public and unlisted replies (ids), oldest first, after {@code min_id}; {@code only_other_accounts=true}
     * leaves out the author's own.
     */
    private void replies(Context ctx) {
        Found f = find(ctx, access.fetcher(ctx).accountId());
        String base = f.status.uri() + "/replies";
        boolean others = "true".equals(ctx.queryParam("only_other_accounts"));
        Long minId = parseId(ctx.queryParam("min_id"));
        if (!"true".equals(ctx.queryParam("page"))) {
            ObjectNode c = F.objectNode();
            c.put("@context", Contexts.plain());
            c.put("id", base);
            c.put("type", "Collection");
            c.set("first", repliesPage(f, base, false, null));
            ActivityJson.send(ctx, c);
            return;
        }
        ObjectNode page = repliesPage(f, base, others, minId);
        page.put("@context", Contexts.plain());
        ActivityJson.send(ctx, page);
    }

    private ObjectNode repliesPage(Found f, String base, boolean others, Long minId) {
        String sql = "SELECT id, uri FROM statuses WHERE in_reply_to_id = :s AND deleted_at IS NULL AND visibility IN ('public', 'unlisted')"
                + (others ? " AND account_id <> :a" : " AND account_id = :a")
                + (minId != null ? " AND id > :min" : "") + " ORDER BY id LIMIT :limit";
        List<java.util.Map.Entry<Long, String>> rows = db.read(h -> {
            var q = h.createQuery(sql).bind("s", f.status.id()).bind("a", f.author.id()).bind("limit", REPLIES_PAGE);
            if (minId != null) q.bind("min", minId);
            return q.map((rs, c) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list();
        });
        ObjectNode page = F.objectNode();
        String query = "?only_other_accounts=" + others + "&page=true";
        page.put("id", base + query + (minId != null ? "&min_id=" + minId : ""));
        page.put("type", "CollectionPage");
        page.put("partOf", base);
        ArrayNode items = page.putArray("items");
        rows.forEach(e -> items.add(e.getValue()));
        if (rows.size() == REPLIES_PAGE) page.put("next", base + query + "&min_id=" + rows.get(rows.size() - 1).getKey());
        else if (!others) page.put("next", base + "?only_other_accounts=true&page=true");
        return page;
    }

    private void page(Context ctx, Found f) {
        Account a = f.author;
        String name = a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName();
        pages.render(ctx, 200, "web/status.jte", new StatusPageView(settings.domain(), name, "@" + a.username() + "@" + settings.domain(),
                a.url() != null ? a.url() : a.uri(), f.status.spoilerText() == null ? "" : f.status.spoilerText(),
                f.status.content(), f.status.uri(), f.status.createdAt().toString()));
    }

    /** The local status of the path, if the fetcher may see it; 404 otherwise (never revealing that it exists). */
    private Found find(Context ctx, Long viewerId) {
        Long id = parseId(ctx.pathParam("id"));
        if (id == null) throw ApiException.notFound();
        Account author = accounts.visibleByAcct(ctx.pathParam("username"), null).orElseThrow(ApiException::notFound);
        Status s = statuses.byId(id).filter(x -> x.local() && x.accountId() == author.id()).orElseThrow(ApiException::notFound);
        if (!visibility.canSee(viewerId, s)) throw ApiException.notFound();
        return new Found(author, s);
    }

    private static Long parseId(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
