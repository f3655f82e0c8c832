package social.atoll.infra.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which IP addresses outbound requests may connect to. Everything that is not ordinary public unicast is refused:
 * loopback, private networks, link-local (where cloud metadata services live), multicast, "this network",
 * benchmarking, documentation and reserved ranges, and IPv6 forms that carry such an IPv4 address inside
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4). With {@code allowPrivate} (tests and local clusters), loopback and
 * private networks (RFC 1918, CGNAT, IPv6 unique-local) become reachable; link-local, multicast and the rest stay
 * refused.
 */
public final class AddressPolicy {

    /** How an address is treated. */
    public enum Kind {
        /** Ordinary public unicast. */
        PUBLIC,
        /** Loopback or a private network: reachable only when private addresses are allowed. */
        PRIVATE,
        /** Never reachable. */
        BLOCKED
    }

    /** Host names made only of numbers (with dots, octal or hex parts) that are not a plain dotted quad. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) { this.allowPrivate = allowPrivate; }

    public boolean allowsPrivate() { return allowPrivate; }

    public boolean permits(InetAddress address) {
        Kind kind = classify(address);
        return kind == Kind.PUBLIC || (kind == Kind.PRIVATE && allowPrivate);
    }

    /**
     * True for host strings that a resolver might read as an IPv4 address in a non-canonical form: one number
     * ({@code 2130706433}), octal or hex parts ({@code 0177.0.0.1}, {@code 0x7f.1}), fewer than four parts
     * ({@code 127.1}). Different libraries read these differently, so they are refused rather than guessed at.
     */
    public static boolean isAmbiguousNumericHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return NUMERIC_HOST.matcher(h).matches() && !DOTTED_QUAD.matcher(h).matches();
    }

    public static Kind classify(InetAddress address) {
        if (address instanceof Inet4Address) return classifyV4(toInt(address.getAddress(), 0));
        if (address instanceof Inet6Address) return classifyV6(address.getAddress());
        return Kind.BLOCKED;
    }

    static Kind classifyV4(int a) {
        if (in(a, 0x7F000000, 8)) return Kind.PRIVATE;                 // 127.0.0.0/8 loopback
        if (in(a, 0x0A000000, 8)                                        // 10.0.0.0/8
                || in(a, 0xAC100000, 12)                                // 172.16.0.0/12
                || in(a, 0xC0A80000, 16)                                // 192.168.0.0/16
                || in(a, 0x64400000, 10)) return Kind.PRIVATE;          // 100.64.0.0/10 carrier-grade NAT
        if (in(a, 0x00000000, 8)                                        // 0.0.0.0/8 "this network", any-local
                || in(a, 0xA9FE0000, 16)                                // 169.254.0.0/16 link-local, cloud metadata
                || in(a, 0xC0000000, 24)                                // 192.0.0.0/24 IETF protocol assignments
                || in(a, 0xC0000200, 24)                                // 192.0.2.0/24 documentation
                || in(a, 0xC0586300, 24)                                // 192.88.99.0/24 6to4 relay anycast
                || in(a, 0xC6120000, 15)                                // 198.18.0.0/15 benchmarking
                || in(a, 0xC6336400, 24)                                // 198.51.100.0/24 documentation
                || in(a, 0xCB007100, 24)                                // 203.0.113.0/24 documentation
                || in(a, 0xE0000000, 4)                                 // 224.0.0.0/4 multicast
                || in(a, 0xF0000000, 4)) return Kind.BLOCKED;           // 240.0.0.0/4 reserved, 255.255.255.255 broadcast
        return Kind.PUBLIC;
    }

    static Kind classifyV6(byte[] b) {
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        boolean first80Zero = allZero(b, 0, 10);
        if (first80Zero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return classifyV4(toInt(b, 12));                             // ::ffff:a.b.c.d IPv4-mapped: it IS that IPv4 address
        }
        if (first80Zero && b[10] == 0 && b[11] == 0) {
            if (allZero(b, 12, 3) && (b[15] & 0xFF) <= 1) return b[15] == 1 ? Kind.PRIVATE : Kind.BLOCKED; // ::1 loopback, :: any-local
            return Kind.BLOCKED;                                         // ::a.b.c.d IPv4-compatible, deprecated and never routed
        }
        if (w0 == 0x0064 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            if (allZero(b, 4, 8)) return translated(toInt(b, 12));       // 64:ff9b::/96 NAT64 well-known prefix
            return Kind.BLOCKED;                                         // 64:ff9b:1::/48 local-use NAT64
        }
        if ((w0 & 0xFE00) == 0xFC00) return Kind.PRIVATE;                // fc00::/7 unique-local
        if ((w0 & 0xE000) != 0x2000) return Kind.BLOCKED;                // outside 2000::/3 global unicast: link-local, multicast, reserved
        if (w0 == 0x2002) return translated(toInt(b, 2));                // 2002::/16 6to4 carries an IPv4 address
        if (w0 == 0x2001) {
            int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (w1 < 0x0200) return Kind.BLOCKED;                        // 2001::/23 protocol assignments (Teredo, benchmarking, ORCHID)
            if (w1 == 0x0DB8) return Kind.BLOCKED;                       // 2001:db8::/32 documentation
        }
        if ((w0 & 0xFFFF) == 0x3FFF && (b[2] & 0xF0) == 0) return Kind.BLOCKED; // 3fff::/20 documentation
        return Kind.PUBLIC;
    }

    /** An IPv6 address that routes to an embedded IPv4 one: only as good as that address, and never private. */
    private static Kind translated(int v4) { return classifyV4(v4) == Kind.PUBLIC ? Kind.PUBLIC : Kind.BLOCKED; }

    private static boolean in(int address, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (address & mask) == (network & mask);
    }

    private static int toInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] != 0) return false;
        return true;
    }
}
