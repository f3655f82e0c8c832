package social.atoll.web.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.MediaAttachmentEntity;
import social.atoll.api.entity.PollEntity;
import social.atoll.api.entity.PreviewCardEntity;
import social.atoll.api.entity.StatusEntity;
import social.atoll.web.Messages;

/**
 * One post as the web pages show it, made from the same Mastodon {@link StatusEntity} the API serves, so the web
 * app and every Mastodon app see exactly the same post (its sanitized HTML, media through the media proxy, the
 * viewer's flags). A boost is shown as the boosted post with {@code boostedBy} set.
 */
public record StatusCard(
        String id,
        String actionId,
        String permalink,
        String uri,
        Author author,
        Author boostedBy,
        String createdAt,
        String createdAtText,
        String createdAtFull,
        String editedAt,
        String visibility,
        String language,
        boolean sensitive,
        String spoilerText,
        String contentHtml,
        List<Media> media,
        Poll poll,
        Card card,
        int repliesCount,
        int reblogsCount,
        int favouritesCount,
        boolean favourited,
        boolean reblogged,
        boolean bookmarked,
        boolean pinned,
        boolean muted,
        boolean mine,
        String inReplyToId,
        List<String> filteredBy,
        String sharedWith,
        boolean limited,
        boolean localOnly,
        Quote quote,
        boolean canQuote,
        List<Reaction> reactions,
        boolean pendingApproval) {

    /**
     * The quote a post carries (Mastodon 4.5): its state and, once accepted and visible to the viewer, the quoted post
     * (shown one level deep; a quote inside it shows as its state only).
     */
    public record Quote(String state, StatusCard quoted) {}

    /** One emoji reaction under a post: the emoji (Unicode, or a custom emoji's image), how many, and whether one is the viewer's. */
    public record Reaction(String name, String label, String imageUrl, int count, boolean me) {}

    /**
     * The author line: name, handle, avatar, and the page on this server that shows them; {@code nameHtml} is the name
     * escaped, with its custom emoji as images (the account's {@code emojis}, remote ones through the media proxy).
     */
    public record Author(String id, String displayName, String acct, String avatar, String profile, boolean bot, boolean locked,
                         String nameHtml) {
        static Author of(AccountEntity a) {
            String name = a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName();
            return new Author(a.id(), name, a.acct(), a.avatar(), "/@" + a.acct(), a.bot(), a.locked(), InlineEmoji.text(name, a.emojis()));
        }
    }

    /** An attachment, with its size so nothing shifts while it loads, and the photo filter baked into it (null: none). */
    public record Media(String id, String type, String url, String preview, String description, int width, int height,
                        String blurhash, String focus, String filter) {
        public boolean image() { return "image".equals(type); }
        public boolean video() { return "video".equals(type) || "gifv".equals(type); }
        public boolean gifv() { return "gifv".equals(type); }
        public boolean audio() { return "audio".equals(type); }
    }

    public record Poll(String id, boolean expired, boolean multiple, int votesCount, String expiresAt, boolean voted,
                       List<Option> options) {
        public record Option(int index, String title, Integer votes, int percent, boolean own) {}
    }

    public record Card(String url, String title, String description, String image, String imageDescription, String provider,
                       int width, int height) {}

    /** Everything about a post the pages need; {@code viewerId} marks one's own posts. */
    public static StatusCard from(StatusEntity e, String viewerId, Instant now, Messages t) {
        StatusEntity s = e.reblog() != null ? e.reblog() : e;
        Author boostedBy = e.reblog() != null ? Author.of(e.account()) : null;
        Instant created = Times.parse(s.createdAt());
        // a "blur" filter hides the media only (as a sensitive post's); "warn" folds the whole post
        List<String> filtered = e.filtered() == null ? List.of()
                : e.filtered().stream().filter(f -> !"blur".equals(f.filter().filterAction())).map(f -> f.filter().title()).toList();
        boolean blurred = e.filtered() != null && e.filtered().stream().anyMatch(f -> "blur".equals(f.filter().filterAction()));
        return new StatusCard(s.id(), s.id(), "/@" + s.account().acct() + "/" + s.id(), s.uri(), Author.of(s.account()), boostedBy,
                s.createdAt(), Times.relative(created, now, t), Times.full(created), s.editedAt(), s.visibility(), s.language(),
                s.sensitive() || blurred, s.spoilerText() == null ? "" : s.spoilerText(), InlineEmoji.html(s.content() == null ? "" : s.content(), s.emojis()),
                media(s.mediaAttachments()), poll(s.poll()), card(s.card()), s.repliesCount(), s.reblogsCount(), s.favouritesCount(),
                Boolean.TRUE.equals(s.favourited()), Boolean.TRUE.equals(s.reblogged()), Boolean.TRUE.equals(s.bookmarked()),
                Boolean.TRUE.equals(s.pinned()), Boolean.TRUE.equals(s.muted()), viewerId != null && viewerId.equals(s.account().id()),
                s.inReplyToId(), filtered, s.circle() == null ? null : s.circle().title(), "limited".equals(s.visibilityEx()),
                s.localOnly(), quote(s.quote(), viewerId, now, t),
                s.quoteApproval() != null && ("automatic".equals(s.quoteApproval().currentUser()) || "manual".equals(s.quoteApproval().currentUser())),
                reactions(s),
                // a reply or boost held for the approval of the author it interacts with (interaction policies)
                Boolean.TRUE.equals(e.pendingApproval()) || Boolean.TRUE.equals(s.pendingApproval()));
    }

    private static Quote quote(Object q, String viewerId, Instant now, Messages t) {
        if (q instanceof StatusEntity.Quote full)
            return new Quote(full.state(), full.quotedStatus() == null ? null : from(full.quotedStatus(), viewerId, now, t));
        if (q instanceof StatusEntity.ShallowQuote shallow) return new Quote(shallow.state(), null);
        return null;
    }

    private static List<Reaction> reactions(StatusEntity s) {
        if (s.pleroma() == null || s.pleroma().emojiReactions() == null) return List.of();
        List<Reaction> out = new ArrayList<>();
        for (StatusEntity.Reaction r : s.pleroma().emojiReactions()) {
            String label = r.url() == null ? r.name() : ":" + (r.name().contains("@") ? r.name().substring(0, r.name().indexOf('@')) : r.name()) + ":";
            out.add(new Reaction(r.name(), label, r.url(), r.count(), r.me()));
        }
        return out;
    }

    public static List<StatusCard> all(List<StatusEntity> entities, String viewerId, Instant now, Messages t) {
        List<StatusCard> out = new ArrayList<>(entities.size());
        for (StatusEntity e : entities) out.add(from(e, viewerId, now, t));
        return out;
    }

    public boolean hasSpoiler() { return !spoilerText.isBlank(); }

    /** Media hidden behind a click: marked sensitive, or under a content warning. */
    public boolean hideMedia() { return sensitive || hasSpoiler(); }

    public boolean canBoost() {
        // a post shared with a circle shows as private to apps, but nobody may boost it, not even its author
        return !limited && ("public".equals(visibility) || "unlisted".equals(visibility) || (mine && "private".equals(visibility)));
    }

    private static List<Media> media(List<Object> list) {
        if (list == null) return List.of();
        List<Media> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof MediaAttachmentEntity m) || m.url() == null) continue;
            int[] size = size(m.meta());
            out.add(new Media(m.id(), m.type(), m.url(), m.previewUrl() == null ? m.url() : m.previewUrl(),
                    m.description() == null ? "" : m.description(), size[0], size[1], m.blurhash(), focus(m.meta()), m.filterName()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static int[] size(Map<String, Object> meta) {
        if (meta != null && meta.get("original") instanceof Map<?, ?> o) {
            Object w = ((Map<String, Object>) o).get("width"), h = ((Map<String, Object>) o).get("height");
            if (w instanceof Number wn && h instanceof Number hn && wn.intValue() > 0 && hn.intValue() > 0)
                return new int[] {wn.intValue(), hn.intValue()};
        }
        return new int[] {0, 0};
    }

    /** Mastodon's focus (x, y in -1…1, y up) as a CSS object-position. */
    @SuppressWarnings("unchecked")
    private static String focus(Map<String, Object> meta) {
        if (meta != null && meta.get("focus") instanceof Map<?, ?> f) {
            Object x = ((Map<String, Object>) f).get("x"), y = ((Map<String, Object>) f).get("y");
            if (x instanceof Number xn && y instanceof Number yn) {
                double px = (xn.doubleValue() + 1) / 2 * 100, py = (1 - yn.doubleValue()) / 2 * 100;
                return String.format(java.util.Locale.ROOT, "%.0f%% %.0f%%", px, py);
            }
        }
        return "50% 50%";
    }

    private static Poll poll(Object o) {
        if (!(o instanceof PollEntity p)) return null;
        int total = Math.max(1, p.votersCount() != null ? p.votersCount() : p.votesCount());
        List<Poll.Option> options = new ArrayList<>();
        for (int i = 0; i < p.options().size(); i++) {
            var op = p.options().get(i);
            int votes = op.votesCount() == null ? 0 : op.votesCount();
            options.add(new Poll.Option(i, op.title(), op.votesCount(), Math.round(votes * 100f / total),
                    p.ownVotes() != null && p.ownVotes().contains(i)));
        }
        return new Poll(p.id(), p.expired(), p.multiple(), p.votesCount(), p.expiresAt(), Boolean.TRUE.equals(p.voted()), options);
    }

    private static Card card(Object o) {
        if (!(o instanceof PreviewCardEntity c)) return null;
        return new Card(c.url(), c.title(), c.description(), c.image(), c.imageDescription(), c.providerName(), c.width(), c.height());
    }
}
