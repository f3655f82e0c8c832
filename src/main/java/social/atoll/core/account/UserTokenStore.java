package social.atoll.core.account;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code user_tokens} table (single-use tokens sent by mail, kept as their hash) and the user columns that
 * spending one changes: the confirmation time and the password hash.
 */
public final class UserTokenStore {

    public enum Purpose {
        CONFIRM_EMAIL("confirm_email"), PASSWORD_RESET("password_reset"), CHANGE_EMAIL("change_email");

        final String id;

        Purpose(String id) { this.id = id; }
    }

    public void insert(Handle h, long id, long userId, Purpose purpose, String tokenHash, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO user_tokens (id, user_id, purpose, token_hash, created_at, expires_at)
                        VALUES (:id, :user, :purpose, :hash, :now, :expires)""")
                .bind("id", id).bind("user", userId).bind("purpose", purpose.id).bind("hash", tokenHash)
                .bind("now", now).bind("expires", expiresAt).execute();
    }

    /**
     * Spends the unused, unexpired token of this purpose with this hash, and answers its user. The row is found by
     * its hash (which says nothing of the token's other hashes) and the hash is compared again in constant time;
     * the update that spends it is conditional, so two requests racing with one link cannot both win.
     */
    public Optional<Long> spend(Handle h, Purpose purpose, String tokenHash, Instant now) {
        record Row(long id, long userId, String hash) {}
        Optional<Row> row = h.createQuery("""
                        SELECT id, user_id, token_hash FROM user_tokens
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("purpose", purpose.id).bind("now", now)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne();
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
                tokenHash.getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        int spent = h.createUpdate("UPDATE user_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL")
                .bind("now", now).bind("id", row.get().id()).execute();
        return spent == 1 ? Optional.of(row.get().userId()) : Optional.empty();
    }

    /** The user of this unused, unexpired token (read before a password is hashed, then spent with {@link #spend}). */
    public Optional<Long> owner(Handle h, Purpose purpose, String tokenHash, Instant now) {
        return h.createQuery("""
                        SELECT user_id FROM user_tokens
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("purpose", purpose.id).bind("now", now).mapTo(Long.class).findOne();
    }

    /** True when the user has an unused, unexpired token of this purpose issued after {@code since}. */
    public boolean issuedSince(Handle h, long userId, Purpose purpose, Instant since, Instant now) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM user_tokens
                        WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL AND expires_at > :now AND created_at > :since""")
                .bind("user", userId).bind("purpose", purpose.id).bind("now", now).bind("since", since).mapTo(Integer.class).one() > 0;
    }

    /** True when this unused, unexpired token exists (the reset form is shown only for a live link). */
    public boolean live(Handle h, Purpose purpose, String tokenHash, Instant now) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM user_tokens
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("purpose", purpose.id).bind("now", now).mapTo(Integer.class).one() > 0;
    }

    /** Voids every unused token of this purpose of a user (a new link replaces the old ones; a password change voids resets). */
    public void voidAll(Handle h, long userId, Purpose purpose, Instant now) {
        h.createUpdate("UPDATE user_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .bind("now", now).bind("user", userId).bind("purpose", purpose.id).execute();
    }

    /** Keeps the address a change asks for until the link mailed to it is used. */
    public void setUnconfirmedEmail(Handle h, long userId, String email) {
        h.createUpdate("UPDATE users SET unconfirmed_email = :e WHERE id = :id").bind("e", email).bind("id", userId).execute();
    }

    /** The address a user asked to change to, not confirmed yet. */
    public Optional<String> unconfirmedEmail(Handle h, long userId) {
        return h.createQuery("SELECT unconfirmed_email FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).findOne()
                .filter(java.util.Objects::nonNull);
    }

    /** True when another user has this (lower-cased) address. */
    public boolean emailTaken(Handle h, String email, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e AND id <> :id").bind("e", email).bind("id", userId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Makes the waiting address the user's address; the mail to it proved it is theirs, so it counts as confirmed. */
    public void applyUnconfirmedEmail(Handle h, long userId, Instant now) {
        h.createUpdate("""
                        UPDATE users SET email = unconfirmed_email, unconfirmed_email = NULL, confirmed_at = COALESCE(confirmed_at, :now)
                        WHERE id = :id AND unconfirmed_email IS NOT NULL""").bind("now", now).bind("id", userId).execute();
    }

    public void confirm(Handle h, long userId, Instant now) {
        h.createUpdate("UPDATE users SET confirmed_at = :now WHERE id = :id AND confirmed_at IS NULL")
                .bind("now", now).bind("id", userId).execute();
    }

    public void setPassword(Handle h, long userId, String passwordHash) {
        h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id").bind("hash", passwordHash).bind("id", userId).execute();
    }
}
