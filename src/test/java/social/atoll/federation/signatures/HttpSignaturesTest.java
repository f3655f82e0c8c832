package social.atoll.federation.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.federation.keys.Pem;

/**
 * Signing and checking HTTP signatures against the published test vectors (draft-cavage Appendix C with its 1024-bit
 * test key, RFC 9421 B.2.6 with the Ed25519 test key) and by round trips with fresh keys.
 */
class HttpSignaturesTest {

    /** draft-cavage-http-signatures Appendix C "Test Key" (public half). */
    static final String CAVAGE_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3
            6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6
            Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw
            oYi+1hqp1fIekaxsyQIDAQAB
            -----END PUBLIC KEY-----
            """;

    /** The draft's test request (as of draft-08, whose published signatures use this date). */
    static Map<String, List<String>> cavageHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("example.com"));
        h.put("date", List.of("Thu, 05 Jan 2014 21:31:40 GMT"));
        h.put("content-type", List.of("application/json"));
        h.put("digest", List.of("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="));
        h.put("content-length", List.of("18"));
        return h;
    }

    static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void cavageDefaultBasicAndAllHeadersVectorsVerify() throws Exception {
        PublicKey key = Pem.publicKey(CAVAGE_PUBLIC);
        String[] vectors = {
                "keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"jKyvPcxB4JbmYY4mByyBY7cZfNl4OW9HpFQlG7N4YcJPteKTu4MWCLyk+gIr0wDgqtLWf9NLpMAMimdfsH7FSWGfbMFSrsVTHNTk0rK3usrfFnti1dxsM4jl0kYJCKTGI/UWkqiaxwNiKqGcdlEDrTcUhhsFsOIo8VhddmZTZ8w=\"",
                "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\",signature=\"HUxc9BS3P/kPhSmJo+0pQ4IsCo007vkv6bUm4Qehrx+B1Eo4Mq5/6KylET72ZpMUS80XvjlOPjKzxfeTQj4DiKbAzwJAb4HX3qX6obQTa00/qPDXlMepD2JtTw33yNnm/0xV7fQuvILN/ys+378Ysi082+4xBQFwvhNvSoVsGv4=\"",
                "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date content-type digest content-length\",signature=\"Ef7MlxLXoBovhil3AlyjtBwAL9g4TN3tibLj7uuNB3CROat/9KaeQ4hW2NiJ+pZ6HQEOx9vYZAyi+7cmIkmJszJCut5kQLAwuX+Ms/mUFvpKlSo9StS2bMXDBNjOh4Auj774GFj4gwjS+3NhFeoqyr/MuN6HsEnkvn6zdgfE2i0=\""};
        for (String v : vectors) {
            CavageSignature sig = CavageSignature.parse(v);
            String signing = sig.signingString("POST", "/foo?param=value&pet=dog", cavageHeaders());
            assertThat(sig.verify(key, signing)).as(v).isTrue();
            // any change to a covered value breaks it
            Map<String, List<String>> changed = cavageHeaders();
            changed.put("date", List.of("Thu, 05 Jan 2014 21:31:41 GMT"));
            assertThat(sig.verify(key, sig.signingString("POST", "/foo?param=value&pet=dog", changed))).isFalse();
        }
        CavageSignature basic = CavageSignature.parse(vectors[1]);
        assertThat(basic.signingString("POST", "/foo?param=value&pet=dog", cavageHeaders()))
                .isEqualTo("(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Thu, 05 Jan 2014 21:31:40 GMT");
        assertThat(CavageSignature.parse(vectors[0]).headers()).containsExactly("date");
    }

    @Test
    void digestOfTheSpecExampleBody() {
        assertThat(Digests.digestHeader(HELLO)).isEqualTo("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
        assertThat(Digests.contentDigestHeader(HELLO)).isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        assertThat(Digests.digestMatches("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", HELLO)).isTrue();
        assertThat(Digests.digestMatches("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", "{}".getBytes())).isFalse();
        assertThat(Digests.digestMatches("MD5=abc", HELLO)).isFalse();
        assertThat(Digests.contentDigestMatches("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", HELLO)).isTrue();
    }

    /** RFC 9421 Appendix B.1.4 test-key-ed25519. */
    static final String ED25519_PUBLIC = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n";
    static final String ED25519_PRIVATE = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n";

    @Test
    void rfc9421Ed25519VectorB26() throws Exception {
        String input = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
        String expected = "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("example.com"));
        h.put("date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"));
        h.put("content-type", List.of("application/json"));
        h.put("content-length", List.of("18"));
        MessageSignature sig = MessageSignature.parse(input, "sig-b26=:" + expected + ":");
        assertThat(sig.keyId()).isEqualTo("test-key-ed25519");
        assertThat(sig.created()).isEqualTo(1618884473L);
        String base = sig.signatureBase("POST", "https", "/foo?param=Value&Pet=dog", h);
        assertThat(base).isEqualTo("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@authority": example.com
                "content-type": application/json
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519\"""");
        assertThat(sig.verify(Pem.publicKey(ED25519_PUBLIC), base)).isTrue();
        // Ed25519 is deterministic: signing the base with the test key reproduces the published value
        assertThat(Base64.getEncoder().encodeToString(MessageSignature.sign("ed25519", Pem.privateKey(ED25519_PRIVATE), base))).isEqualTo(expected);
        assertThat(sig.verify(Pem.publicKey(ED25519_PUBLIC), base.replace("POST", "GET"))).isFalse();
    }

    @Test
    void signedPostRoundTripsAndCoversWhatMastodonExpects() throws Exception {
        KeyPair keys = rsa();
        URI inbox = URI.create("https://mastodon.example/users/bob/inbox?x=1");
        Instant now = Instant.parse("2025-11-04T10:00:00Z");
        Map<String, String> sent = HttpSignatures.signPost(inbox, HELLO, "application/activity+json", "https://atoll.example/users/alice#main-key", keys.getPrivate(), now);
        assertThat(sent.keySet()).containsExactly("Host", "Date", "Digest", "Content-Type", "Signature");
        assertThat(sent.get("Host")).isEqualTo("mastodon.example");
        assertThat(sent.get("Date")).isEqualTo("Tue, 04 Nov 2025 10:00:00 GMT");
        assertThat(sent.get("Digest")).isEqualTo("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
        CavageSignature sig = CavageSignature.parse(sent.get("Signature"));
        assertThat(sig.algorithm()).isEqualTo("rsa-sha256");
        assertThat(sig.headers()).containsExactly("(request-target)", "host", "date", "digest", "content-type");
        Map<String, List<String>> received = lower(sent);
        assertThat(sig.verify(keys.getPublic(), sig.signingString("POST", "/users/bob/inbox?x=1", received))).isTrue();
        assertThat(sig.verify(rsa().getPublic(), sig.signingString("POST", "/users/bob/inbox?x=1", received))).isFalse();
        assertThat(sig.verify(keys.getPublic(), sig.signingString("POST", "/users/bob/inbox", received))).isFalse();
    }

    @Test
    void signedGetCoversRequestTargetHostAndDate() throws Exception {
        KeyPair keys = rsa();
        URI target = URI.create("http://localhost:8081/users/alice");
        Map<String, String> sent = HttpSignatures.signGet(target, "application/activity+json", "k", keys.getPrivate());
        assertThat(sent.get("Host")).isEqualTo("localhost:8081");
        assertThat(sent.get("Accept")).isEqualTo("application/activity+json");
        CavageSignature sig = CavageSignature.parse(sent.get("Signature"));
        assertThat(sig.headers()).containsExactly("(request-target)", "host", "date");
        assertThat(sig.verify(keys.getPublic(), sig.signingString("GET", "/users/alice", lower(sent)))).isTrue();
        assertThat(HttpSignatures.host(URI.create("https://a.example:443/x"))).isEqualTo("a.example");
    }

    @Test
    void parsingToleratesPrefixesAndRefusesGarbage() throws Exception {
        CavageSignature s = CavageSignature.parse("Signature keyId=\"k\", algorithm=\"hs2019\", headers=\"(request-target) host\", signature=\"AAAA\"");
        assertThat(s.keyId()).isEqualTo("k");
        assertThat(s.headers()).containsExactly("(request-target)", "host");
        assertThat(CavageSignature.parse("keyId=\"k\",algorithm=\"hs2019\",signature=\"AAAA\"").headers()).containsExactly("(created)");
        assertThatThrownBy(() -> CavageSignature.parse("keyId=\"k\"")).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> CavageSignature.parse("signature=\"AAAA\"")).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> MessageSignature.parse("a=(\"@method\"), b=(\"@path\")", "a=:AAAA:, b=:AAAA:")).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> MessageSignature.parse("a=(\"@query-param\";name=\"x\")", "a=:AAAA:")).isInstanceOf(SignatureException.class);
    }

    @Test
    void rfc9421RsaRoundTripWithContentDigest() throws Exception {
        KeyPair keys = rsa();
        String input = "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\");created=1762250400;keyid=\"https://atoll.example/users/alice#main-key\";alg=\"rsa-v1_5-sha256\"";
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("mastodon.example"));
        h.put("content-digest", List.of(Digests.contentDigestHeader(HELLO)));
        MessageSignature unsigned = MessageSignature.parse(input, "sig1=:AAAA:");
        String base = unsigned.signatureBase("POST", "https", "/inbox", h);
        assertThat(base).startsWith("\"@method\": POST\n\"@target-uri\": https://mastodon.example/inbox\n\"@authority\": mastodon.example\n");
        String value = Base64.getEncoder().encodeToString(MessageSignature.sign("rsa-v1_5-sha256", keys.getPrivate(), base));
        MessageSignature sig = MessageSignature.parse(input, "sig1=:" + value + ":");
        assertThat(sig.verify(keys.getPublic(), base)).isTrue();
        assertThat(sig.verify(keys.getPublic(), sig.signatureBase("POST", "https", "/other", h))).isFalse();
    }

    @Test
    void rfc9421BasesAlsoInFedifysWritingOfQueryAndRequestTarget() throws Exception {
        Map<String, List<String>> h = Map.of("host", List.of("atoll.example"));
        String params = "created=1762250400;keyid=\"https://fedify.example/users/a#main-key\"";
        MessageSignature query = MessageSignature.parse("sig1=(\"@method\" \"@query\");" + params, "sig1=:AAAA:");
        assertThat(query.candidateBases("GET", "https", "/users/alice/outbox?page=true", h)).containsExactly(
                "\"@method\": GET\n\"@query\": ?page=true\n\"@signature-params\": (\"@method\" \"@query\");" + params,
                "\"@method\": GET\n\"@query\": page=true\n\"@signature-params\": (\"@method\" \"@query\");" + params);
        MessageSignature target = MessageSignature.parse("sig1=(\"@request-target\");" + params, "sig1=:AAAA:");
        assertThat(target.candidateBases("GET", "https", "/users/alice", h)).containsExactly(
                "\"@request-target\": /users/alice\n\"@signature-params\": (\"@request-target\");" + params,
                "\"@request-target\": get /users/alice\n\"@signature-params\": (\"@request-target\");" + params);
        // Fedify's default components are written alike by both: one base
        MessageSignature usual = MessageSignature.parse("sig1=(\"@method\" \"@target-uri\");" + params, "sig1=:AAAA:");
        assertThat(usual.candidateBases("GET", "https", "/users/alice", h)).hasSize(1);
    }

    @Test
    void httpDatesUseTwoDigitDays() {
        assertThat(HttpDates.format(Instant.parse("2025-11-04T10:00:00Z"))).isEqualTo("Tue, 04 Nov 2025 10:00:00 GMT");
        assertThat(HttpDates.parse("Tue, 04 Nov 2025 10:00:00 GMT")).contains(Instant.parse("2025-11-04T10:00:00Z"));
        assertThat(HttpDates.parse("yesterday")).isEmpty();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static Map<String, List<String>> lower(Map<String, String> sent) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        sent.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        return out;
    }
}
