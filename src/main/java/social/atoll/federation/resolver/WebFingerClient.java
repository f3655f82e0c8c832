package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.federation.FederationClient;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Response;

/**
 * WebFinger lookups (RFC 7033) of {@code acct:user@domain}: unsigned (WebFinger stays public in every mode), with
 * Mastodon's fallback to the {@code lrdd} template of {@code host-meta} when the well-known URL answers 404.
 * Redirects (a handle domain forwarding to its ActivityPub host) are followed by the HTTP client.
 */
public final class WebFingerClient {

    private static final Logger log = LoggerFactory.getLogger(WebFingerClient.class);
    private static final String JRD = "application/jrd+json, application/json";
    private static final Pattern LRDD = Pattern.compile("<Link[^>]*rel=[\"']lrdd[\"'][^>]*template=[\"']([^\"']+)[\"']|<Link[^>]*template=[\"']([^\"']+)[\"'][^>]*rel=[\"']lrdd[\"']");

    /**
     * A WebFinger answer.
     *
     * @param subject the canonical {@code acct:} handle the server states
     * @param self    the actor id of the {@code rel=self} link with an ActivityPub media type
     */
    public record Result(String subject, String self) {

        /** {@code user} of the subject's {@code acct:user@domain}, or null. */
        public String username() {
            String a = acct();
            return a == null ? null : a.substring(0, a.lastIndexOf('@'));
        }

        /** {@code domain} of the subject, lower case, or null. */
        public String domain() {
            String a = acct();
            return a == null ? null : a.substring(a.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        }

        private String acct() {
            if (subject == null || !subject.startsWith("acct:") || subject.lastIndexOf('@') < 6) return null;
            return subject.substring(5);
        }
    }

    private final FederationClient client;

    public WebFingerClient(FederationClient client) { this.client = client; }

    /** Looks {@code username@domain} up at {@code domain}; empty when it is unknown, gone, or unreachable. */
    public Optional<Result> lookup(String username, String domain) { return document(username, domain).flatMap(WebFingerClient::parse); }

    /**
     * The template of the {@code http://ostatus.org/schema/1.0/subscribe} link that {@code username@domain}'s server
     * advertises: where its people follow and interact with things found elsewhere ({@code {uri}} stands for them).
     */
    public Optional<String> subscribeTemplate(String username, String domain) {
        return document(username, domain).flatMap(jrd -> {
            for (JsonNode link : jrd.path("links")) {
                String template = link.path("template").asText(null);
                if ("http://ostatus.org/schema/1.0/subscribe".equals(link.path("rel").asText()) && template != null && template.contains("{uri}")
                        && (template.startsWith("https://") || template.startsWith("http://")))
                    return Optional.of(template);
            }
            return Optional.empty();
        });
    }

    private Optional<JsonNode> document(String username, String domain) {
        String resource = "acct:" + username + "@" + domain;
        try {
            URI url = URI.create(client.baseUrl(domain) + "/.well-known/webfinger?resource=" + encode(resource));
            Response r = client.getPublic(url, JRD);
            if (r.status() == 404) {
                Optional<URI> viaHostMeta = hostMetaTemplate(domain).map(t -> URI.create(t.replace("{uri}", encode(resource))));
                if (viaHostMeta.isEmpty()) return Optional.empty();
                r = client.getPublic(viaHostMeta.get(), JRD);
            }
            if (!r.ok()) return Optional.empty();
            return Optional.of(client.parse(r.body(), url));
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.debug("WebFinger of {} failed: {}", resource, e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<Result> parse(JsonNode jrd) {
        String subject = jrd.path("subject").asText(null);
        String self = null;
        String untyped = null;
        for (JsonNode link : jrd.path("links")) {
            if (!"self".equals(link.path("rel").asText())) continue;
            String type = link.path("type").asText("");
            String href = link.path("href").asText(null);
            if (href == null) continue;
            if (type.startsWith("application/activity+json")
                    || (type.startsWith("application/ld+json") && type.contains("https://www.w3.org/ns/activitystreams"))) {
                self = href;
                break;
            }
            if (type.isEmpty() && untyped == null) untyped = href;
        }
        if (self == null) self = untyped;
        if (subject == null || self == null) return Optional.empty();
        return Optional.of(new Result(subject, self));
    }

    private Optional<String> hostMetaTemplate(String domain) {
        try {
            Response r = client.getPublic(URI.create(client.baseUrl(domain) + "/.well-known/host-meta"), "application/xrd+xml, application/xml");
            if (!r.ok()) return Optional.empty();
            Matcher m = LRDD.matcher(r.text());
            if (!m.find()) return Optional.empty();
            String t = m.group(1) != null ? m.group(1) : m.group(2);
            return t.contains("{uri}") ? Optional.of(t.replace("&amp;", "&")) : Optional.empty();
        } catch (FetchFailedException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
