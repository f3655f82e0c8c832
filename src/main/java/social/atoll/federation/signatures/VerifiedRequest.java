package social.atoll.federation.signatures;

import social.atoll.core.account.Account;

/**
 * A request whose signature checked out.
 *
 * @param actor  the account that owns the signing key (remote accounts are stored or refreshed on the way)
 * @param keyId  the key that signed
 * @param scheme which signature standard was used
 */
public record VerifiedRequest(Account actor, String keyId, Scheme scheme) {

    public enum Scheme { DRAFT_CAVAGE, RFC9421 }
}
