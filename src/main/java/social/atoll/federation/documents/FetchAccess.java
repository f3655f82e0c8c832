package social.atoll.federation.documents;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.moderation.FederationPolicy;
import social.atoll.federation.signatures.SignatureException;
import social.atoll.federation.signatures.SignatureVerifier;
import social.atoll.server.ApiException;

/**
 * Who is fetching an ActivityPub document. An unsigned GET is anonymous; a validly signed one is its signer (a
 * remote actor, who may then see what that actor may see). With authorized fetch or limited federation on, unsigned
 * and badly signed GETs are refused with 401 and signers from hosts we do not federate with with 403.
 */
public final class FetchAccess {

    private static final Logger log = LoggerFactory.getLogger(FetchAccess.class);

    /** The fetcher: {@code account} null for anonymous. */
    public record Fetcher(Account account) {
        public Long accountId() { return account == null ? null : account.id(); }

        public boolean anonymous() { return account == null; }
    }

    private final SignatureVerifier verifier;
    private final FederationPolicy policy;

    public FetchAccess(SignatureVerifier verifier, FederationPolicy policy) {
        this.verifier = verifier;
        this.policy = policy;
    }

    /** The fetcher of this request, or an {@link ApiException} (401/403) when the mode demands a signature. */
    public Fetcher fetcher(Context ctx) {
        Map<String, List<String>> headers = headers(ctx);
        boolean required = policy.requireSignedFetch();
        if (!SignatureVerifier.isSigned(headers)) {
            if (required) throw new ApiException(401, "Request not signed");
            return new Fetcher(null);
        }
        String query = ctx.queryString();
        try {
            return new Fetcher(verifier.verify(ctx.method().name(), ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query), headers, null).actor());
        } catch (SignatureException e) {
            log.info("signed fetch of {} refused: {}", ctx.path(), e.reason());
            if (e.status() == 403) throw new ApiException(403, e.reason());
            if (required) throw new ApiException(401, e.reason());
            return new Fetcher(null);
        }
    }

    /**
     * Like {@link #fetcher}, for documents that stay public in every mode: an unsigned fetcher, or one from a host we
     * do not federate with, is anonymous instead of refused. A signature that does not verify is still answered 401
     * when signatures are required: the anonymous (bare) document would pass for success, and a signer that tries a
     * newer scheme first (Fedify and Mastodon 4.5 knock with RFC 9421, then draft-cavage) would never retry.
     */
    public Fetcher optionalFetcher(Context ctx) {
        try {
            return fetcher(ctx);
        } catch (ApiException e) {
            if (e.status() == 401 && SignatureVerifier.isSigned(headers(ctx))) throw e;
            return new Fetcher(null);
        }
    }

    static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        var names = ctx.req().getHeaderNames();
        if (names == null) return headers;
        for (String name : Collections.list(names)) headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        return headers;
    }
}
