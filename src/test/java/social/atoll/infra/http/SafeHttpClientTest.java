package social.atoll.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.infra.http.CheckingResolver.ConnectPolicy;
import social.atoll.infra.http.CheckingResolver.HostResolver;
import social.atoll.infra.json.Json;

/**
 * The outbound client against real HTTP servers on 127.0.0.1. The default client must never reach them; a client
 * with private addresses allowed, or one whose test seam permits exactly one test host name, may.
 */
class SafeHttpClientTest {

    private static final byte[] TWO_MIB = new byte[2 * 1024 * 1024];
    private static final String TEST_HOST = "allowed.test";

    private static Javalin origin;
    private static Javalin other;
    private static final AtomicInteger originHits = new AtomicInteger();
    private static final AtomicInteger otherHits = new AtomicInteger();
    private static final CountDownLatch releaseSlow = new CountDownLatch(1);

    private static SafeHttpClient strict;
    private static SafeHttpClient lenient;
    private static SafeHttpClient seam;

    @BeforeAll
    static void servers() {
        origin = server(originHits, r -> {
            r.get("/ok", ctx -> ctx.result("hello"));
            r.get("/echo", SafeHttpClientTest::echo);
            r.post("/echo", SafeHttpClientTest::echo);
            r.get("/to-private", ctx -> ctx.redirect("http://127.0.0.1:" + other.port() + "/ok", io.javalin.http.HttpStatus.FOUND));
            r.get("/to-localhost", ctx -> ctx.redirect("http://localhost:" + other.port() + "/ok", io.javalin.http.HttpStatus.FOUND));
            r.get("/to-same-name-other-port", ctx -> ctx.redirect("http://" + TEST_HOST + ":" + other.port() + "/ok", io.javalin.http.HttpStatus.FOUND));
            r.get("/to-metadata", ctx -> ctx.redirect("http://169.254.169.254/latest/meta-data/", io.javalin.http.HttpStatus.FOUND));
            r.get("/to-other-origin", ctx -> ctx.redirect("http://127.0.0.1:" + other.port() + "/echo", io.javalin.http.HttpStatus.FOUND));
            r.get("/chain/{n}", ctx -> {
                int n = Integer.parseInt(ctx.pathParam("n"));
                if (n == 0) ctx.result("end of chain");
                else ctx.redirect("/chain/" + (n - 1), io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
            });
            r.get("/loop", ctx -> ctx.redirect("/loop", io.javalin.http.HttpStatus.FOUND));
            r.post("/see-other", ctx -> ctx.redirect("/echo", io.javalin.http.HttpStatus.SEE_OTHER));
            r.post("/temporary", ctx -> ctx.redirect("/echo", io.javalin.http.HttpStatus.TEMPORARY_REDIRECT));
            r.get("/big", ctx -> ctx.contentType("application/octet-stream").result(TWO_MIB));
            r.get("/big-stream", ctx -> {
                ctx.contentType("application/octet-stream");
                OutputStream out = ctx.res().getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 32; i++) {
                    out.write(chunk);
                    out.flush();
                }
            });
            r.get("/slow", ctx -> {
                releaseSlow.await(20, TimeUnit.SECONDS);
                ctx.result("late");
            });
        });
        other = server(otherHits, r -> {
            r.get("/ok", ctx -> ctx.result("other"));
            r.get("/echo", SafeHttpClientTest::echo);
        });
        strict = new SafeHttpClient("Atoll/test (+http://atoll.test)", HostResolver.system(), ConnectPolicy.of(new AddressPolicy(false)));
        lenient = new SafeHttpClient("Atoll/test (+http://atoll.test)", HostResolver.system(), ConnectPolicy.of(new AddressPolicy(true)));
        // The test seam: TEST_HOST resolves to 127.0.0.1 and is permitted on the origin's port only;
        // every other name and address follows the real rules.
        HostResolver system = HostResolver.system();
        ConnectPolicy real = ConnectPolicy.of(new AddressPolicy(false));
        seam = new SafeHttpClient("Atoll/test (+http://atoll.test)",
                host -> host.equals(TEST_HOST) ? List.of(InetAddress.getByName("127.0.0.1")) : system.resolve(host),
                (host, address) -> (host.equals(TEST_HOST) && address.getPort() == origin.port()
                        && address.getAddress().isLoopbackAddress()) || real.permits(host, address));
    }

