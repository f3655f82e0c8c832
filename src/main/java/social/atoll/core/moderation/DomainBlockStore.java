package social.atoll.core.moderation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code domain_blocks} (the admin's blocks of whole servers; a user's own blocks of a domain are
 * {@code account_domain_blocks}, see {@code core/relationship/DomainBlockService}) and {@code domain_allows}.
 */
public final class DomainBlockStore {

    private static final RowMapper<DomainBlock> BLOCK = RecordMapper.of(DomainBlock.class);
    private static final RowMapper<DomainAllow> ALLOW = RecordMapper.of(DomainAllow.class);
    private static final String BLOCK_COLUMNS = "SELECT id, domain, severity, reject_media, reject_reports, private_comment, public_comment,"
            + " obfuscate, created_at FROM domain_blocks";

    private final Database db;

    public DomainBlockStore(Database db) { this.db = db; }

    /** Is any of {@code domains} suspended (severity {@code suspend})? */
    public boolean anySuspended(Collection<String> domains) {
        if (domains.isEmpty()) return false;
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM domain_blocks WHERE severity = 'suspend' AND domain IN (<d>)")
                .bindList("d", List.copyOf(domains)).mapTo(Integer.class).one()) > 0;
    }

    /** The blocks among {@code domains} (a host and its parent domains), most specific (longest) first. */
    public List<DomainBlock> among(Collection<String> domains) {
        if (domains.isEmpty()) return List.of();
        return db.read(h -> h.createQuery(BLOCK_COLUMNS + " WHERE domain IN (<d>)").bindList("d", List.copyOf(domains)).map(BLOCK).list())
                .stream().sorted((a, b) -> b.domain().length() - a.domain().length()).toList();
    }

    public List<DomainBlock> blocks() {
        return db.read(h -> h.createQuery(BLOCK_COLUMNS + " ORDER BY id DESC").map(BLOCK).list());
    }

    public Optional<DomainBlock> block(long id) {
        return db.read(h -> h.createQuery(BLOCK_COLUMNS + " WHERE id = :id").bind("id", id).map(BLOCK).findOne());
    }

    public Optional<DomainBlock> blockOf(Handle h, String domain) {
        return h.createQuery(BLOCK_COLUMNS + " WHERE domain = :d").bind("d", domain).map(BLOCK).findOne();
    }

    public void insert(Handle h, DomainBlock b) {
        h.createUpdate("""
                        INSERT INTO domain_blocks (id, domain, severity, reject_media, reject_reports, private_comment, public_comment,
                                                   obfuscate, created_at, updated_at)
                        VALUES (:id, :domain, :severity, :rejectMedia, :rejectReports, :privateComment, :publicComment, :obfuscate,
                                :createdAt, :createdAt)""")
                .bindMethods(b).execute();
    }

    /** Updates everything but the domain; {@code createdAt} is left as it was (the accounts it marked carry it). */
    public void update(Handle h, DomainBlock b, java.time.Instant now) {
        h.createUpdate("""
                        UPDATE domain_blocks SET severity = :severity, reject_media = :rejectMedia, reject_reports = :rejectReports,
                            private_comment = :privateComment, public_comment = :publicComment, obfuscate = :obfuscate, updated_at = :now
                        WHERE id = :id""")
                .bindMethods(b).bind("now", now).execute();
    }

    public void deleteBlock(Handle h, long id) { h.createUpdate("DELETE FROM domain_blocks WHERE id = :id").bind("id", id).execute(); }

    public List<DomainAllow> allows() {
        return db.read(h -> h.createQuery("SELECT id, domain, created_at FROM domain_allows ORDER BY id DESC").map(ALLOW).list());
    }

    public Optional<DomainAllow> allow(long id) {
        return db.read(h -> h.createQuery("SELECT id, domain, created_at FROM domain_allows WHERE id = :id").bind("id", id).map(ALLOW).findOne());
    }

    public Optional<DomainAllow> allowOf(Handle h, String domain) {
        return h.createQuery("SELECT id, domain, created_at FROM domain_allows WHERE domain = :d").bind("d", domain).map(ALLOW).findOne();
    }

    /** Is any of {@code domains} (a host and its parent domains) allowed by an admin (limited federation)? */
    public boolean anyAllowed(Collection<String> domains) {
        if (domains.isEmpty()) return false;
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM domain_allows WHERE domain IN (<d>)").bindList("d", List.copyOf(domains))
                .mapTo(Integer.class).one()) > 0;
    }

    /** Whether this server knew an account of {@code domain} (exactly) before {@code newAccountId}. */
    public boolean knownBefore(Handle h, String domain, long newAccountId) {
        return h.createQuery("SELECT COUNT(*) FROM (SELECT 1 FROM accounts WHERE domain = :d AND id <> :id LIMIT 1) x")
                .bind("d", domain).bind("id", newAccountId).mapTo(Integer.class).one() > 0;
    }

    public void insertAllow(Handle h, DomainAllow a) {
        h.createUpdate("INSERT INTO domain_allows (id, domain, created_at) VALUES (:id, :domain, :createdAt)").bindMethods(a).execute();
    }

    public void deleteAllow(Handle h, long id) { h.createUpdate("DELETE FROM domain_allows WHERE id = :id").bind("id", id).execute(); }
}
