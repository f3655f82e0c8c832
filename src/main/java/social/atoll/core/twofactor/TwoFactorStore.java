package social.atoll.core.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/** The two-factor tables: TOTP secrets, recovery codes, passkeys and the WebAuthn challenges in flight. */
public final class TwoFactorStore {

    /** A user's TOTP secret; {@code confirmedAt} null while being set up. */
    public record TotpSecret(long userId, String secret, Instant createdAt, Instant confirmedAt, long lastStep) {
        public boolean confirmed() { return confirmedAt != null; }
    }

    /** A stored passkey. {@code attestedData} is webauthn4j's encoding of the public key, base64url. */
    public record Passkey(long id, long userId, String credentialId, String name, String attestedData, long signCount,
                          String transports, Instant createdAt, Instant lastUsedAt) {}

    /** A challenge handed out, with the user it was for (null for a passwordless sign-in). */
    public record Challenge(String challenge, Long userId, String purpose) {}

    private static final String PASSKEY_COLUMNS =
            "id, user_id, credential_id, name, attested_data, sign_count, transports, created_at, last_used_at";

    private final Database db;

    public TwoFactorStore(Database db) { this.db = db; }

    public Optional<TotpSecret> totp(long userId) {
        return db.read(h -> h.createQuery("SELECT user_id, secret, created_at, confirmed_at, last_step FROM two_factor_totp WHERE user_id = :u")
                .bind("u", userId)
                .map((rs, c) -> new TotpSecret(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getObject(4) == null ? null : Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5)))
                .findOne());
    }

    /** Starts (or restarts) setting up TOTP with a new secret; an enabled one is left alone (answers false). */
    public boolean savePending(long userId, String secret, Instant now) {
        return db.write(h -> {
            h.createUpdate("DELETE FROM two_factor_totp WHERE user_id = :u AND confirmed_at IS NULL").bind("u", userId).execute();
            int existing = h.createQuery("SELECT COUNT(*) FROM two_factor_totp WHERE user_id = :u").bind("u", userId).mapTo(Integer.class).one();
            if (existing > 0) return false;
            h.createUpdate("INSERT INTO two_factor_totp (user_id, secret, created_at, last_step) VALUES (:u, :s, :now, -1)")
                    .bind("u", userId).bind("s", secret).bind("now", now.toEpochMilli()).execute();
            return true;
        });
    }

    /** Puts the pending secret in force, recording the step of the code that proved it; false when none was pending. */
    public boolean confirm(Handle h, long userId, long step, Instant now) {
        return h.createUpdate("UPDATE two_factor_totp SET confirmed_at = :now, last_step = :step WHERE user_id = :u AND confirmed_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("step", step).bind("u", userId).execute() == 1;
    }

    /**
     * Records that the code of {@code step} was used: true only when no code of this step or a later one was
     * accepted before. One conditional UPDATE, so two requests racing with the same code cannot both win.
     */
    public boolean useStep(long userId, long step) {
        return db.write(h -> h.createUpdate("UPDATE two_factor_totp SET last_step = :step"
                        + " WHERE user_id = :u AND confirmed_at IS NOT NULL AND last_step < :step")
                .bind("step", step).bind("u", userId).execute() == 1);
    }

    /** A stored recovery code: its random salt and keyed hash (see {@link TwoFactorSeal}). */
    public record RecoveryCode(long id, String salt, String hash) {}

    /** Replaces every recovery code of a user with these. */
    public void replaceRecoveryCodes(Handle h, long userId, List<RecoveryCode> codes) {
        h.createUpdate("DELETE FROM two_factor_recovery_codes WHERE user_id = :u").bind("u", userId).execute();
        for (RecoveryCode c : codes) {
            h.createUpdate("INSERT INTO two_factor_recovery_codes (id, user_id, salt, code_hash) VALUES (:id, :u, :salt, :hash)")
                    .bind("id", c.id()).bind("u", userId).bind("salt", c.salt()).bind("hash", c.hash()).execute();
        }
    }

    /** The unused recovery codes of a user (ten at most). */
    public List<RecoveryCode> unusedRecoveryCodes(long userId) {
        return db.read(h -> h.createQuery("SELECT id, salt, code_hash FROM two_factor_recovery_codes WHERE user_id = :u AND used_at IS NULL")
                .bind("u", userId).map((rs, c) -> new RecoveryCode(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    }

    /** Uses up a recovery code; false when it was used meanwhile (two requests racing with the same code). */
    public boolean spendRecoveryCode(long userId, long id, Instant now) {
        return db.write(h -> h.createUpdate("UPDATE two_factor_recovery_codes SET used_at = :now"
                        + " WHERE id = :id AND user_id = :u AND used_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("id", id).bind("u", userId).execute() == 1);
    }

    /** TOTP rows whose secret is still stored in clear (written before secrets were sealed): user id → secret. */
    public java.util.Map<Long, String> plainTotpSecrets() {
        return db.read(h -> h.createQuery("SELECT user_id, secret FROM two_factor_totp WHERE secret NOT LIKE 'v1:%'")
                .map((rs, c) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list())
                .stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    /** Replaces a stored secret by its sealed form, unless the row changed meanwhile. */
    public boolean resealTotpSecret(long userId, String old, String sealed) {
        return db.write(h -> h.createUpdate("UPDATE two_factor_totp SET secret = :sealed WHERE user_id = :u AND secret = :old")
                .bind("sealed", sealed).bind("u", userId).bind("old", old).execute() == 1);
    }

    /** Recovery codes stored as a bare SHA-256 (no salt), written before codes were salted. */
    public List<RecoveryCode> unsaltedRecoveryCodes() {
        return db.read(h -> h.createQuery("SELECT id, salt, code_hash FROM two_factor_recovery_codes WHERE salt IS NULL")
                .map((rs, c) -> new RecoveryCode(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    }

    /** Gives an unsalted recovery code its salt and keyed hash, unless another node did first. */
    public boolean resaltRecoveryCode(RecoveryCode c) {
        return db.write(h -> h.createUpdate("UPDATE two_factor_recovery_codes SET salt = :salt, code_hash = :hash WHERE id = :id AND salt IS NULL")
                .bind("salt", c.salt()).bind("hash", c.hash()).bind("id", c.id()).execute() == 1);
    }

    public int recoveryCodesLeft(long userId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM two_factor_recovery_codes WHERE user_id = :u AND used_at IS NULL")
                .bind("u", userId).mapTo(Integer.class).one());
    }

    /** Removes every second factor of a user: TOTP, recovery codes, passkeys, challenges. */
    public void deleteAll(Handle h, long userId) {
        for (String table : List.of("two_factor_totp", "two_factor_recovery_codes", "webauthn_credentials", "webauthn_challenges"))
            h.createUpdate("DELETE FROM " + table + " WHERE user_id = :u").bind("u", userId).execute();
    }

    public void addPasskey(Passkey p) {
        db.write(h -> h.createUpdate("INSERT INTO webauthn_credentials (" + PASSKEY_COLUMNS + ")"
                        + " VALUES (:id, :u, :cred, :name, :data, :count, :transports, :created, NULL)")
                .bind("id", p.id()).bind("u", p.userId()).bind("cred", p.credentialId()).bind("name", p.name())
                .bind("data", p.attestedData()).bind("count", p.signCount()).bind("transports", p.transports())
                .bind("created", p.createdAt().toEpochMilli()).execute());
    }

    public List<Passkey> passkeys(long userId) {
        return db.read(h -> h.createQuery("SELECT " + PASSKEY_COLUMNS + " FROM webauthn_credentials WHERE user_id = :u ORDER BY created_at, id")
                .bind("u", userId).map((rs, c) -> passkey(rs)).list());
    }

    public Optional<Passkey> passkey(String credentialId) {
        return db.read(h -> h.createQuery("SELECT " + PASSKEY_COLUMNS + " FROM webauthn_credentials WHERE credential_id = :c")
                .bind("c", credentialId).map((rs, c) -> passkey(rs)).findOne());
    }

    public void passkeyUsed(long id, long signCount, Instant now) {
        db.write(h -> h.createUpdate("UPDATE webauthn_credentials SET sign_count = :count, last_used_at = :now WHERE id = :id")
                .bind("count", signCount).bind("now", now.toEpochMilli()).bind("id", id).execute());
    }

    public boolean deletePasskey(long userId, long id) {
        return db.write(h -> h.createUpdate("DELETE FROM webauthn_credentials WHERE id = :id AND user_id = :u")
                .bind("id", id).bind("u", userId).execute()) == 1;
    }

    /** Stores a challenge handed to a browser; expired ones are swept at the same time. */
    public void addChallenge(Challenge c, Instant expires, Instant now) {
        db.write(h -> {
            h.createUpdate("DELETE FROM webauthn_challenges WHERE expires_at < :now").bind("now", now.toEpochMilli()).execute();
            return h.createUpdate("INSERT INTO webauthn_challenges (challenge, user_id, purpose, expires_at) VALUES (:c, :u, :p, :e)")
                    .bind("c", c.challenge()).bind("u", c.userId()).bind("p", c.purpose()).bind("e", expires.toEpochMilli()).execute();
        });
    }

    /** Takes a live challenge of this purpose out of the table: each can be answered once. */
    public Optional<Challenge> takeChallenge(String challenge, String purpose, Instant now) {
        return db.write(h -> {
            Optional<Challenge> found = h.createQuery("SELECT challenge, user_id, purpose FROM webauthn_challenges"
                            + " WHERE challenge = :c AND purpose = :p AND expires_at >= :now")
                    .bind("c", challenge).bind("p", purpose).bind("now", now.toEpochMilli())
                    .map((rs, ctx) -> new Challenge(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3)))
                    .findOne();
            if (found.isEmpty()) return found;
            int deleted = h.createUpdate("DELETE FROM webauthn_challenges WHERE challenge = :c").bind("c", challenge).execute();
            return deleted == 1 ? found : Optional.<Challenge>empty();
        });
    }

    private static Passkey passkey(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Passkey(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)), rs.getObject(9) == null ? null : Instant.ofEpochMilli(rs.getLong(9)));
    }
}
