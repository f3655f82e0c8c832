package social.atoll.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.infra.http.AddressPolicy.Kind;

class AddressPolicyTest {

    private static Kind kind(String literal) {
        try {
            return AddressPolicy.classify(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publicAddressesArePublic() {
        for (String a : List.of("1.1.1.1", "8.8.8.8", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
                "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111", "2a01:4f8::1", "64:ff9b::808:808", "2002:808:808::1")) {
            assertThat(kind(a)).as(a).isEqualTo(Kind.PUBLIC);
        }
    }

    @Test
    void loopbackAndPrivateNetworksArePrivate() {
        for (String a : List.of("127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1",
                "100.127.255.255", "::1", "fc00::1", "fdff:ffff::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1")) {
            assertThat(kind(a)).as(a).isEqualTo(Kind.PRIVATE);
        }
    }

    @Test
    void everythingElseIsBlocked() {
        for (String a : List.of("0.0.0.0", "0.1.2.3", "169.254.169.254", "192.0.0.8", "192.0.2.1", "192.88.99.1", "198.18.0.1", "198.19.255.255",
                "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "::", "::127.0.0.1", "::8.8.8.8", "fe80::1", "febf::1", "fec0::1", "ff02::1", "100::1", "::ffff:169.254.169.254",
                "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::808:808", "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2001::1",
                "2001:2::1", "2001:db8::1", "3fff::1", "4000::1")) {
            assertThat(kind(a)).as(a).isEqualTo(Kind.BLOCKED);
        }
    }

    @Test
    void allowingPrivateOpensLoopbackAndPrivateOnly() throws Exception {
        AddressPolicy strict = new AddressPolicy(false);
        AddressPolicy lenient = new AddressPolicy(true);
        for (String a : List.of("127.0.0.1", "::1", "10.1.2.3", "192.168.10.1", "fd00::5")) {
            assertThat(strict.permits(InetAddress.getByName(a))).as(a).isFalse();
            assertThat(lenient.permits(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : List.of("169.254.169.254", "fe80::1", "224.0.0.251", "0.0.0.0", "::", "2002:7f00:1::1")) {
            assertThat(lenient.permits(InetAddress.getByName(a))).as(a).isFalse();
        }
        assertThat(strict.permits(InetAddress.getByName("9.9.9.9"))).isTrue();
    }

    @Test
    void ambiguousNumericHostsAreRecognised() {
        for (String h : List.of("2130706433", "0x7f000001", "0177.0.0.1", "127.1", "127.0.1", "0x7f.0.0.1", "017700000001", "1.2.3.04", "0")) {
            assertThat(AddressPolicy.isAmbiguousNumericHost(h)).as(h).isTrue();
        }
        for (String h : List.of("127.0.0.1", "8.8.8.8", "255.255.255.255", "0.0.0.0", "example.com", "1password.com", "123.example", "a1.b2", "0x.example")) {
            assertThat(AddressPolicy.isAmbiguousNumericHost(h)).as(h).isFalse();
        }
    }
}
