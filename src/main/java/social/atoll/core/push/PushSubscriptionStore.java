package social.atoll.core.push;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;

/** SQL for {@code push_subscriptions}. Only subscriptions of live tokens are ever read. */
public final class PushSubscriptionStore {

    private static final String COLUMNS = "s.id, s.token_id, s.account_id, s.endpoint, s.key_p256dh, s.key_auth, s.standard, s.alerts, s.policy, s.created_at";
    private static final String LIVE = " FROM push_subscriptions s JOIN oauth_tokens t ON t.id = s.token_id AND t.revoked_at IS NULL";
    private static final RowMapper<PushSubscription> ROW = (rs, c) -> new PushSubscription(rs.getLong(1), rs.getLong(2), rs.getLong(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), alerts(rs.getString(8)), rs.getString(9),
            Instant.ofEpochMilli(rs.getLong(10)));

    /** A subscription and the sealed access token its payloads carry. */
    public record Sealed(PushSubscription subscription, String sealedToken) {}

    private final Database db;

    public PushSubscriptionStore(Database db) { this.db = db; }

    public Optional<PushSubscription> ofToken(long tokenId) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + LIVE + " WHERE s.token_id = :t").bind("t", tokenId).map(ROW).findOne());
    }

    public Optional<Sealed> byId(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + ", s.sealed_token" + LIVE + " WHERE s.id = :id").bind("id", id)
                .map((rs, c) -> new Sealed(ROW.map(rs, c), rs.getString(11))).findOne());
    }

    /** Ids of the live subscriptions of an account. */
    public List<Long> idsOfAccount(Handle h, long accountId) {
        return h.createQuery("SELECT s.id" + LIVE + " WHERE s.account_id = :a ORDER BY s.id").bind("a", accountId).mapTo(Long.class).list();
    }

    /** Replaces the token's subscription (Mastodon keeps one per token). */
    public void replace(Handle h, PushSubscription s, String sealedToken) {
        h.createUpdate("DELETE FROM push_subscriptions WHERE token_id = :t").bind("t", s.tokenId()).execute();
        h.createUpdate("""
                        INSERT INTO push_subscriptions (id, token_id, account_id, endpoint, key_p256dh, key_auth, standard, alerts, policy, sealed_token, created_at)
                        VALUES (:id, :t, :a, :endpoint, :p256dh, :auth, :standard, :alerts, :policy, :sealed, :now)""")
                .bind("id", s.id()).bind("t", s.tokenId()).bind("a", s.accountId()).bind("endpoint", s.endpoint())
                .bind("p256dh", s.keyP256dh()).bind("auth", s.keyAuth()).bind("standard", s.standard())
                .bind("alerts", String.join(" ", s.alerts())).bind("policy", s.policy()).bind("sealed", sealedToken)
                .bind("now", s.createdAt()).execute();
    }

    public int updateData(Handle h, long tokenId, Set<String> alerts, String policy) {
        return h.createUpdate("UPDATE push_subscriptions SET alerts = :alerts, policy = :policy WHERE token_id = :t")
                .bind("alerts", String.join(" ", alerts)).bind("policy", policy).bind("t", tokenId).execute();
    }

    public int deleteOfToken(Handle h, long tokenId) {
        return h.createUpdate("DELETE FROM push_subscriptions WHERE token_id = :t").bind("t", tokenId).execute();
    }

    /** Removes a subscription the push service no longer knows; the endpoint guards against a replaced row. */
    public int deleteGone(long id, String endpoint) {
        return db.write(h -> h.createUpdate("DELETE FROM push_subscriptions WHERE id = :id AND endpoint = :e")
                .bind("id", id).bind("e", endpoint).execute());
    }

    private static Set<String> alerts(String stored) {
        Set<String> out = new LinkedHashSet<>();
        if (stored != null && !stored.isBlank()) out.addAll(Arrays.asList(stored.trim().split(" +")));
        return out;
    }
}
