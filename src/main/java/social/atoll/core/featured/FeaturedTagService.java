package social.atoll.core.featured;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.status.StatusFeedStore;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Hashtags an account features on its profile, with how many of its public statuses carry each and when it last
 * used it (counted from {@code status_tags}, one grouped query for all of an account's featured tags).
 */
public final class FeaturedTagService {

    /** A featured tag with its counts. */
    public record FeaturedTag(long id, long accountId, Tag tag, long statusesCount, Instant lastStatusAt) {}

    private final Database db;
    private final FeaturedTagStore store;
    private final TagStore tags;
    private final StatusFeedStore statuses;
    private final IdGenerator ids;
    private final Clock clock;

    public FeaturedTagService(Database db, FeaturedTagStore store, TagStore tags, StatusFeedStore statuses, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.tags = tags;
        this.statuses = statuses;
        this.ids = ids;
        this.clock = clock;
    }

    public List<FeaturedTag> of(long accountId) {
        List<FeaturedTagStore.Row> rows = store.byAccount(accountId);
        if (rows.isEmpty()) return List.of();
        List<Long> tagIds = rows.stream().map(FeaturedTagStore.Row::tagId).toList();
        Map<Long, Tag> byId = tags.byIds(tagIds);
        Map<Long, StatusFeedStore.TagUse> uses = statuses.tagUseBy(accountId, tagIds);
        List<FeaturedTag> out = new ArrayList<>();
        for (FeaturedTagStore.Row r : rows) {
            Tag t = byId.get(r.tagId());
            if (t == null) continue;
            StatusFeedStore.TagUse u = uses.get(r.tagId());
            out.add(new FeaturedTag(r.id(), accountId, t, u == null ? 0 : u.count(), u == null ? null : u.lastUsedAt()));
        }
        return out;
    }

    /** Features a tag (creating the tag if needed); featuring it again is a 422, as the limit is. */
    public FeaturedTag feature(long accountId, String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.startsWith("#")) name = name.substring(1);
        if (!Tag.valid(name)) throw new ValidationException("Tag is invalid");
        String n = name;
        long id = db.write(h -> {
            if (store.count(h, accountId) >= InstanceLimits.MAX_FEATURED_TAGS)
                throw new ValidationException("You cannot feature more than " + InstanceLimits.MAX_FEATURED_TAGS + " hashtags");
            Instant now = clock.instant();
            long tagId = tags.insertIfAbsent(h, ids.next(), n, Tag.key(n), now).id();
            long rowId = ids.next();
            int added = store.insert(h, rowId, accountId, tagId, now);
            if (added == 0) throw new ValidationException("Tag has already been taken");
            return rowId;
        });
        return of(accountId).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    /**
     * Makes a remote account's featured tags those its server lists (read from its {@code featuredTags} collection),
     * as Mastodon does: tags it no longer lists go, new ones come, kept ones keep their row. Invalid names are
     * skipped; at most {@link InstanceLimits#MAX_FEATURED_TAGS}, in the server's order.
     */
    public void replaceRemote(long accountId, List<String> names) {
        Map<String, String> byKey = new java.util.LinkedHashMap<>();
        for (String raw : names) {
            String name = bare(raw);
            if (!Tag.valid(name)) continue;
            byKey.putIfAbsent(Tag.key(name), name);
            if (byKey.size() == InstanceLimits.MAX_FEATURED_TAGS) break;
        }
        db.write(h -> {
            Instant now = clock.instant();
            List<Long> tagIds = new ArrayList<>();
            for (Map.Entry<String, String> e : byKey.entrySet()) tagIds.add(tags.insertIfAbsent(h, ids.next(), e.getValue(), e.getKey(), now).id());
            store.deleteOthers(h, accountId, tagIds);
            for (long tagId : tagIds) store.insert(h, ids.next(), accountId, tagId, now);
            return null;
        });
    }

    /**
     * A remote account features one more tag (its server sent {@code Add} of a {@code Hashtag}); ignored when the
     * name is invalid, the tag is featured already or the account has the most it may have.
     */
    public void addRemote(long accountId, String rawName) {
        String name = bare(rawName);
        if (!Tag.valid(name)) return;
        db.write(h -> {
            if (store.count(h, accountId) >= InstanceLimits.MAX_FEATURED_TAGS) return null;
            Instant now = clock.instant();
            long tagId = tags.insertIfAbsent(h, ids.next(), name, Tag.key(name), now).id();
            store.insert(h, ids.next(), accountId, tagId, now);
            return null;
        });
    }

    /** A remote account stops featuring a tag ({@code Remove} of a {@code Hashtag}). */
    public void removeRemote(long accountId, String rawName) {
        String name = bare(rawName);
        if (Tag.valid(name)) store.deleteByTagKey(accountId, Tag.key(name));
    }

    private static String bare(String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        return name.startsWith("#") ? name.substring(1) : name;
    }

    public void unfeature(long accountId, long featuredTagId) {
        int removed = store.delete(accountId, featuredTagId);
        if (removed == 0) throw new NotFoundException("featured tag");
    }

    /** Tags the account used most in its recent statuses and does not feature yet (Mastodon: up to 10). */
    public List<Tag> suggestions(long accountId) {
        return store.unfeaturedMostUsed(accountId);
    }
}
