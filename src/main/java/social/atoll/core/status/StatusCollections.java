package social.atoll.core.status;

import java.util.List;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * An account's own collections of statuses — bookmarks and favourites — paged on the hidden id of the bookmark or
 * favourite row (newest first), through the (account_id, id) index of each table.
 */
public final class StatusCollections {

    /** One entry: the row id (the paging cursor) and the status it points at. */
    public record Entry(long rowId, long statusId) {}

    private final Database db;

    public StatusCollections(Database db) { this.db = db; }

    public List<Entry> bookmarks(long accountId, IdRange range) { return page("bookmarks", accountId, range); }

    public List<Entry> favourites(long accountId, IdRange range) { return page("favourites", accountId, range); }

    private List<Entry> page(String table, long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT id, status_id FROM " + table + " WHERE account_id = :a" + range.conditions("id") + range.orderAndLimit("id"))
                .bind("a", accountId))
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getLong(2))).list()));
    }
}
