package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;

/** SQL for {@code user_roles} and the users holding them. Rows come back with {@code computed} unset (0). */
public final class RoleStore {

    private static final RowMapper<StaffRole> ROLE = (rs, ctx) -> new StaffRole(rs.getLong("id"), rs.getString("name"),
            rs.getString("color"), rs.getInt("position"), rs.getLong("permissions"), rs.getBoolean("highlighted"), 0);
    private static final String COLUMNS = "id, name, color, position, permissions, highlighted";

    private final Database db;

    public RoleStore(Database db) { this.db = db; }

    /** Every role, the highest first. */
    public List<StaffRole> all() { return db.read(this::all); }

    public List<StaffRole> all(Handle h) {
        return h.createQuery("SELECT " + COLUMNS + " FROM user_roles ORDER BY position DESC, id").map(ROLE).list();
    }

    /** The role {@code id} and the everyone role, in one read (what deciding a user's permissions needs). */
    public List<StaffRole> withEveryone(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM user_roles WHERE id IN (:id, :everyone)")
                .bind("id", id).bind("everyone", StaffRole.EVERYONE_ID).map(ROLE).list());
    }

    public Optional<StaffRole> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM user_roles WHERE id = :id").bind("id", id).map(ROLE).findOne();
    }

    /** Another role already named {@code name} (case-insensitive), other than {@code exceptId}. */
    public boolean nameTaken(Handle h, String name, long exceptId) {
        return h.createQuery("SELECT COUNT(*) FROM user_roles WHERE LOWER(name) = :n AND id <> :id")
                .bind("n", name.toLowerCase(java.util.Locale.ROOT)).bind("id", exceptId).mapTo(Integer.class).one() > 0;
    }

    /** Custom roles number on from the seeded ones, as Mastodon's sequence does. */
    public long nextId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 3) + 1 FROM user_roles").mapTo(Long.class).one();
    }

    public void insert(Handle h, StaffRole r, Instant now) {
        h.createUpdate("""
                        INSERT INTO user_roles (id, name, color, position, permissions, highlighted, created_at, updated_at)
                        VALUES (:id, :name, :color, :position, :permissions, :highlighted, :now, :now)""")
                .bind("id", r.id()).bind("name", r.name()).bind("color", r.color()).bind("position", r.position())
                .bind("permissions", r.permissions()).bind("highlighted", r.highlighted()).bind("now", now).execute();
    }

    public void update(Handle h, StaffRole r, Instant now) {
        h.createUpdate("""
                        UPDATE user_roles SET name = :name, color = :color, position = :position, permissions = :permissions,
                          highlighted = :highlighted, updated_at = :now WHERE id = :id""")
                .bind("id", r.id()).bind("name", r.name()).bind("color", r.color()).bind("position", r.position())
                .bind("permissions", r.permissions()).bind("highlighted", r.highlighted()).bind("now", now).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM user_roles WHERE id = :id").bind("id", id).execute();
    }

    /** How many users hold each role that has any (the roles page's counts; a role in use is not deleted). */
    public Map<Long, Integer> usage() {
        return db.read(h -> h.createQuery("SELECT role_id, COUNT(*) AS n FROM users WHERE role_id IS NOT NULL GROUP BY role_id")
                .reduceRows(new java.util.HashMap<Long, Integer>(), (m, row) -> {
                    m.put(row.getColumn("role_id", Long.class), row.getColumn("n", Integer.class));
                    return m;
                }));
    }

    public int holders(Handle h, long roleId) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE role_id = :r").bind("r", roleId).mapTo(Integer.class).one();
    }

    /** Account id → role id of every user holding a role (staff and custom roles: few rows, read by index). */
    public Map<Long, Long> holdersByAccount() {
        return db.read(h -> h.createQuery("SELECT account_id, role_id FROM users WHERE role_id IS NOT NULL")
                .reduceRows(new java.util.HashMap<Long, Long>(), (m, row) -> {
                    m.put(row.getColumn("account_id", Long.class), row.getColumn("role_id", Long.class));
                    return m;
                }));
    }
}
