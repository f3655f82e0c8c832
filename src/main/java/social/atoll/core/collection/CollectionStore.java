package social.atoll.core.collection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code collections} and {@code collection_items}. Writes that take a {@link Handle} join the caller's transaction. */
public final class CollectionStore {

    private static final RowMapper<PhotoCollection> COLLECTION = RecordMapper.of(PhotoCollection.class);

    private final Database db;

    public CollectionStore(Database db) { this.db = db; }

    /** The account's collections, newest first. */
    public List<PhotoCollection> byAccount(long accountId) {
        return db.read(h -> h.createQuery("SELECT * FROM collections WHERE account_id = :a ORDER BY id DESC")
                .bind("a", accountId).map(COLLECTION).list());
    }

    public Optional<PhotoCollection> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM collections WHERE id = :id").bind("id", id).map(COLLECTION).findOne());
    }

    public int count(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM collections WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
    }

    public void insert(Handle h, PhotoCollection c) {
        h.createUpdate("""
                        INSERT INTO collections (id, account_id, title, description, visibility, created_at, updated_at)
                        VALUES (:id, :a, :t, :d, :v, :c, :u)""")
                .bind("id", c.id()).bind("a", c.accountId()).bind("t", c.title()).bind("d", c.description())
                .bind("v", c.visibility()).bind("c", c.createdAt()).bind("u", c.updatedAt()).execute();
    }

    public void update(Handle h, long id, String title, String description, String visibility, Instant now) {
        h.createUpdate("UPDATE collections SET title = :t, description = :d, visibility = :v, updated_at = :u WHERE id = :id")
                .bind("t", title).bind("d", description).bind("v", visibility).bind("u", now).bind("id", id).execute();
    }

    public void touch(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE collections SET updated_at = :u WHERE id = :id").bind("u", now).bind("id", id).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM collection_items WHERE collection_id = :id").bind("id", id).execute();
        h.createUpdate("DELETE FROM collections WHERE id = :id").bind("id", id).execute();
    }

    /** The status ids of a collection, in the owner's order. */
    public List<Long> items(long collectionId) {
        return db.read(h -> items(h, collectionId));
    }

    public List<Long> items(Handle h, long collectionId) {
        return h.createQuery("SELECT status_id FROM collection_items WHERE collection_id = :c ORDER BY position, status_id")
                .bind("c", collectionId).mapTo(Long.class).list();
    }

    /** The status ids of several collections (one query), each list in its owner's order. */
    public Map<Long, List<Long>> items(Collection<Long> collectionIds) {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        if (collectionIds.isEmpty()) return out;
        for (long id : collectionIds) out.put(id, new ArrayList<>());
        db.read(h -> h.createQuery("""
                        SELECT collection_id, status_id FROM collection_items WHERE collection_id IN (<ids>)
                        ORDER BY collection_id, position, status_id""")
                .bindList("ids", List.copyOf(collectionIds))
                .map((rs, c) -> { out.get(rs.getLong(1)).add(rs.getLong(2)); return null; }).list());
        return out;
    }

    /** Appends a status at the end; 0 when the collection has it already. */
    public int append(Handle h, long collectionId, long statusId) {
        return h.createUpdate("""
                        INSERT INTO collection_items (collection_id, status_id, position)
                        SELECT :c, :s, COALESCE(MAX(position) + 1, 0) FROM collection_items WHERE collection_id = :c
                        ON CONFLICT (collection_id, status_id) DO NOTHING""")
                .bind("c", collectionId).bind("s", statusId).execute();
    }

    public int remove(Handle h, long collectionId, long statusId) {
        return h.createUpdate("DELETE FROM collection_items WHERE collection_id = :c AND status_id = :s")
                .bind("c", collectionId).bind("s", statusId).execute();
    }

    /** Numbers the collection's items 0, 1, 2 … in {@code order}. */
    public void renumber(Handle h, long collectionId, List<Long> order) {
        var batch = h.prepareBatch("UPDATE collection_items SET position = :p WHERE collection_id = :c AND status_id = :s");
        for (int i = 0; i < order.size(); i++) batch.bind("p", i).bind("c", collectionId).bind("s", order.get(i)).add();
        if (!order.isEmpty()) batch.execute();
    }

    /** Which of the owner's collections hold the status. */
    public Set<Long> holding(long accountId, long statusId) {
        return db.read(h -> new HashSet<>(h.createQuery("""
                        SELECT i.collection_id FROM collection_items i JOIN collections c ON c.id = i.collection_id
                        WHERE i.status_id = :s AND c.account_id = :a""")
                .bind("s", statusId).bind("a", accountId).mapTo(Long.class).list()));
    }
}
