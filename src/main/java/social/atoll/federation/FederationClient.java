package social.atoll.federation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.Account;
import social.atoll.core.moderation.FederationPolicy;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.signatures.HttpSignatures;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;

/**
 * Signed ActivityPub requests to other servers, through {@link SafeHttpClient}. GETs are signed by the instance actor
 * (or by the account on whose behalf we fetch), POSTs by the sending account; every hop of a redirect is signed
 * afresh for its own host. Remote servers are reached over HTTPS only, except loopback hosts when
 * {@code ATOLL_ALLOW_PRIVATE_ADDRESSES} is on: those are reached over plain HTTP, so several servers can federate on
 * one machine.
 */
public final class FederationClient {

    public static final String AS_ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    public static final String AS_CONTENT_TYPE = "application/activity+json";
    /** Mastodon's bounds: 1 MiB documents, a few seconds to connect, three redirects. */
    public static final Limits FETCH_LIMITS = new Limits(1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30), 3);
    public static final Limits DELIVERY_LIMITS = new Limits(1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30), 3);

    private final Settings settings;
    private final SafeHttpClient http;
    private final InstanceActor instanceActor;
    private final FederationPolicy policy;
    /** Parses remote JSON with a nesting limit: a deep document is an attack, not an actor. */
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1024 * 1024).build()).build());

    public FederationClient(Settings settings, SafeHttpClient http, InstanceActor instanceActor, FederationPolicy policy) {
        this.settings = settings;
        this.http = http;
        this.instanceActor = instanceActor;
        this.policy = policy;
    }

    /** Fetches an ActivityPub document signed as the instance actor. */
    public JsonNode fetchObject(URI uri) throws FetchFailedException {
        return fetch(uri, instanceActor.keyId(), instanceActor.privateKey());
    }

    /** Fetches an ActivityPub document signed as {@code signer} (something only that local account may see). */
    public JsonNode fetchObject(URI uri, Account signer) throws FetchFailedException {
        PrivateKey key = LocalKeys.privateKey(signer).orElseThrow(() -> new IllegalArgumentException("not a local account: " + signer.uri()));
        return fetch(uri, signer.publicKeyId(), key);
    }

    private JsonNode fetch(URI uri, String keyId, PrivateKey key) throws FetchFailedException {
        URI target = reachable(uri);
        Response r = http.send("GET", target, (method, hop) -> HttpSignatures.signGet(hop, AS_ACCEPT, keyId, key), null, FETCH_LIMITS);
        if (!r.ok()) throw new RemoteStatusException(r.status(), "GET " + target + " answered " + r.status());
        String type = r.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.contains("application/activity+json") && !type.contains("application/ld+json"))
            throw new RemoteStatusException(0, "GET " + target + " answered with " + (type.isEmpty() ? "no content type" : type) + ", not ActivityPub JSON");
        JsonNode doc = parse(r.body(), target);
        String id = doc.path("id").asText(null);
        if (id != null && !sameHost(id, r.finalUri()))
            throw new RemoteStatusException(0, "document at " + r.finalUri() + " claims the id " + id + " on another host");
        return doc;
    }

    /** Unsigned GET for discovery documents (WebFinger, host-meta), which stay public in every mode. */
    public Response getPublic(URI uri, String accept) throws FetchFailedException {
        return http.get(reachable(uri), Map.of("Accept", accept), FETCH_LIMITS);
    }

    /** POSTs an activity to an inbox, signed by {@code signer} (a local account). */
    public Response postActivity(URI inbox, byte[] body, Account signer) throws FetchFailedException {
        PrivateKey key = LocalKeys.privateKey(signer).orElseThrow(() -> new IllegalArgumentException("not a local account: " + signer.uri()));
        return postActivity(inbox, body, signer.publicKeyId(), key);
    }

    /** POSTs an activity signed as the instance actor (reports, relays). */
    public Response postActivityAsInstance(URI inbox, byte[] body) throws FetchFailedException {
        return postActivity(inbox, body, instanceActor.keyId(), instanceActor.privateKey());
    }

    private Response postActivity(URI inbox, byte[] body, String keyId, PrivateKey key) throws FetchFailedException {
        URI target = reachable(inbox);
        return http.send("POST", target, (method, hop) -> method.equals("POST")
                ? HttpSignatures.signPost(hop, body, AS_CONTENT_TYPE, keyId, key)
                : HttpSignatures.signGet(hop, AS_ACCEPT, keyId, key), body, DELIVERY_LIMITS);
    }

    public JsonNode parse(byte[] body, URI from) throws FetchFailedException {
        try {
            JsonNode doc = json.readTree(body);
            if (doc == null || !doc.isObject()) throw new RemoteStatusException(0, from + " did not answer with a JSON object");
            return doc;
        } catch (IOException e) {
            throw new RemoteStatusException(0, from + " sent unreadable JSON: " + e.getMessage());
        }
    }

    /**
     * The URL to actually request: HTTPS for every remote host; plain HTTP (also for an {@code https} URL) for loopback
     * hosts when private addresses are allowed. Refuses {@code http} elsewhere, and hosts we do not federate with
     * (suspended domains; in limited federation, everything off the allow-list).
     */
    public URI reachable(URI uri) throws FetchFailedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https")))
            throw new FetchFailedException("not an http(s) URL: " + uri);
        if (!policy.allows(uri.getHost())) throw new RemoteStatusException(0, "not federating with " + uri.getHost());
        boolean loopback = SettingsLoader.isLoopbackHost(uri.getHost());
        if (loopback && settings.allowPrivateAddresses()) return withScheme(uri, "http");
        if (!scheme.equals("https")) throw new FetchFailedException("remote servers are reached over https only: " + uri);
        return uri;
    }

    /** The base URL of a remote domain ({@code host} or {@code host:port}), with the scheme {@link #reachable} uses. */
    public String baseUrl(String domain) {
        boolean loopback = SettingsLoader.isLoopbackHost(SettingsLoader.hostOf(domain));
        return (loopback && settings.allowPrivateAddresses() ? "http://" : "https://") + domain;
    }

    private static URI withScheme(URI uri, String scheme) throws FetchFailedException {
        if (scheme.equalsIgnoreCase(uri.getScheme())) return uri;
        try {
            return new URI(scheme + uri.toString().substring(uri.getScheme().length()));
        } catch (URISyntaxException e) {
            throw new FetchFailedException("cannot rewrite " + uri);
        }
    }

    /** True when {@code id} names the same host (and port) as {@code uri}. */
    public static boolean sameHost(String id, URI uri) {
        try {
            URI u = new URI(id);
            return u.getHost() != null && u.getHost().equalsIgnoreCase(uri.getHost()) && port(u) == port(uri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }
}
