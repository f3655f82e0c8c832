package social.atoll.core.account;

import java.time.Instant;

/**
 * The sign-in identity of a local account. Mirrors the {@code users} table; {@code settings} is the JSON document
 * of the remaining preferences, read through {@link social.atoll.core.preferences.PreferencesService}.
 */
public record User(
        long id,
        long accountId,
        String email,
        String passwordHash,
        String role,
        Instant confirmedAt,
        boolean approved,
        boolean disabled,
        String locale,
        String defaultPrivacy,
        boolean defaultSensitive,
        String defaultLanguage,
        String settings,
        Instant lastSignInAt,
        Instant createdAt) {

    public enum Role {
        USER, MODERATOR, ADMIN, OWNER;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public Role roleEnum() { return Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)); }

    /** May sign in and use the API: confirmed, approved, not disabled. */
    public boolean active() { return confirmedAt != null && approved && !disabled; }
}
