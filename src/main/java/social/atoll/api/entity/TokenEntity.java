package social.atoll.api.entity;

/** Mastodon's Token entity, as {@code /oauth/token} and sign-up return it; {@code created_at} in Unix seconds. */
public record TokenEntity(String accessToken, String tokenType, String scope, long createdAt) {

    public static TokenEntity bearer(String token, String scope, java.time.Instant createdAt) {
        return new TokenEntity(token, "Bearer", scope, createdAt.getEpochSecond());
    }
}
