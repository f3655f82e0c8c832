package social.atoll.core.card;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for reading {@code preview_cards} through {@code status_preview_cards}. */
final class PreviewCardStore {

    private static final RecordMapper<PreviewCard> CARD = RecordMapper.of(PreviewCard.class);

    private final Database db;

    PreviewCardStore(Database db) { this.db = db; }

    /** The fetched cards of these statuses, by status id, in one query; cards still pending or failed are left out. */
    Map<Long, PreviewCard> doneByStatusIds(Collection<Long> statusIds) {
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
