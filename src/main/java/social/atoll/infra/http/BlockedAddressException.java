package social.atoll.infra.http;

/**
 * The URL points (or resolves, or redirects) somewhere outbound requests must not go: loopback, a private
 * network, link-local (cloud metadata), multicast, reserved ranges, or an ambiguous numeric host.
 */
public final class BlockedAddressException extends FetchFailedException {
    public BlockedAddressException(String message) { super(message); }
}
