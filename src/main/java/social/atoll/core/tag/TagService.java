package social.atoll.core.tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.status.StatusFeedStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Hashtags: lookup, prefix search, daily use history, and the tags an account follows. */
public final class TagService {

    /** Uses of a tag on one day (UTC): statuses and distinct accounts. */
    public record DayUse(Instant day, long uses, long accounts) {}

    /** A followed tag with the id of the follow (the cursor of {@code /api/v1/followed_tags}). */
    public record Followed(long followId, Tag tag) {}

    private static final long DAY = 86_400_000L;
    public static final int HISTORY_DAYS = 7;

    private final Database db;
    private final TagStore store;
    private final StatusFeedStore statuses;
    private final IdGenerator ids;
    private final Clock clock;

    public TagService(Database db, TagStore store, StatusFeedStore statuses, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.ids = ids;
        this.clock = clock;
    }

    public Optional<Tag> byName(String name) {
        return store.byKey(Tag.key(name));
    }

    /** Ids of the tags with these names (unknown names are absent). */
    public Map<String, Long> idsByName(Collection<String> names) {
        if (names.isEmpty()) return new HashMap<>();
        return store.idsByKeys(names.stream().map(Tag::key).distinct().toList());
    }

    /**
     * Usable tags whose name starts with {@code prefix}, exact match first, then shortest. The range on
     * {@code name_key} uses its unique index; the LIKE keeps the answer exact whatever the collation.
     */
    public List<Tag> search(String prefix, int offset, int limit) {
        String key = Tag.key(prefix.trim());
        if (key.isEmpty() || !Tag.valid(key)) return List.of();
        String like = key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return store.byKeyPrefix(key, like, offset, limit);
    }

    /** The last {@value #HISTORY_DAYS} days of use per tag, newest day first, days without use included. */
    public Map<Long, List<DayUse>> history(Collection<Long> tagIds) {
        Map<Long, List<DayUse>> out = new HashMap<>();
        if (tagIds.isEmpty()) return out;
        long today = clock.millis() / DAY;
        long from = (today - HISTORY_DAYS + 1) * DAY;
        Map<Long, Map<Long, long[]>> counts = new HashMap<>();
        statuses.tagUsePerDay(tagIds, from, IdGenerator.lowestAt(Instant.ofEpochMilli(from)))
                .forEach(u -> counts.computeIfAbsent(u.tagId(), k -> new HashMap<>()).put(u.day(), new long[] {u.statuses(), u.accounts()}));
        for (Long id : tagIds) {
            List<DayUse> days = new ArrayList<>(HISTORY_DAYS);
            for (long d = today; d > today - HISTORY_DAYS; d--) {
                long[] c = counts.getOrDefault(id, Map.of()).getOrDefault(d, new long[] {0, 0});
                days.add(new DayUse(Instant.ofEpochMilli(d * DAY), c[0], c[1]));
            }
            out.put(id, days);
        }
        return out;
    }

    /** Which of {@code tagIds} the account follows. */
    public Set<Long> followed(long accountId, Collection<Long> tagIds) {
        if (tagIds.isEmpty()) return Set.of();
        return store.followedAmong(accountId, tagIds);
    }

    /** Follows a tag (idempotent), creating it on first use as Mastodon does. */
    public Tag follow(long accountId, String name) {
        if (!Tag.valid(name)) throw new ValidationException("Name is not a valid hashtag");
        return db.write(h -> {
            Instant now = clock.instant();
            String key = Tag.key(name);
            Tag tag = store.insertIfAbsent(h, ids.next(), name.startsWith("#") ? name.substring(1) : name, key, now);
            store.insertFollow(h, ids.next(), accountId, tag.id(), now);
            return tag;
        });
    }

    /** Stops following a tag (idempotent); 404 for a tag that does not exist. */
    public Tag unfollow(long accountId, String name) {
        Tag tag = byName(name).orElseThrow(() -> new NotFoundException("tag"));
        store.deleteFollow(accountId, tag.id());
        return tag;
    }

    /** A page of the tags an account follows, newest follow first, by follow id. */
    public List<Followed> followedTags(long accountId, IdRange range) {
        return store.followedTags(accountId, range);
    }
}
