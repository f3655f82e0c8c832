package social.atoll.core.invite;

import java.time.Instant;

/** An invitation to sign up: {@code maxUses} null is unlimited, {@code expiresAt} null never expires. */
public record Invite(long id, Long accountId, String code, Instant expiresAt, Integer maxUses, int uses, Instant createdAt) {

    public boolean expired(Instant now) { return expiresAt != null && !expiresAt.isAfter(now); }

    public boolean usedUp() { return maxUses != null && uses >= maxUses; }

    /** Someone may still sign up with it. */
    public boolean valid(Instant now) { return !expired(now) && !usedUp(); }
}
