package social.atoll.core.invite;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code invites}. */
public final class InviteStore {

    private static final RowMapper<Invite> INVITE = RecordMapper.of(Invite.class);
    private static final String COLUMNS = "id, account_id, code, expires_at, max_uses, uses, created_at";

    private final Database db;

    public InviteStore(Database db) { this.db = db; }

    public void insert(Handle h, Invite i) {
        h.createUpdate("INSERT INTO invites (" + COLUMNS + ") VALUES (:id, :account, :code, :expires, :max, 0, :created)")
                .bind("id", i.id()).bind("account", i.accountId()).bind("code", i.code()).bind("expires", i.expiresAt())
                .bind("max", i.maxUses()).bind("created", i.createdAt()).execute();
    }

    public Optional<Invite> byId(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM invites WHERE id = :id").bind("id", id).map(INVITE).findOne());
    }

    public Optional<Invite> byCode(String code) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM invites WHERE code = :c").bind("c", code).map(INVITE).findOne());
    }

    /** One account's invites ({@code accountId} null: the command line's), newest first. */
    public List<Invite> byAccount(Long accountId, int limit) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM invites WHERE "
                        + (accountId == null ? "account_id IS NULL" : "account_id = :a") + " ORDER BY id DESC LIMIT :limit")
                .bind("a", accountId).bind("limit", limit).map(INVITE).list());
    }

    /** Everyone's, newest first (the primary key orders them). */
    public List<Invite> all(int limit) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM invites ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit).map(INVITE).list());
    }

    public void expire(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE invites SET expires_at = :now WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)")
                .bind("id", id).bind("now", now).execute();
    }

    /** Takes one use if the invite is still valid at {@code now}, atomically; false when none was left. */
    public boolean claim(String code, Instant now) {
        return db.write(h -> h.createUpdate("""
                        UPDATE invites SET uses = uses + 1
                        WHERE code = :c AND (expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses < max_uses)""")
                .bind("c", code).bind("now", now).execute() == 1);
    }
}
