package social.atoll.core.moderation;

import java.util.Collection;
import java.util.List;
import social.atoll.infra.db.Database;

/**
 * SQL for {@code domain_blocks}: the admin's blocks of whole servers (a user's own blocks of a domain are
 * {@code account_domain_blocks}, see {@code core/relationship/DomainBlockService}).
 */
public final class DomainBlockStore {

    private final Database db;

    public DomainBlockStore(Database db) { this.db = db; }

    /** Is any of {@code domains} suspended (severity {@code suspend})? */
    public boolean anySuspended(Collection<String> domains) {
        if (domains.isEmpty()) return false;
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM domain_blocks WHERE severity = 'suspend' AND domain IN (<d>)")
                .bindList("d", List.copyOf(domains)).mapTo(Integer.class).one()) > 0;
    }
}
