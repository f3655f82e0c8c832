package social.atoll.federation.documents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.config.Settings;
import social.atoll.core.status.AccountStatusFilter;
import social.atoll.core.featured.FeaturedTagService;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.vocab.Contexts;
import social.atoll.federation.vocab.NoteWriter;

/**
 * An actor's collections (spec §6): outbox (Create/Announce of public and unlisted statuses, 20 a page, newest
 * first, paged by {@code max_id}/{@code min_id}), followers and following (counts always; the actor ids only when the
 * owner does not hide them), featured (pinned statuses as full objects) and featured tags. The instance actor has an
 * empty outbox.
 */
public final class CollectionsController implements Controller {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int OUTBOX_PAGE = 20;
    private static final int FOLLOW_PAGE = 40;

    private final AccountStore accounts;
    private final StatusStore statuses;
    private final FollowStore follows;
    private final VisibilityPolicy visibility;
    private final NoteWriter notes;
    private final Settings settings;
    private final FeaturedTagService featured;
    private final InstanceActor instanceActor;
    private final FetchAccess access;

    public CollectionsController(Settings settings, AccountStore accounts, StatusStore statuses, FollowStore follows,
                                 VisibilityPolicy visibility, FeaturedTagService featured, NoteWriter notes, InstanceActor instanceActor,
                                 FetchAccess access) {
        this.settings = settings;
        this.featured = featured;
        this.accounts = accounts;
        this.statuses = statuses;
        this.follows = follows;
        this.visibility = visibility;
        this.notes = notes;
        this.instanceActor = instanceActor;
        this.access = access;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/actor/outbox", ctx -> {
            ObjectNode c = collection(instanceActor.uri() + "/outbox", "OrderedCollection", 0);
            c.putArray("orderedItems");
            ActivityJson.send(ctx, c);
        });
        r.get("/users/{username}/outbox", this::outbox);
        r.get("/users/{username}/followers", ctx -> follows(ctx, true));
        r.get("/users/{username}/following", ctx -> follows(ctx, false));
        r.get("/users/{username}/collections/featured", this::featured);
        r.get("/users/{username}/collections/tags", this::featuredTags);
    }

    /** The hashtags the account features on its profile, as Mastodon serves them: {@code Hashtag} objects. */
    private void featuredTags(Context ctx) {
        access.fetcher(ctx);
        Account a = owner(ctx);
        List<FeaturedTagService.FeaturedTag> tags = featured.of(a.id());
        ObjectNode c = collection(a.uri() + "/collections/tags", "Collection", tags.size());
        ArrayNode items = c.putArray("items");
        for (FeaturedTagService.FeaturedTag f : tags) {
            ObjectNode h = items.addObject();
            h.put("type", "Hashtag");
            h.put("href", settings.url("/tags/" + URLEncoder.encode(f.tag().name(), StandardCharsets.UTF_8).replace("+", "%20")));
            h.put("name", "#" + f.tag().name());
        }
        ActivityJson.send(ctx, c);
    }

    private void outbox(Context ctx) {
        access.fetcher(ctx);
        Account a = owner(ctx);
        String base = a.outboxUrl() != null ? a.outboxUrl() : a.uri() + "/outbox";
        if (!"true".equals(ctx.queryParam("page"))) {
            ObjectNode c = collection(base, "OrderedCollection", a.statusesCount());
            c.put("first", base + "?page=true");
            c.put("last", base + "?page=true&min_id=0");
            ActivityJson.send(ctx, c);
            return;
        }
        Long maxId = id(ctx.queryParam("max_id"));
        Long minId = id(ctx.queryParam("min_id"));
        IdRange range = new IdRange(maxId, null, minId, OUTBOX_PAGE);
        // what an anonymous reader may see, whoever signed: the outbox is one document for every fetcher (local-only
        // statuses stay out of it, as the policy's condition says)
        List<Status> page = a.suspended() ? List.of() : statuses.byAccount(a.id(), null, visibility.authorCondition(null, a),
                new AccountStatusFilter(false, false, false, false, null), range);
        page = visibility.filter(null, page);
        List<Status> originals = page.stream().filter(s -> !s.isReblog()).toList();
        Map<Long, ObjectNode> creates = new HashMap<>();
        List<ObjectNode> rendered = notes.createActivities(originals);
        for (int i = 0; i < originals.size(); i++) creates.put(originals.get(i).id(), rendered.get(i));
        Map<Long, Status> boosted = statuses.byIds(page.stream().filter(Status::isReblog).map(Status::reblogOfId).toList());
        ObjectNode p = F.objectNode();
        p.put("@context", Contexts.plain());
        p.put("id", base + "?" + ctx.queryString());
        p.put("type", "OrderedCollectionPage");
        p.put("partOf", base);
        ArrayNode items = p.putArray("orderedItems");
        for (Status s : page) {
            if (!s.isReblog()) items.add(creates.get(s.id()));
            else if (boosted.containsKey(s.reblogOfId())) {
                ObjectNode announce = notes.announce(s, boosted.get(s.reblogOfId()));
                announce.remove("@context");
                items.add(announce);
            }
        }
        if (!page.isEmpty()) {
            p.put("next", base + "?page=true&max_id=" + page.get(page.size() - 1).id());
            p.put("prev", base + "?page=true&min_id=" + page.get(0).id());
        }
        ActivityJson.send(ctx, p);
    }

    private void follows(Context ctx, boolean followers) {
        access.fetcher(ctx);
        Account a = owner(ctx);
        String base = followers ? (a.followersUrl() != null ? a.followersUrl() : a.uri() + "/followers")
                : (a.followingUrl() != null ? a.followingUrl() : a.uri() + "/following");
        int total = followers ? a.followersCount() : a.followingCount();
        boolean hidden = a.hideCollections() || a.suspended();
        if (!"true".equals(ctx.queryParam("page")) && ctx.queryParam("page") == null) {
            ObjectNode c = collection(base, "OrderedCollection", total);
            if (!hidden) c.put("first", base + "?page=true");
            ActivityJson.send(ctx, c);
            return;
        }
        if (hidden) throw new ApiException(403, "This collection is hidden");
        IdRange range = new IdRange(id(ctx.queryParam("max_id")), null, null, FOLLOW_PAGE);
        List<FollowStore.Edge> edges = followers ? follows.followers(a.id(), null, range) : follows.following(a.id(), null, range);
        Map<Long, Account> found = accounts.byIds(edges.stream().map(FollowStore.Edge::accountId).toList());
        ObjectNode p = F.objectNode();
        p.put("@context", Contexts.plain());
        p.put("id", base + "?" + ctx.queryString());
        p.put("type", "OrderedCollectionPage");
        p.put("totalItems", total);
        p.put("partOf", base);
        ArrayNode items = p.putArray("orderedItems");
        for (FollowStore.Edge e : edges) {
            Account f = found.get(e.accountId());
            if (f != null) items.add(f.uri());
        }
        if (edges.size() == FOLLOW_PAGE) p.put("next", base + "?page=true&max_id=" + edges.get(edges.size() - 1).rowId());
        ActivityJson.send(ctx, p);
    }

    private void featured(Context ctx) {
        Long viewer = access.fetcher(ctx).accountId();
        Account a = owner(ctx);
        List<Status> pinned = a.suspended() ? List.of() : statuses.byAccount(a.id(), viewer, visibility.authorCondition(viewer, a),
                new AccountStatusFilter(false, false, true, true, null), IdRange.newest(20));
        pinned = visibility.filter(viewer, pinned);
        ObjectNode c = collection(a.featuredUrl() != null ? a.featuredUrl() : a.uri() + "/collections/featured", "OrderedCollection", pinned.size());
        c.set("@context", Contexts.note());
        ArrayNode items = c.putArray("orderedItems");
        notes.objects(pinned).forEach(items::add);
        ActivityJson.send(ctx, c);
    }

    private static ObjectNode collection(String id, String type, int total) {
        ObjectNode c = F.objectNode();
        c.put("@context", Contexts.plain());
        c.put("id", id);
        c.put("type", type);
        c.put("totalItems", total);
        return c;
    }

    private Account owner(Context ctx) {
        return accounts.visibleByAcct(ctx.pathParam("username"), null).orElseThrow(ApiException::notFound);
    }

    private static Long id(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
