package social.atoll.core.collection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.UserText;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Collections of one's own posts, as Pixelfed has them. Two questions, two rules: whether a reader may see the
 * collection at all is its own visibility (public and unlisted: anyone; private: the owner's followers; a suspended
 * owner's: no one); which of its posts the reader then sees is {@link VisibilityPolicy}'s, post by post, as everywhere
 * else — a followers-only post in a public collection stays hidden from strangers.
 */
public final class CollectionService {

    /** Pixelfed's default limits: collections per account and posts per collection. */
    public static final int MAX_COLLECTIONS = 100;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 500;

    /** A collection as one reader sees it: the posts they may see, in the owner's order. */
    public record Seen(PhotoCollection collection, Account owner, List<Status> items) {}

    private final Database db;
    private final CollectionStore store;
    private final StatusStore statuses;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;

    public CollectionService(Database db, CollectionStore store, StatusStore statuses, AccountStore accounts, FollowStore follows,
                             VisibilityPolicy visibility, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.accounts = accounts;
        this.follows = follows;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
    }

    // ---- the owner's side ----

    /** The owner's collections, newest first (all of them, whatever their visibility). */
    public List<PhotoCollection> own(long ownerId) { return store.byAccount(ownerId); }

    /** The owner's collection; someone else's does not exist for them. */
    public PhotoCollection owned(long ownerId, long id) {
        return store.byId(id).filter(c -> c.accountId() == ownerId).orElseThrow(() -> new NotFoundException("collection"));
    }

    public PhotoCollection create(long ownerId, String title, String description, String visibility) {
        String t = title(title);
        String d = description(description);
        String v = visibility(visibility);
        long id = ids.next();
        Instant now = clock.instant();
        db.write(h -> {
            if (store.count(h, ownerId) >= MAX_COLLECTIONS)
                throw new ValidationException("You cannot have more than " + MAX_COLLECTIONS + " collections");
            store.insert(h, new PhotoCollection(id, ownerId, t, d, v, now, now));
            return null;
        });
        return owned(ownerId, id);
    }

    /** Changes the collection; a null field keeps its value (an API client may send only what it changes). */
    public PhotoCollection update(long ownerId, long id, String title, String description, String visibility) {
        PhotoCollection c = owned(ownerId, id);
        String t = title(title == null ? c.title() : title);
        String d = description(description == null ? c.description() : description);
        String v = visibility(visibility == null ? c.visibility() : visibility);
        db.write(h -> {
            store.update(h, id, t, d, v, clock.instant());
            return null;
        });
        return owned(ownerId, id);
    }

    public void delete(long ownerId, long id) {
        owned(ownerId, id);
        db.write(h -> {
            store.delete(h, id);
            return null;
        });
    }

    /** Adds one of the owner's own posts (not a boost) at the end and answers it; adding it again changes nothing. */
    public Status add(long ownerId, long id, long statusId) {
        owned(ownerId, id);
        Status s = statuses.byId(statusId).filter(x -> x.accountId() == ownerId && !x.isReblog())
                .orElseThrow(() -> new ValidationException("Only your own posts can be added to a collection"));
        db.write(h -> {
            List<Long> items = store.items(h, id);
            if (items.contains(s.id())) return null;
            if (items.size() >= MAX_ITEMS) throw new ValidationException("A collection holds at most " + MAX_ITEMS + " posts");
            store.append(h, id, s.id());
            store.touch(h, id, clock.instant());
            return null;
        });
        return s;
    }

    public void remove(long ownerId, long id, long statusId) {
        owned(ownerId, id);
        db.write(h -> {
            store.remove(h, id, statusId);
            store.renumber(h, id, store.items(h, id));
            store.touch(h, id, clock.instant());
            return null;
        });
    }

    /** Moves a post one place up ({@code by} = -1) or down (+1); at either end it stays. */
    public void move(long ownerId, long id, long statusId, int by) {
        owned(ownerId, id);
        db.write(h -> {
            List<Long> items = new ArrayList<>(store.items(h, id));
            int at = items.indexOf(statusId);
            if (at < 0) throw new NotFoundException("post");
            int to = Math.max(0, Math.min(items.size() - 1, at + by));
            items.add(to, items.remove(at));
            store.renumber(h, id, items);
            return null;
        });
    }

    /**
     * Puts the posts in {@code order} (as a drag and drop sends it): the posts named come first in that order, any the
     * list left out keep their order after them, ids not in the collection are ignored.
     */
    public void reorder(long ownerId, long id, List<Long> order) {
        owned(ownerId, id);
        db.write(h -> {
            List<Long> current = store.items(h, id);
            Set<Long> present = new HashSet<>(current);
            List<Long> next = new ArrayList<>();
            for (Long s : order) if (present.contains(s) && !next.contains(s)) next.add(s);
            for (Long s : current) if (!next.contains(s)) next.add(s);
            store.renumber(h, id, next);
            return null;
        });
    }

    /** Which of the owner's collections hold the post (to mark them in "Add to collection"). */
    public Set<Long> holding(long ownerId, long statusId) { return store.holding(ownerId, statusId); }

    // ---- the reader's side ----

    /** The collection with its posts that {@code viewerId} (null: anonymous) may see; empty when they may not see it. */
    public Optional<Seen> view(Long viewerId, long id) {
        Optional<PhotoCollection> c = store.byId(id);
        if (c.isEmpty()) return Optional.empty();
        Optional<Account> owner = accounts.byId(c.get().accountId()).filter(a -> !a.suspended());
        if (owner.isEmpty() || !mayOpen(viewerId, c.get())) return Optional.empty();
        return Optional.of(new Seen(c.get(), owner.get(), visibleItems(viewerId, store.items(id))));
    }

    /**
     * The collections of {@code ownerId} listed for {@code viewerId}: the owner sees all of theirs; others the public
     * ones, and the private ones when they follow the owner (unlisted ones are reached by their link only). Each with
     * the posts the reader may see, read in a fixed number of queries however many collections.
     */
    public List<Seen> listed(Long viewerId, long ownerId) {
        Optional<Account> owner = accounts.byId(ownerId).filter(a -> !a.suspended());
        if (owner.isEmpty()) return List.of();
        boolean self = viewerId != null && viewerId == ownerId;
        boolean follower = !self && viewerId != null && follows(viewerId, ownerId);
        List<PhotoCollection> shown = store.byAccount(ownerId).stream()
                .filter(c -> self || "public".equals(c.visibility()) || ("private".equals(c.visibility()) && follower)).toList();
        Map<Long, List<Long>> items = store.items(shown.stream().map(PhotoCollection::id).toList());
        Set<Long> all = new HashSet<>();
        items.values().forEach(all::addAll);
        Map<Long, Status> byId = statuses.byIds(all);
        Set<Long> visible = new HashSet<>();
        for (Status s : visibility.filter(viewerId, new ArrayList<>(byId.values()))) visible.add(s.id());
        List<Seen> out = new ArrayList<>();
        for (PhotoCollection c : shown) {
            List<Status> seen = new ArrayList<>();
            for (long sid : items.get(c.id())) if (visible.contains(sid)) seen.add(byId.get(sid));
            out.add(new Seen(c, owner.get(), seen));
        }
        return out;
    }

    private boolean mayOpen(Long viewerId, PhotoCollection c) {
        if (viewerId != null && viewerId == c.accountId()) return true;
        return switch (c.visibility()) {
            case "public", "unlisted" -> true;
            default -> viewerId != null && follows(viewerId, c.accountId());
        };
    }

    private boolean follows(long viewerId, long ownerId) {
        return db.read(h -> follows.followedAmong(h, viewerId, List.of(ownerId)).contains(ownerId));
    }

    private List<Status> visibleItems(Long viewerId, List<Long> ids) {
        Map<Long, Status> byId = statuses.byIds(ids);
        List<Status> ordered = new ArrayList<>();
        for (long id : ids) if (byId.containsKey(id)) ordered.add(byId.get(id));
        return visibility.filter(viewerId, ordered);
    }

    private static String title(String raw) {
        String t = UserText.oneLine(raw == null ? "" : raw).strip();
        if (t.isEmpty()) throw new ValidationException("A collection needs a title");
        if (t.codePointCount(0, t.length()) > MAX_TITLE) throw new ValidationException("The title is too long (at most " + MAX_TITLE + " characters)");
        return t;
    }

    private static String description(String raw) {
        String d = UserText.multiLine(raw == null ? "" : raw).strip();
        if (d.codePointCount(0, d.length()) > MAX_DESCRIPTION)
            throw new ValidationException("The description is too long (at most " + MAX_DESCRIPTION + " characters)");
        return d;
    }

    private static String visibility(String raw) {
        String v = raw == null || raw.isBlank() ? "public" : raw.strip();
        if (!PhotoCollection.VISIBILITIES.contains(v)) throw new ValidationException("Visibility must be public, unlisted or private");
        return v;
    }
}
