package social.atoll.core.instance;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL for writing {@code instance_rules} (read by {@link InstanceService#rules()}); a new rule goes last. */
public final class RuleStore {

    public void insertLast(Handle h, Rule r, Instant now) {
        int position = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM instance_rules").mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO instance_rules (id, text, hint, position, created_at) VALUES (:id, :text, :hint, :position, :now)")
                .bind("id", r.id()).bind("text", r.text()).bind("hint", r.hint()).bind("position", position).bind("now", now).execute();
    }

    public java.util.Optional<Rule> byId(Handle h, long id) {
        return h.createQuery("SELECT id, text, hint FROM instance_rules WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Rule(rs.getLong("id"), rs.getString("text"), rs.getString("hint"))).findOne();
    }

    public void delete(Handle h, long id) { h.createUpdate("DELETE FROM instance_rules WHERE id = :id").bind("id", id).execute(); }
}
