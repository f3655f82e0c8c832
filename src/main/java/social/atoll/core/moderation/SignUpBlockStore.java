package social.atoll.core.moderation;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.moderation.SignUpBlocks.CanonicalEmailBlock;
import social.atoll.core.moderation.SignUpBlocks.EmailDomainBlock;
import social.atoll.core.moderation.SignUpBlocks.IpBlock;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code email_domain_blocks}, {@code canonical_email_blocks} and {@code ip_blocks} (short lists, read whole). */
public final class SignUpBlockStore {

    private static final RowMapper<EmailDomainBlock> EMAIL = RecordMapper.of(EmailDomainBlock.class);
    private static final RowMapper<CanonicalEmailBlock> CANONICAL = RecordMapper.of(CanonicalEmailBlock.class);
    private static final RowMapper<IpBlock> IP = RecordMapper.of(IpBlock.class);

    private final Database db;

    public SignUpBlockStore(Database db) { this.db = db; }

    public List<EmailDomainBlock> emailDomainBlocks() {
        return db.read(h -> h.createQuery("SELECT id, domain, allow_with_approval, created_at FROM email_domain_blocks ORDER BY id DESC").map(EMAIL).list());
    }

    public Optional<EmailDomainBlock> emailDomainBlock(long id) {
        return db.read(h -> h.createQuery("SELECT id, domain, allow_with_approval, created_at FROM email_domain_blocks WHERE id = :id")
                .bind("id", id).map(EMAIL).findOne());
    }

    public boolean emailDomainTaken(Handle h, String domain) {
        return h.createQuery("SELECT COUNT(*) FROM email_domain_blocks WHERE domain = :d").bind("d", domain).mapTo(Integer.class).one() > 0;
    }

    public void insert(Handle h, EmailDomainBlock b) {
        h.createUpdate("INSERT INTO email_domain_blocks (id, domain, allow_with_approval, created_at) VALUES (:id, :domain, :allowWithApproval, :createdAt)")
                .bindMethods(b).execute();
    }

    public List<CanonicalEmailBlock> canonicalEmailBlocks() {
        return db.read(h -> h.createQuery("SELECT id, canonical_email_hash, created_at FROM canonical_email_blocks ORDER BY id DESC").map(CANONICAL).list());
    }

    public Optional<CanonicalEmailBlock> canonicalEmailBlock(long id) {
        return db.read(h -> h.createQuery("SELECT id, canonical_email_hash, created_at FROM canonical_email_blocks WHERE id = :id")
                .bind("id", id).map(CANONICAL).findOne());
    }

    public boolean canonicalBlocked(String hash) { return db.read(h -> canonicalTaken(h, hash)); }

    public boolean canonicalTaken(Handle h, String hash) {
        return h.createQuery("SELECT COUNT(*) FROM canonical_email_blocks WHERE canonical_email_hash = :h").bind("h", hash).mapTo(Integer.class).one() > 0;
    }

    public void insert(Handle h, CanonicalEmailBlock b) {
        h.createUpdate("INSERT INTO canonical_email_blocks (id, canonical_email_hash, created_at) VALUES (:id, :canonicalEmailHash, :createdAt)")
                .bindMethods(b).execute();
    }

    public List<IpBlock> ipBlocks() {
        return db.read(h -> h.createQuery("SELECT id, ip, severity, comment, expires_at, created_at FROM ip_blocks ORDER BY id DESC").map(IP).list());
    }

    public Optional<IpBlock> ipBlock(long id) {
        return db.read(h -> h.createQuery("SELECT id, ip, severity, comment, expires_at, created_at FROM ip_blocks WHERE id = :id")
                .bind("id", id).map(IP).findOne());
    }

    public boolean ipTaken(Handle h, String ip) {
        return h.createQuery("SELECT COUNT(*) FROM ip_blocks WHERE ip = :ip").bind("ip", ip).mapTo(Integer.class).one() > 0;
    }

    public void insert(Handle h, IpBlock b) {
        h.createUpdate("INSERT INTO ip_blocks (id, ip, severity, comment, expires_at, created_at) VALUES (:id, :ip, :severity, :comment, :expiresAt, :createdAt)")
                .bindMethods(b).execute();
    }

    public void update(Handle h, IpBlock b) {
        h.createUpdate("UPDATE ip_blocks SET severity = :severity, comment = :comment, expires_at = :expiresAt WHERE id = :id").bindMethods(b).execute();
    }

    /** Deletes row {@code id} of one of this store's three tables. */
    public void delete(Handle h, String table, long id) {
        if (!List.of("email_domain_blocks", "canonical_email_blocks", "ip_blocks").contains(table)) throw new IllegalArgumentException(table);
        h.createUpdate("DELETE FROM " + table + " WHERE id = :id").bind("id", id).execute();
    }
}
