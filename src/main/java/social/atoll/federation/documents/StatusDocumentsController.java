package social.atoll.federation.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusLookup;
import social.atoll.core.status.StatusStore;
import social.atoll.federation.vocab.Contexts;
import social.atoll.federation.vocab.NoteWriter;
import social.atoll.server.ApiException;
import social.atoll.server.BrowserPages;
import social.atoll.server.Controller;

/**
 * Local statuses as ActivityStreams: the object at its id ({@code /users/{name}/statuses/{id}}) and at its HTML URL
 * ({@code /@{name}/{id}}) — both answer AS clients with JSON directly, no redirect (Pixelfed fetches by {@code url}
 * and follows no redirects) — the {@code Create} (or, for a boost, the {@code Announce}) at
 * {@code …/activity}, and the replies collection. Browsers get the web app's page of the post (and of a stored remote
 * post at {@code /@bob@example.org/456}). Visibility is the core policy's, for the signer of the request (an
 * unsigned fetch sees only public and unlisted statuses); what the fetcher may not see is a 404.
 */
public final class StatusDocumentsController implements Controller {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int REPLIES_PAGE = 20;

    private final StatusLookup statuses;
    private final NoteWriter notes;
    private final FetchAccess access;
    private final BrowserPages pages;

    public StatusDocumentsController(StatusLookup statuses, NoteWriter notes, FetchAccess access, BrowserPages pages) {
        this.statuses = statuses;
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

    private void object(Context ctx, boolean atId) {
        boolean as = ActivityJson.wanted(ctx);
        if (!as) {
            // browsers: the web app shows the post to its signed-in reader (or a visitor), whose cookie it knows
            String name = ctx.pathParam("username");
            Long id = parseId(ctx.pathParam("id"));
            if (id == null) throw ApiException.notFound();
            if (atId) {
                StatusLookup.Authored f = find(ctx, null);
                Status shown = f.status().isReblog() ? statuses.boosted(f.status()).orElseThrow(ApiException::notFound) : f.status();
                ctx.redirect(shown.url() != null ? shown.url() : shown.uri(), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            int at = name.indexOf('@');
            pages.status(ctx, at > 0 ? name.substring(0, at) : name, at > 0 ? name.substring(at + 1) : null, id);
            return;
        }
        if (ctx.pathParam("username").contains("@")) throw ApiException.notFound(); // its own server answers for it
        StatusLookup.Authored f = find(ctx, access.fetcher(ctx).accountId());
        if (f.status().isReblog()) {
            ActivityJson.send(ctx, announce(f.status()));
            return;
        }
        ActivityJson.send(ctx, notes.object(f.status()));
    }

    private void activity(Context ctx) {
        StatusLookup.Authored f = find(ctx, access.fetcher(ctx).accountId());
        ActivityJson.send(ctx, f.status().isReblog() ? announce(f.status()) : notes.create(f.status()));
    }

    private ObjectNode announce(Status boost) {
        Status original = statuses.boosted(boost).orElseThrow(ApiException::notFound);
        return notes.announce(boost, original);
    }

    /**
     * The replies collection as Mastodon pages it: the collection embeds a first page; {@code ?page=true} pages list
     * the public and unlisted replies (ids), oldest first, after {@code min_id}; {@code only_other_accounts=true}
     * leaves out the author's own.
     */
    private void replies(Context ctx) {
        StatusLookup.Authored f = find(ctx, access.fetcher(ctx).accountId());
        String base = f.status().uri() + "/replies";
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

    private ObjectNode repliesPage(StatusLookup.Authored f, String base, boolean others, Long minId) {
        List<StatusStore.ReplyRef> rows = statuses.publicReplies(f.status(), others, minId, REPLIES_PAGE);
        ObjectNode page = F.objectNode();
        String query = "?only_other_accounts=" + others + "&page=true";
        page.put("id", base + query + (minId != null ? "&min_id=" + minId : ""));
        page.put("type", "CollectionPage");
        page.put("partOf", base);
        ArrayNode items = page.putArray("items");
        rows.forEach(r -> items.add(r.uri()));
        if (rows.size() == REPLIES_PAGE) page.put("next", base + query + "&min_id=" + rows.get(rows.size() - 1).id());
        else if (!others) page.put("next", base + "?only_other_accounts=true&page=true");
        return page;
    }

    /** The local status of the path, if the fetcher may see it; 404 otherwise (never revealing that it exists). */
    private StatusLookup.Authored find(Context ctx, Long viewerId) {
        Long id = parseId(ctx.pathParam("id"));
        if (id == null) throw ApiException.notFound();
        if (statuses.suspendedLocal(ctx.pathParam("username"))) throw new ApiException(410, "Gone");
        return statuses.visibleLocal(ctx.pathParam("username"), id, viewerId).orElseThrow(ApiException::notFound);
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
