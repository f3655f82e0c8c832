package social.atoll.federation.signatures;

/**
 * An inbound request whose signature does not prove who sent it. {@link #status} is the answer to give: 401 for a
 * missing, malformed, stale or wrong signature, 403 when the signer's domain may not talk to us.
 */
public final class SignatureException extends Exception {

    private final int status;

    public SignatureException(String reason) { this(401, reason); }

    public SignatureException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() { return status; }

    public String reason() { return getMessage(); }
}
