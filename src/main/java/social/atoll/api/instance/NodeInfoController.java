package social.atoll.api.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import social.atoll.Version;
import social.atoll.config.Settings;
import social.atoll.server.Controller;
import social.atoll.core.instance.InstanceService;

/**
 * NodeInfo 2.0 and 2.1 (nodeinfo.diaspora.software) and its discovery document. Crawlers and clients identify the
 * software from it: megalodon picks its Mastodon driver from {@code metadata.upstream} and fails when
 * {@code metadata} is missing, so it is always there.
 */
public final class NodeInfoController implements Controller {

    private static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";

    private final Settings settings;
    private final ObjectMapper json;
    private final InstanceService instance;

    public NodeInfoController(Settings settings, ObjectMapper json, InstanceService instance) {
        this.settings = settings;
        this.json = json;
        this.instance = instance;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/.well-known/nodeinfo", ctx -> ctx.json(Map.of("links", List.of(
                Map.of("rel", SCHEMA + "2.0", "href", settings.url("/nodeinfo/2.0")),
                Map.of("rel", SCHEMA + "2.1", "href", settings.url("/nodeinfo/2.1"))))));
        r.get("/nodeinfo/2.0", ctx -> send(ctx, "2.0"));
        r.get("/nodeinfo/2.1", ctx -> send(ctx, "2.1"));
    }

    private void send(Context ctx, String version) throws Exception {
        InstanceService.Info info = instance.info();
        InstanceService.Usage usage = instance.usage();
        // NodeInfo keys are camelCase: maps, so the snake_case naming of the API mapper does not touch them.
        Map<String, Object> software = InstanceDocuments.map("name", "atoll", "version", Version.ATOLL);
        if (version.equals("2.1") && !info.sourceUrl().isEmpty()) software.put("repository", info.sourceUrl());
        Map<String, Object> doc = InstanceDocuments.map(
                "version", version,
                "software", software,
                "protocols", List.of("activitypub"),
                "services", InstanceDocuments.map("outbound", List.of(), "inbound", List.of()),
                "usage", InstanceDocuments.map(
                        "users", InstanceDocuments.map("total", usage.users(), "activeMonth", usage.activeMonth(),
                                "activeHalfyear", usage.activeHalfyear()),
                        "localPosts", usage.localPosts()),
                "openRegistrations", instance.registrationsOpen(),
                "metadata", InstanceDocuments.map(
                        "nodeName", info.title(),
                        "nodeDescription", info.shortDescription(),
                        "upstream", InstanceDocuments.map("name", "mastodon", "version", Version.MASTODON_COMPAT)));
        ctx.contentType("application/json; profile=\"" + SCHEMA + version + "#\"").result(json.writeValueAsString(doc));
    }
}
