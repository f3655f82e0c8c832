package social.atoll.federation.webfinger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.keys.InstanceActor;

/**
 * WebFinger (RFC 7033) and host-meta, public in every federation mode (spec §1.1, §1.4). Resources may be
 * {@code acct:user@domain}, {@code user@domain}, or the actor id or profile URL of a local account; the instance
 * actor answers as {@code acct:domain@domain}. Unknown resources are 404, a missing or unreadable one 400.
 */
public final class WebFingerController implements Controller {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    public static final String JRD = "application/jrd+json; charset=utf-8";

    private final Settings settings;
    private final AccountStore accounts;
    private final InstanceActor instanceActor;

    public WebFingerController(Settings settings, AccountStore accounts, InstanceActor instanceActor) {
        this.settings = settings;
        this.accounts = accounts;
        this.instanceActor = instanceActor;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/.well-known/webfinger", this::webfinger);
        r.get("/.well-known/host-meta", this::hostMeta);
        r.get("/.well-known/host-meta.json", this::hostMetaJson);
    }

    private void webfinger(Context ctx) {
        String resource = ctx.queryParam("resource");
        if (resource == null || resource.isBlank()) throw ApiException.badRequest("resource parameter is missing");
        resource = resource.trim();
        ObjectNode jrd;
        if (resource.startsWith("http://") || resource.startsWith("https://")) {
            jrd = byUrl(resource).orElseThrow(ApiException::notFound);
        } else {
            String acct = resource.startsWith("acct:") ? resource.substring(5) : resource;
            if (acct.startsWith("@")) acct = acct.substring(1);
            int at = acct.lastIndexOf('@');
            if (at <= 0 || at == acct.length() - 1) throw ApiException.badRequest("resource is not an acct: URI");
            String username = acct.substring(0, at);
            String domain = acct.substring(at + 1);
            if (!isOurDomain(domain)) throw ApiException.notFound();
            jrd = username.equalsIgnoreCase(settings.domain()) || username.equalsIgnoreCase(settings.host())
                    ? instanceActor()
                    : accounts.visibleByAcct(username, null).map(this::account).orElseThrow(ApiException::notFound);
        }
        ctx.header("Cache-Control", "max-age=259200, public");
        send(ctx, JRD, jrd);
    }

    private Optional<ObjectNode> byUrl(String url) {
        if (url.equals(instanceActor.uri())) return Optional.of(instanceActor());
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("resource is not a URL");
        }
        String authority = u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
        if (authority == null || !authority.equalsIgnoreCase(settings.host())) return Optional.empty();
        String path = u.getPath() == null ? "" : u.getPath();
        String username = null;
        if (path.startsWith("/users/")) username = path.substring(7);
        else if (path.startsWith("/@")) username = path.substring(2);
        if (username == null || username.isEmpty() || username.contains("/")) return Optional.empty();
        return accounts.visibleByAcct(username, null).map(this::account);
    }

    private ObjectNode account(Account a) {
        String profile = a.url() != null ? a.url() : settings.url("/@" + a.username());
        ObjectNode jrd = PLAIN.createObjectNode();
        jrd.put("subject", "acct:" + a.username() + "@" + settings.domain());
        jrd.putArray("aliases").add(profile).add(a.uri());
        ArrayNode links = jrd.putArray("links");
        link(links, "http://webfinger.net/rel/profile-page", "text/html", profile);
        link(links, "self", "application/activity+json", a.uri());
        links.addObject().put("rel", "http://ostatus.org/schema/1.0/subscribe").put("template", settings.url("/authorize_interaction?uri={uri}"));
        return jrd;
    }

    private ObjectNode instanceActor() {
        ObjectNode jrd = PLAIN.createObjectNode();
        jrd.put("subject", "acct:" + settings.domain() + "@" + settings.domain());
        jrd.putArray("aliases").add(instanceActor.uri());
        ArrayNode links = jrd.putArray("links");
        link(links, "http://webfinger.net/rel/profile-page", "text/html", settings.url("/about"));
        link(links, "self", "application/activity+json", instanceActor.uri());
        return jrd;
    }

    private static void link(ArrayNode links, String rel, String type, String href) {
        links.addObject().put("rel", rel).put("type", type).put("href", href);
    }

    private boolean isOurDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.equals(settings.domain()) || d.equals(settings.host());
    }

    private void hostMeta(Context ctx) {
        String template = settings.url("/.well-known/webfinger?resource={uri}");
        ctx.header("Cache-Control", "max-age=259200, public");
        ctx.contentType("application/xrd+xml; charset=utf-8").result("""
                <?xml version="1.0" encoding="UTF-8"?>
                <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
                  <Link rel="lrdd" template="%s"/>
                </XRD>
                """.formatted(template.replace("&", "&amp;").replace("\"", "&quot;")));
    }

    private void hostMetaJson(Context ctx) {
        ObjectNode doc = PLAIN.createObjectNode();
        doc.putArray("links").addObject().put("rel", "lrdd").put("template", settings.url("/.well-known/webfinger?resource={uri}"));
        ctx.header("Cache-Control", "max-age=259200, public");
        send(ctx, JRD, doc);
    }

    private static void send(Context ctx, String type, ObjectNode doc) {
        try {
            ctx.contentType(type).result(PLAIN.writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
