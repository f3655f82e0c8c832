package social.atoll.core.trends;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import social.atoll.core.card.PreviewCard;
import social.atoll.core.card.PreviewCardService;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.moderation.ActionLogStore;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * What is trending, computed from the last {@link #WINDOW} of real activity: tags and links (fetched preview cards)
 * by how many distinct accounts used them in public statuses, statuses by interactions (boosts + favourites +
 * replies); suspended and silenced authors and unusable tags are left out.
 *
 * <p>Staff review them as on Mastodon ({@code manage_taxonomies}): every item of the rankings is listed for staff
 * with whether it still requires review; approving makes it trendable, rejecting removes it from the public trends
 * for good; each decision is audited. Unreviewed items trend publicly while the server's
 * {@code trendable_by_default} setting is on (Atoll's default, so a small server's trends are not empty until
 * someone reviews them); turned off, only approved items do, as Mastodon's default.
 */
public final class TrendsService {

    public static final Duration WINDOW = Duration.ofDays(7);
    /** Days of a link's history, as a tag's. */
    public static final int HISTORY_DAYS = 7;
    /** How deep into each ranking the dashboard counts unreviewed items. */
    static final int PENDING_DEPTH = 20;
    private static final long DAY = 86_400_000L;

    /** Kinds of trending item and the audit log's name for each. */
    public enum Kind {
        TAG("tag", "Tag"), STATUS("status", "Status"), LINK("link", "PreviewCard");

        public final String key;
        public final String auditType;

        Kind(String key, String auditType) {
            this.key = key;
            this.auditType = auditType;
        }
    }

    /** A trending item for staff: whether it may trend and whether no one has reviewed it yet. */
    public record Reviewed<T>(T item, boolean trendable, boolean requiresReview) {}

    /** A trending link with its last {@link #HISTORY_DAYS} days of shares, newest first. */
    public record Link(PreviewCard card, List<DayUse> history) {}

    /** Shares on one day. */
    public record DayUse(Instant day, long uses, long accounts) {}

    private final Database db;
    private final TrendStore store;
    private final StatusStore statuses;
    private final TagStore tags;
    private final PreviewCardService cards;
    private final SiteSettings site;
    private final ActionLogStore log;
    private final Clock clock;
    private final VisibilityPolicy visibility;

    public TrendsService(Database db, TrendStore store, StatusStore statuses, TagStore tags, PreviewCardService cards, SiteSettings site,
                         ActionLogStore log, Clock clock, VisibilityPolicy visibility) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.tags = tags;
        this.cards = cards;
        this.site = site;
        this.log = log;
        this.clock = clock;
        this.visibility = visibility;
    }

    private long since() { return IdGenerator.lowestAt(clock.instant().minus(WINDOW)); }

    /** Whether unreviewed items trend publicly. */
    public boolean trendableByDefault() { return site.get(SiteSettings.TRENDABLE_BY_DEFAULT).map(v -> !v.equalsIgnoreCase("false")).orElse(true); }

    private TrendStore.Review publicReview() { return trendableByDefault() ? TrendStore.Review.NOT_REJECTED : TrendStore.Review.APPROVED; }

    public List<Tag> tags(int offset, int limit) { return tagsBy(publicReview(), offset, limit); }

    private List<Tag> tagsBy(TrendStore.Review review, int offset, int limit) {
        List<Long> ids = store.tagIds(review, since(), offset, limit);
        if (ids.isEmpty()) return List.of();
        Map<Long, Tag> found = tags.byIds(ids);
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** Public statuses of the window with at least one interaction that the viewer may see, most interactions first. */
    public List<Status> statuses(Long viewerId, int offset, int limit) {
        return visibility.filter(viewerId, store.statuses(publicReview(), viewerId, since(), offset, limit, clock.instant()));
    }

    /** Links shared in public statuses of the window, most sharers first. */
    public List<Link> links(int offset, int limit) { return linksBy(publicReview(), offset, limit); }

    private List<Link> linksBy(TrendStore.Review review, int offset, int limit) {
        List<Long> ids = store.linkIds(review, since(), offset, limit);
        if (ids.isEmpty()) return List.of();
        long today = clock.millis() / DAY;
        long from = (today - HISTORY_DAYS + 1) * DAY;
        Map<Long, Map<Long, long[]>> counts = new HashMap<>();
        store.linkUsePerDay(ids, from, IdGenerator.lowestAt(Instant.ofEpochMilli(from)))
                .forEach(u -> counts.computeIfAbsent(u.cardId(), k -> new HashMap<>()).put(u.day(), new long[] {u.statuses(), u.accounts()}));
        List<Link> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Optional<PreviewCard> card = cards.byId(id);
            if (card.isEmpty()) continue;
            List<DayUse> days = new ArrayList<>(HISTORY_DAYS);
            for (long d = today; d > today - HISTORY_DAYS; d--) {
                long[] c = counts.getOrDefault(id, Map.of()).getOrDefault(d, new long[] {0, 0});
                days.add(new DayUse(Instant.ofEpochMilli(d * DAY), c[0], c[1]));
            }
            out.add(new Link(card.get(), days));
        }
        return out;
    }

    // ---- staff review

    public List<Reviewed<Tag>> reviewTags(StaffAccess.Actor actor, int offset, int limit) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        List<Tag> list = tagsBy(TrendStore.Review.ALL, offset, limit);
        return reviewed(Kind.TAG, list, Tag::id, t -> t.trendable());
    }

    public List<Reviewed<Status>> reviewStatuses(StaffAccess.Actor actor, int offset, int limit) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        List<Status> list = store.statuses(TrendStore.Review.ALL, null, since(), offset, limit, clock.instant());
        return reviewed(Kind.STATUS, list, Status::id, s -> true);
    }

    public List<Reviewed<Link>> reviewLinks(StaffAccess.Actor actor, int offset, int limit) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        return reviewed(Kind.LINK, linksBy(TrendStore.Review.ALL, offset, limit), l -> l.card().id(), l -> true);
    }

    private <T> List<Reviewed<T>> reviewed(Kind kind, List<T> list, java.util.function.ToLongFunction<T> id,
                                           java.util.function.Predicate<T> ownFlag) {
        Map<Long, TrendStore.Decision> decided = store.decisions(kind.key, list.stream().map(id::applyAsLong).toList());
        boolean byDefault = trendableByDefault();
        return list.stream().map(x -> {
            TrendStore.Decision d = decided.get(id.applyAsLong(x));
            boolean trendable = d == null ? byDefault && ownFlag.test(x) : d.trendable();
            return new Reviewed<>(x, trendable, d == null);
        }).toList();
    }

    /** What one staff decision returns: the item as reviewed now. */
    public Reviewed<Tag> reviewTag(StaffAccess.Actor actor, long id, boolean approve) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        Tag t = tags.byIds(List.of(id)).get(id);
        if (t == null) throw new NotFoundException("tag");
        decide(actor, Kind.TAG, id, "#" + t.name(), approve);
        return new Reviewed<>(tags.byIds(List.of(id)).get(id), approve, false);
    }

    public Reviewed<Status> reviewStatus(StaffAccess.Actor actor, long id, boolean approve) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        Status s = statuses.byId(id).orElseThrow(() -> new NotFoundException("status"));
        decide(actor, Kind.STATUS, id, s.uri(), approve);
        return new Reviewed<>(s, approve, false);
    }

    public Reviewed<Link> reviewLink(StaffAccess.Actor actor, long id, boolean approve) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        PreviewCard c = cards.byId(id).orElseThrow(() -> new NotFoundException("link"));
        decide(actor, Kind.LINK, id, c.url(), approve);
        return new Reviewed<>(new Link(c, List.of()), approve, false);
    }

    private void decide(StaffAccess.Actor actor, Kind kind, long id, String human, boolean approve) {
        StaffAccess.require(actor, Permission.MANAGE_TAXONOMIES);
        Instant now = clock.instant();
        db.write(h -> {
            store.decide(h, new TrendStore.Decision(kind.key, id, approve, actor.accountId(), now));
            log.record(h, actor, approve ? "approve" : "reject", kind.auditType, id, Objects.requireNonNullElse(human, ""), Map.of());
            return null;
        });
    }

    /** Items near the top of the window's rankings that no one has reviewed yet (the dashboard's pending work). */
    public int pendingReview() { return store.pending(since(), PENDING_DEPTH); }
}
