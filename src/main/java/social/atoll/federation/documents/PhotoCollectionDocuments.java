package social.atoll.federation.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.collection.CollectionService;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.Contexts;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * Collections (Pixelfed's, issue 11) over ActivityPub. {@code /users/alice/collections/123} is an
 * {@code OrderedCollection} whose {@code orderedItems} are the ids of the Notes in the owner's order — those the
 * fetcher may see ({@link CollectionService}: a signed fetch is its signer, an unsigned one anonymous), with
 * {@code name}, {@code summary}, {@code attributedTo} and {@code url} (its page). {@code /users/alice/collections}
 * (the actor's {@code collections} property) lists the public ones. Pixelfed does not federate collections, so
 * this shape is Atoll's own (README). Registered after {@link CollectionsController}: its {@code featured} and
 * {@code tags} collections keep their paths.
 */
public final class PhotoCollectionDocuments implements Controller {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final AccountStore accounts;
    private final CollectionService collections;
    private final FetchAccess access;

    public PhotoCollectionDocuments(AccountStore accounts, CollectionService collections, FetchAccess access) {
        this.accounts = accounts;
        this.collections = collections;
        this.access = access;
    }

    /** The ActivityPub id of a collection of {@code owner}. */
    public static String id(Account owner, long collectionId) { return owner.uri() + "/collections/" + collectionId; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/users/{username}/collections", this::index);
        r.get("/users/{username}/collections/{id}", this::one);
    }

    private void index(Context ctx) {
        Account owner = owner(ctx);
        Long fetcher = access.fetcher(ctx).accountId();
        var listed = collections.listed(fetcher, owner.id()).stream()
                .filter(s -> "public".equals(s.collection().visibility())).toList();
        ObjectNode c = F.objectNode();
        c.put("@context", Contexts.plain());
        c.put("id", owner.uri() + "/collections");
        c.put("type", "Collection");
        c.put("totalItems", listed.size());
        ArrayNode items = c.putArray("items");
        for (var s : listed) items.add(id(owner, s.collection().id()));
        ActivityJson.send(ctx, c);
    }

    private void one(Context ctx) {
        Account owner = owner(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        String page = owner.url() != null ? owner.url() + "/collections/" + id : null;
        if (!ActivityJson.wanted(ctx) && page != null) {
            ctx.redirect(page, io.javalin.http.HttpStatus.FOUND);
            return;
        }
        Long fetcher = access.fetcher(ctx).accountId();
        var seen = collections.view(fetcher, id).filter(s -> s.owner().id() == owner.id()).orElseThrow(ApiException::notFound);
        List<Status> items = seen.items();
        ObjectNode c = F.objectNode();
        c.put("@context", Contexts.plain());
        c.put("id", id(owner, id));
        c.put("type", "OrderedCollection");
        c.put("name", seen.collection().title());
        if (!seen.collection().description().isEmpty()) c.put("summary", seen.collection().description());
        c.put("attributedTo", owner.uri());
        if (page != null) c.put("url", page);
        c.put("published", seen.collection().createdAt().toString());
        c.put("updated", seen.collection().updatedAt().toString());
        c.put("totalItems", items.size());
        ArrayNode ordered = c.putArray("orderedItems");
        for (Status s : items) ordered.add(s.uri());
        ActivityJson.send(ctx, c);
    }

    private Account owner(Context ctx) {
        return accounts.visibleByAcct(ctx.pathParam("username"), null).filter(a -> !a.suspended()).orElseThrow(ApiException::notFound);
    }
}
