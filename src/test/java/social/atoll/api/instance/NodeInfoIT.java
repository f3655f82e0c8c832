package social.atoll.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.Version;
import social.atoll.testing.TestInstance;

class NodeInfoIT {

    @Test
    void discoveryPointsAtBothVersions() {
        try (TestInstance atoll = TestInstance.start()) {
            var r = atoll.http().get("/.well-known/nodeinfo");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            JsonNode links = r.json().get("links");
            assertThat(links.size()).isEqualTo(2);
            assertThat(links.get(0).get("rel").asText()).isEqualTo("http://nodeinfo.diaspora.software/ns/schema/2.0");
            assertThat(links.get(0).get("href").asText()).isEqualTo(atoll.baseUrl() + "/nodeinfo/2.0");
            assertThat(links.get(1).get("rel").asText()).isEqualTo("http://nodeinfo.diaspora.software/ns/schema/2.1");
            for (JsonNode link : links) assertThat(atoll.http().get(link.get("href").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void documentsDescribeAtollWithMastodonAsUpstream() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "open"))) {
            atoll.createUser("poster");
            for (String version : new String[] {"2.0", "2.1"}) {
                var r = atoll.http().get("/nodeinfo/" + version);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Content-Type"))
                        .isEqualTo("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/" + version + "#\"");
                JsonNode n = r.json();
                assertThat(n.get("version").asText()).isEqualTo(version);
                assertThat(n.get("software").get("name").asText()).isEqualTo("atoll");
                assertThat(n.get("software").get("version").asText()).isEqualTo(Version.ATOLL);
                assertThat(n.get("protocols").get(0).asText()).isEqualTo("activitypub");
                assertThat(n.get("services").get("inbound").isArray()).isTrue();
                assertThat(n.get("services").get("outbound").isArray()).isTrue();
                assertThat(n.get("usage").get("users").get("total").asLong()).isEqualTo(1);
                assertThat(n.get("usage").get("users").get("activeMonth").isIntegralNumber()).isTrue();
                assertThat(n.get("usage").get("users").get("activeHalfyear").isIntegralNumber()).isTrue();
                assertThat(n.get("usage").get("localPosts").asLong()).isZero();
                assertThat(n.get("openRegistrations").asBoolean()).isTrue();
                assertThat(n.get("metadata").get("nodeName").asText()).isEqualTo(atoll.domain());
                assertThat(n.get("metadata").get("upstream").get("name").asText()).isEqualTo("mastodon");
                assertThat(n.get("metadata").get("upstream").get("version").asText()).isEqualTo(Version.MASTODON_COMPAT);
            }
        }
    }
}
