package social.atoll.api.entity;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.card.PreviewCard;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.storage.BlobStore;

/** The fetched link previews of a page of statuses, in one query. Cards still pending or failed are not shown. */
public final class PreviewCardViews {

    private static final RecordMapper<PreviewCard> CARD = RecordMapper.of(PreviewCard.class);

    private final Database db;
    private final BlobStore blobs;

    public PreviewCardViews(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    public Map<Long, PreviewCardEntity> byStatus(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        return db.read(h -> {
            Map<Long, PreviewCardEntity> out = new HashMap<>();
            h.createQuery("""
                            SELECT sp.status_id AS link_status_id, c.* FROM status_preview_cards sp
                            JOIN preview_cards c ON c.id = sp.card_id
                            WHERE sp.status_id IN (<ids>) AND c.state = 'done'""")
                    .bindList("ids", List.copyOf(statusIds))
                    .map((rs, ctx) -> Map.entry(rs.getLong("link_status_id"), CARD.map(rs, ctx)))
                    .forEach(e -> out.put(e.getKey(), entity(e.getValue())));
            return out;
        });
    }

    private PreviewCardEntity entity(PreviewCard c) {
        String provider = "";
        try {
            URI u = URI.create(c.url());
            provider = u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException ignored) {
            // stored URLs parsed once already; keep the card without a provider URL
        }
        return new PreviewCardEntity(c.url(), c.title(), c.description(), c.type(), c.authorName(), "", c.providerName(),
                provider, "", c.imageWidth(), c.imageHeight(), c.imageKey() == null ? null : blobs.url(c.imageKey()), "", "",
                c.blurhash(), List.of());
    }
}
