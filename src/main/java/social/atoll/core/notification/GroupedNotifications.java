package social.atoll.core.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.common.IdRange;
import social.atoll.core.marker.Marker;
import social.atoll.core.marker.MarkerService;

/**
 * Mastodon 4.3's grouped notifications. A page is made by walking an account's notifications newest first (oldest
 * first from {@code min_id}) and collecting groups until {@code limit} groups are found: everything walked belongs to
 * the page's groups, so the next page starts right below the oldest notification walked. A group split across pages
 * comes back with the same key, and its {@code page_min_id}/{@code page_max_id} tell the client which part it got.
 */
public final class GroupedNotifications {

    /** Accounts shown for one group at most (Mastodon's {@code SAMPLE_ACCOUNTS_SIZE}). */
    public static final int SAMPLE_ACCOUNTS = 8;
    private static final int BATCH = 200;

    /** What a list asks for: types in or out, a sender, and which types may be grouped. */
    public record Query(List<String> types, List<String> excludeTypes, Long fromAccountId, List<String> groupedTypes, boolean includeFiltered) {
        public Query(List<String> types, List<String> excludeTypes, Long fromAccountId, List<String> groupedTypes) {
            this(types, excludeTypes, fromAccountId, groupedTypes, false);
        }

        Set<String> grouping() {
            return groupedTypes == null || groupedTypes.isEmpty() ? Set.copyOf(Notification.GROUPABLE) : Set.copyOf(groupedTypes);
        }
    }

    /**
     * One group as the page shows it. {@code latest} is its newest notification within the page (its status and type
     * are the group's); the page bounds are null for a group read on its own.
     */
    public record Group(String groupKey, Notification latest, long mostRecentNotificationId, int notificationsCount,
                        List<Long> sampleAccountIds, Long pageMinId, Long pageMaxId, Instant latestPageNotificationAt) {}

    /** A page of groups, newest first, and the newest and oldest notification ids walked (the paging cursors). */
    public record GroupPage(List<Group> groups, Long newestId, Long oldestId) {}

    private final NotificationStore store;
    private final MarkerService markers;

    public GroupedNotifications(NotificationStore store, MarkerService markers) {
        this.store = store;
        this.markers = markers;
    }

    public GroupPage page(long accountId, Query q, IdRange range) {
        Set<String> grouping = q.grouping();
        NotificationStore.Filter filter = new NotificationStore.Filter(q.types(), q.excludeTypes(), q.fromAccountId(), q.includeFiltered());
        Map<String, List<Notification>> walked = new LinkedHashMap<>();
        Long cursorMax = range.maxId();
        Long cursorMin = range.minId();
        boolean ascending = range.ascending();
        Long newest = null;
        Long oldest = null;
        walk:
        while (true) {
            IdRange batch = ascending ? new IdRange(null, null, cursorMin, BATCH) : new IdRange(cursorMax, range.sinceId(), null, BATCH);
            List<Notification> rows = new ArrayList<>(store.page(accountId, filter, batch));
            if (ascending) java.util.Collections.reverse(rows); // the store answers newest first
            for (Notification n : rows) {
                String key = key(n, grouping);
                if (!walked.containsKey(key) && walked.size() >= range.limit()) break walk;
                walked.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
                newest = newest == null ? n.id() : Math.max(newest, n.id());
                oldest = oldest == null ? n.id() : Math.min(oldest, n.id());
                if (ascending) cursorMin = n.id();
                else cursorMax = n.id();
            }
            if (rows.size() < BATCH) break;
        }
        List<Group> groups = groups(accountId, walked, true, !filter.hidesFiltered());
        groups.sort((a, b) -> Long.compare(b.latest().id(), a.latest().id()));
        return new GroupPage(groups, newest, oldest);
    }

    /** One group read on its own (all of it), by the key the API showed. */
    public Optional<Group> group(long accountId, String groupKey) {
        List<Notification> members = members(accountId, groupKey);
        if (members.isEmpty()) return Optional.empty();
        Map<String, List<Notification>> one = new LinkedHashMap<>();
        one.put(groupKey, members);
        return Optional.of(groups(accountId, one, false, false).get(0));
    }

    /** The group's notifications, newest first (for its accounts). */
    public List<Notification> members(long accountId, String groupKey) {
        Long ungrouped = ungroupedId(groupKey);
        if (ungrouped != null) return store.byId(accountId, ungrouped).map(List::of).orElse(List.of());
        return store.inGroup(accountId, groupKey);
    }

    /** Dismisses every notification of the group; false when there is none. */
    public boolean dismiss(long accountId, String groupKey) {
        Long ungrouped = ungroupedId(groupKey);
        if (ungrouped != null) return store.dismiss(accountId, ungrouped);
        return store.dismissGroup(accountId, groupKey) > 0;
    }

    /** Groups newer than the notifications marker, at most {@code cap}. */
    public int unreadCount(long accountId, Query q, int cap) {
        Marker m = markers.get(accountId, List.of("notifications")).get("notifications");
        long after = m == null ? 0 : m.lastReadId();
        return page(accountId, q, new IdRange(null, after, null, cap)).groups().size();
    }

    private List<Group> groups(long accountId, Map<String, List<Notification>> walked, boolean paged, boolean includeFiltered) {
        Set<String> stored = new LinkedHashSet<>();
        for (var e : walked.entrySet()) if (ungroupedId(e.getKey()) == null) stored.add(e.getKey());
        Map<String, List<NotificationStore.GroupRow>> rowsByKey = new LinkedHashMap<>();
        for (NotificationStore.GroupRow r : store.groupRows(accountId, stored, includeFiltered))
            rowsByKey.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        List<Group> out = new ArrayList<>();
        for (var e : walked.entrySet()) {
            List<Notification> inPage = e.getValue(); // walk order: newest first, or oldest first from min_id
            Notification latest = inPage.stream().max(java.util.Comparator.comparingLong(Notification::id)).orElseThrow();
            long min = inPage.stream().mapToLong(Notification::id).min().orElseThrow();
            List<NotificationStore.GroupRow> all = rowsByKey.get(e.getKey());
            long mostRecent;
            int count;
            List<Long> samples = new ArrayList<>();
            if (all == null || all.isEmpty()) {
                mostRecent = latest.id();
                count = inPage.size();
                for (Notification n : inPage.stream().sorted((a, b) -> Long.compare(b.id(), a.id())).toList())
                    if (samples.size() < SAMPLE_ACCOUNTS && !samples.contains(n.fromAccountId())) samples.add(n.fromAccountId());
            } else {
                mostRecent = all.get(0).id();
                count = all.size();
                for (NotificationStore.GroupRow r : all)
                    if (samples.size() < SAMPLE_ACCOUNTS && !samples.contains(r.fromAccountId())) samples.add(r.fromAccountId());
            }
            out.add(new Group(e.getKey(), latest, mostRecent, count, samples, paged ? min : null, paged ? latest.id() : null,
                    paged ? latest.createdAt() : null));
        }
        return out;
    }

    private static String key(Notification n, Collection<String> grouping) {
        return n.groupKey() != null && grouping.contains(n.type()) ? n.groupKey() : "ungrouped-" + n.id();
    }

    private static Long ungroupedId(String groupKey) {
        if (!groupKey.startsWith("ungrouped-")) return null;
        try {
            return Long.parseLong(groupKey.substring("ungrouped-".length()));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
