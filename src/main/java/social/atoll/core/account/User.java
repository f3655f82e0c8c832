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
        Long roleId,
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

    /**
     * The seeded roles, by the ids Mastodon gives them ({@code user_roles}): what sign-up and the CLI's
     * {@code --role} assign. Custom roles exist only as rows; {@link #roleId} names any of them.
     */
    public enum Role {
        USER(null), MODERATOR(1L), ADMIN(2L), OWNER(3L);

        /** The {@code user_roles} id; null for USER, who holds only the everyone role. */
        public final Long roleId;

        Role(Long roleId) { this.roleId = roleId; }

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** May sign in and use the API: confirmed, approved, not disabled. */
    public boolean active() { return confirmedAt != null && approved && !disabled; }
}
