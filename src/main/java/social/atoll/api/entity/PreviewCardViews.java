package social.atoll.api.entity;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.card.PreviewCard;
import social.atoll.core.card.PreviewCardService;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.infra.storage.BlobStore;

/** The fetched link previews of a page of statuses, in one query. Cards still pending or failed are not shown. */
public final class PreviewCardViews {

    private final PreviewCardService cards;
    private final BlobStore blobs;
    /** Relays a photo embed's picture ({@code embed_url}); null: shown as it is. */
    private final MediaProxySigner proxy;

    public PreviewCardViews(PreviewCardService cards, BlobStore blobs, MediaProxySigner proxy) {
        this.cards = cards;
        this.blobs = blobs;
        this.proxy = proxy;
    }

    public Map<Long, PreviewCardEntity> byStatus(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, PreviewCardEntity> out = new HashMap<>();
        cards.shownFor(statusIds).forEach((statusId, card) -> out.put(statusId, entity(card)));
        return out;
    }

    /** One card as Mastodon's PreviewCard (trending links are rendered from it). */
    public PreviewCardEntity entity(PreviewCard c) {
        String provider = c.providerUrl();
        if (provider.isEmpty()) {
            try {
                URI u = URI.create(c.url());
                provider = u.getScheme() + "://" + u.getRawAuthority();
            } catch (IllegalArgumentException ignored) {
                // stored URLs parsed once already; keep the card without a provider URL
            }
        }
        // an embed's own size (video, rich, photo) else the picture's, as Mastodon reports them
        boolean embedded = c.width() > 0 && c.height() > 0;
        // a photo's embed_url is the remote picture itself, which some apps load: relayed like other remote media
        String embedUrl = "photo".equals(c.type()) && proxy != null && !c.embedUrl().isEmpty() ? java.util.Objects.requireNonNullElse(proxy.proxied(c.embedUrl()), "") : c.embedUrl();
        return new PreviewCardEntity(c.url(), c.title(), c.description(), c.type(), c.authorName(), c.authorUrl(), c.providerName(),
                provider, c.html(), embedded ? c.width() : c.imageWidth(), embedded ? c.height() : c.imageHeight(),
                c.imageKey() == null ? null : blobs.url(c.imageKey()), "", embedUrl, c.blurhash(), List.of());
    }
}
