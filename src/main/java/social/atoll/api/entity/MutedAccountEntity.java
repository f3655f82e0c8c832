package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Mastodon's MutedAccount: an Account plus {@code mute_expires_at} (null for a mute without end). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MutedAccountEntity(@JsonUnwrapped AccountEntity account, String muteExpiresAt) {}