    @AfterAll
    static void stop() {
        releaseSlow.countDown();
        strict.close();
        lenient.close();
        seam.close();
        origin.stop();
        other.stop();
    }

    private static Javalin server(AtomicInteger hits, Consumer<RoutesConfig> routes) {
        return Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.compressionStrategy = CompressionStrategy.NONE;
            c.routes.before(ctx -> hits.incrementAndGet());
            routes.accept(c.routes);
        }).start();
    }

    private static void echo(io.javalin.http.Context ctx) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(ctx.headerMap());
        ctx.json(Map.of("method", ctx.method().name(), "headers", headers, "body", ctx.body()));
    }

    private static String url(Javalin server, String path) { return "http://127.0.0.1:" + server.port() + path; }

    private static Map<?, ?> json(Response r) throws Exception { return Json.mapper().readValue(r.body(), Map.class); }

    @Test
    void refusesLoopbackByNameAndLiteral() {
        int port = origin.port();
        int before = originHits.get();
        for (String u : List.of("http://127.0.0.1:" + port + "/ok", "http://localhost:" + port + "/ok", "http://[::1]:" + port + "/ok",
                "http://[::ffff:127.0.0.1]:" + port + "/ok", "http://[::ffff:7f00:1]:" + port + "/ok", "http://127.0.0.2:" + port + "/ok")) {
            assertThatThrownBy(() -> strict.get(URI.create(u), Map.of())).as(u).isInstanceOf(BlockedAddressException.class);
        }
        assertThat(originHits.get()).isEqualTo(before);
    }

    @Test
    void refusesPrivateLinkLocalAndReservedAddresses() {
        for (String host : List.of("10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                "255.255.255.255", "198.18.0.1", "192.0.2.10", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::]",
                "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::1]", "[2002:c0a8:101::1]", "[2001:db8::1]")) {
            String u = "http://" + host + "/latest/meta-data/";
            assertThatThrownBy(() -> strict.get(URI.create(u), Map.of())).as(u).isInstanceOf(BlockedAddressException.class);
        }
    }

    @Test
    void refusesNumericHostTricks() {
        int port = origin.port();
        for (String host : List.of("2130706433", "0x7f000001", "0177.0.0.1", "017700000001")) {
            String u = "http://" + host + ":" + port + "/ok";
            assertThatThrownBy(() -> strict.get(URI.create(u), Map.of())).as(u).isInstanceOf(BlockedAddressException.class);
            // Even where private addresses are allowed: these forms are read differently by different resolvers.
            assertThatThrownBy(() -> lenient.get(URI.create(u), Map.of())).as(u).isInstanceOf(BlockedAddressException.class);
        }
        // java.net.URI sees no host in these (the last label is numeric); InetAddress would read a missing host as localhost.
        for (String host : List.of("127.1", "0x7f.0.0.1", "127.0.0.1.")) {
            String u = "http://" + host + ":" + port + "/ok";
            assertThatThrownBy(() -> lenient.get(URI.create(u), Map.of())).as(u).isInstanceOf(FetchFailedException.class);
        }
    }

    @Test
    void refusesOtherSchemesAndUserInfo() {
        for (String u : List.of("ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "http://user:pw@example.com/", "/relative")) {
            assertThatThrownBy(() -> strict.get(URI.create(u), Map.of())).as(u).isInstanceOf(FetchFailedException.class);
        }
    }

    @Test
    void allowingPrivateAddressesLetsLoopbackThroughButNotLinkLocal() throws Exception {
        Response r = lenient.get(URI.create(url(origin, "/ok")), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.finalUri()).isEqualTo(URI.create(url(origin, "/ok")));
        assertThatThrownBy(() -> lenient.get(URI.create("http://169.254.169.254/latest/meta-data/"), Map.of()))
                .isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void theTestSeamPermitsOnlyItsOneHost() throws Exception {
        Response r = seam.get(URI.create("http://" + TEST_HOST + ":" + origin.port() + "/ok"), Map.of());
        assertThat(r.text()).isEqualTo("hello");
        assertThatThrownBy(() -> seam.get(URI.create(url(origin, "/ok")), Map.of())).isInstanceOf(BlockedAddressException.class);
    }

    @Test
    void redirectsFromAnAllowedServerToPrivateTargetsAreRefused() {
        int before = otherHits.get();
        for (String path : List.of("/to-private", "/to-localhost", "/to-same-name-other-port", "/to-metadata")) {
            URI u = URI.create("http://" + TEST_HOST + ":" + origin.port() + path);
            assertThatThrownBy(() -> seam.get(u, Map.of())).as(path).isInstanceOf(BlockedAddressException.class);
        }
        assertThat(otherHits.get()).isEqualTo(before);
    }

    @Test
    void sendsHeadersAsGivenWithAUserAgent() throws Exception {
        Response r = lenient.get(URI.create(url(origin, "/echo")), Map.of("Accept", "application/activity+json", "Date", "Tue, 01 Dec 2026 10:00:00 GMT",
                "Signature", "keyId=\"k\",headers=\"(request-target) host date\",signature=\"abc==\""));
        Map<?, ?> headers = (Map<?, ?>) json(r).get("headers");
        assertThat(headers.get("Accept")).isEqualTo("application/activity+json");
        assertThat(headers.get("Date")).isEqualTo("Tue, 01 Dec 2026 10:00:00 GMT");
        assertThat(headers.get("Signature")).isEqualTo("keyId=\"k\",headers=\"(request-target) host date\",signature=\"abc==\"");
        assertThat(headers.get("User-Agent")).isEqualTo("Atoll/test (+http://atoll.test)");
        assertThat(headers.get("Host")).isEqualTo("127.0.0.1:" + origin.port());

        Response own = lenient.get(URI.create(url(origin, "/echo")), Map.of("User-Agent", "Custom/1.0"));
        assertThat(((Map<?, ?>) json(own).get("headers")).get("User-Agent")).isEqualTo("Custom/1.0");

        Response posted = lenient.post(URI.create(url(origin, "/echo")), Map.of("Content-Type", "application/activity+json", "Digest", "SHA-256=x"),
                "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8), Limits.DEFAULT);
        Map<?, ?> echoed = json(posted);
        assertThat(echoed.get("method")).isEqualTo("POST");
        assertThat(echoed.get("body")).isEqualTo("{\"type\":\"Follow\"}");
        assertThat(((Map<?, ?>) echoed.get("headers")).get("Content-Type")).isEqualTo("application/activity+json");
        assertThat(((Map<?, ?>) echoed.get("headers")).get("Digest")).isEqualTo("SHA-256=x");
    }

    @Test
    void rejectsHeaderValuesThatWouldStartANewLine() {
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/ok")), Map.of("X-Test", "a\r\nInjected: yes")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsUpToFiveRedirectsAndNoMore() throws Exception {
        Response r = lenient.get(URI.create(url(origin, "/chain/5")), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("end of chain");
        assertThat(r.finalUri()).isEqualTo(URI.create(url(origin, "/chain/0")));

        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/chain/6")), Map.of()))
                .isInstanceOf(FetchFailedException.class).hasMessageContaining("too many redirects");
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/loop")), Map.of()))
                .isInstanceOf(FetchFailedException.class).hasMessageContaining("too many redirects");
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/chain/1")), Map.of(), Limits.DEFAULT.withMaxRedirects(0)))
                .isInstanceOf(FetchFailedException.class).hasMessageContaining("too many redirects");
    }

    @Test
    void credentialsAreNotForwardedToAnotherOrigin() throws Exception {
        Response r = lenient.get(URI.create(url(origin, "/to-other-origin")),
                Map.of("Authorization", "Bearer secret", "Signature", "sig", "Accept", "application/json"));
        assertThat(r.finalUri()).isEqualTo(URI.create(url(other, "/echo")));
        Map<?, ?> headers = (Map<?, ?>) json(r).get("headers");
        assertThat(headers.get("Accept")).isEqualTo("application/json");
        assertThat(headers.containsKey("Authorization")).isFalse();
        assertThat(headers.containsKey("Signature")).isFalse();
    }

    @Test
    void seeOtherTurnsAPostIntoAGetAndTemporaryRedirectRepeatsIt() throws Exception {
        byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
        Map<?, ?> seeOther = json(lenient.post(URI.create(url(origin, "/see-other")), Map.of("Content-Type", "text/plain"), body, Limits.DEFAULT));
        assertThat(seeOther.get("method")).isEqualTo("GET");
        assertThat(seeOther.get("body")).isEqualTo("");
        assertThat(((Map<?, ?>) seeOther.get("headers")).containsKey("Content-Type")).isFalse();

        Map<?, ?> temporary = json(lenient.post(URI.create(url(origin, "/temporary")), Map.of("Content-Type", "text/plain"), body, Limits.DEFAULT));
        assertThat(temporary.get("method")).isEqualTo("POST");
        assertThat(temporary.get("body")).isEqualTo("payload");
    }

    @Test
    void responsesOverTheSizeLimitAreCutOff() throws Exception {
        Limits oneMiB = Limits.DEFAULT.withMaxBytes(1024 * 1024);
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/big")), Map.of(), oneMiB)).isInstanceOf(ResponseTooLargeException.class);
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/big-stream")), Map.of(), oneMiB)).isInstanceOf(ResponseTooLargeException.class);
        // Exactly at the limit is fine, and the default limit (10 MiB) takes both.
        assertThat(lenient.get(URI.create(url(origin, "/big")), Map.of(), Limits.DEFAULT.withMaxBytes(TWO_MIB.length)).body()).hasSize(TWO_MIB.length);
        assertThat(lenient.get(URI.create(url(origin, "/big-stream")), Map.of()).body()).hasSize(TWO_MIB.length);
        // The client still works after dropping those connections.
        assertThat(lenient.get(URI.create(url(origin, "/ok")), Map.of()).text()).isEqualTo("hello");
    }

    @Test
    void aSlowServerTimesOut() {
        Limits quick = Limits.DEFAULT.withTotalTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> lenient.get(URI.create(url(origin, "/slow")), Map.of(), quick)).isInstanceOf(FetchTimeoutException.class);
    }

    @Test
    void theConnectLimitCoversASlowLookup() {
        CountDownLatch never = new CountDownLatch(1);
        try (SafeHttpClient slowDns = new SafeHttpClient("Atoll/test", host -> {
            try {
                never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(InetAddress.getByName("127.0.0.1"));
        }, (host, address) -> true)) {
            Limits quick = Limits.DEFAULT.withConnectTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> slowDns.get(URI.create("http://slow-dns.test:" + origin.port() + "/ok"), Map.of(), quick))
                    .isInstanceOf(FetchTimeoutException.class).hasMessageContaining("no connection");
        } finally {
            never.countDown();
        }
    }

    @Test
    void refusesWhenAnyResolvedAddressIsPrivate() throws Exception {
        var resolver = new CheckingResolver(host -> List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3")),
                ConnectPolicy.of(new AddressPolicy(false)), Runnable::run);
        assertThatThrownBy(() -> resolver.check("mixed.example", 443)).isInstanceOf(BlockedAddressException.class).hasMessageContaining("10.1.2.3");
        var publicOnly = new CheckingResolver(host -> List.of(InetAddress.getByName("93.184.215.14")), ConnectPolicy.of(new AddressPolicy(false)), Runnable::run);
        assertThat(publicOnly.check("public.example", 443)).containsExactly(new InetSocketAddress(InetAddress.getByName("93.184.215.14"), 443));
    }
}
