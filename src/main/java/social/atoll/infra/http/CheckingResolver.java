package social.atoll.infra.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty's name resolution, replaced: resolves the host once, refuses the connection when ANY address it resolves
 * to is not permitted, and hands Jetty exactly the addresses it checked. Jetty connects to those and never looks
 * the name up again, so a second DNS answer (rebinding) cannot slip a private address in after the check.
 */
final class CheckingResolver implements SocketAddressResolver {

    /** Turns a host name or literal into addresses; the default is the system resolver. */
    @FunctionalInterface
    interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        static HostResolver system() { return host -> List.of(InetAddress.getAllByName(host)); }
    }

    /** Decides whether the client may connect to one resolved address of a host. */
    @FunctionalInterface
    interface ConnectPolicy {
        boolean permits(String host, InetSocketAddress address);

        static ConnectPolicy of(AddressPolicy policy) { return (host, address) -> policy.permits(address.getAddress()); }
    }

    private final HostResolver resolver;
    private final ConnectPolicy policy;
    private final Executor executor;

    CheckingResolver(HostResolver resolver, ConnectPolicy policy, Executor executor) {
        this.resolver = resolver;
        this.policy = policy;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        // Lookups block; keep them off Jetty's selector and client threads.
        executor.execute(() -> {
            try {
                promise.succeeded(check(host, port));
            } catch (Throwable e) {
                promise.failed(e);
            }
        });
    }

    /** Resolves and checks; throws {@link BlockedAddressException} or {@link UnknownHostException}. */
    List<InetSocketAddress> check(String rawHost, int port) throws UnknownHostException, BlockedAddressException {
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        if (host.isEmpty()) throw new UnknownHostException("empty host");
        if (AddressPolicy.isAmbiguousNumericHost(host)) throw new BlockedAddressException("ambiguous numeric host " + host);
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) throw new UnknownHostException(host);
        List<InetSocketAddress> out = new ArrayList<>(addresses.size());
        for (InetAddress a : addresses) {
            InetSocketAddress socket = new InetSocketAddress(a, port);
            if (!policy.permits(host, socket))
                throw new BlockedAddressException(host + " resolves to " + a.getHostAddress() + ", which outbound requests may not reach");
            out.add(socket);
        }
        return out;
    }
}
