package social.atoll.core.card;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code preview_cards} (one per URL) and {@code status_preview_cards} (which card a status shows). */
public final class PreviewCardStore {

    private static final RecordMapper<PreviewCard> CARD = RecordMapper.of(PreviewCard.class);

    /** The card a status was linked to, and whether this call created it (then it still has to be fetched). */
    public record Linked(long cardId, boolean created) {}

    /** What a fetch found, bound by name. */
    public record Fetched(long id, String state, String type, String title, String description, String provider,
                          String imageKey, int imageWidth, int imageHeight, String blurhash, String html, String embedUrl,
                          String authorName, String authorUrl, String providerUrl, int width, int height, Instant now) {}

    private final Database db;

    public PreviewCardStore(Database db) { this.db = db; }

    /** Links a status to the card of {@code url} (by its hash), creating a pending card as {@code newId} if none exists. */
    public Linked link(Handle h, long statusId, String urlHash, String url, long newId, Instant now) {
        boolean created = h.createUpdate("""
                        INSERT INTO preview_cards (id, url_hash, url, created_at) VALUES (:id, :h, :url, :now)
                        ON CONFLICT (url_hash) DO NOTHING""")
                .bind("id", newId).bind("h", urlHash).bind("url", url).bind("now", now).execute() == 1;
        long cardId = created ? newId : h.createQuery("SELECT id FROM preview_cards WHERE url_hash = :h").bind("h", urlHash).mapTo(Long.class).one();
        h.createUpdate("INSERT INTO status_preview_cards (status_id, card_id) VALUES (:s, :c) ON CONFLICT (status_id) DO NOTHING")
                .bind("s", statusId).bind("c", cardId).execute();
        return new Linked(cardId, created);
    }

    public Optional<PreviewCard> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM preview_cards WHERE id = :id").bind("id", id).map(CARD).findOne());
    }

    /** Writes what the fetch of a pending card found; a card no longer pending is left alone. */
    public void finish(Fetched f) {
        db.write(h -> h.createUpdate("""
                        UPDATE preview_cards SET state = :state, type = :type, title = :title, description = :description,
                          provider_name = :provider, image_key = :imageKey, image_width = :imageWidth, image_height = :imageHeight,
                          blurhash = :blurhash, fetched_at = :now,
                          html = :html, embed_url = :embedUrl, author_name = :authorName, author_url = :authorUrl, provider_url = :providerUrl,
                          width = :width, height = :height
                        WHERE id = :id AND state = 'pending'""")
                .bindMethods(f).execute());
    }

    /** The fetched cards of these statuses, by status id, in one query; cards still pending or failed are left out. */
    public Map<Long, PreviewCard> doneByStatusIds(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        return db.read(h -> {
            Map<Long, PreviewCard> out = new HashMap<>();
            h.createQuery("""
                            SELECT sp.status_id AS link_status_id, c.* FROM status_preview_cards sp
                            JOIN preview_cards c ON c.id = sp.card_id
                            WHERE sp.status_id IN (<ids>) AND c.state = 'done'""")
                    .bindList("ids", List.copyOf(statusIds))
                    .map((rs, ctx) -> Map.entry(rs.getLong("link_status_id"), CARD.map(rs, ctx)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }
}
