package social.atoll.api.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class FiltersIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp http() { return atoll.http(); }

    private static JsonNode createFilter(User u, Map<String, Object> body) {
        var r = http().postJson("/api/v2/filters", u.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode home(User u) {
        var r = http().get("/api/v1/timelines/home", u.token());
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode byId(JsonNode statuses, String id) {
        for (JsonNode s : statuses) if (s.get("id").asText().equals(id)) return s;
        return null;
    }

    @Test
    void crudWithKeywordsAndStatuses() {
        User me = f.user("fc_me");
        User other = f.user("fc_other");
        JsonNode filter = createFilter(me, Map.of("title", "Spoilers", "context", List.of("home", "public"),
                "filter_action", "warn", "expires_in", 3600,
                "keywords_attributes", List.of(Map.of("keyword", "finale", "whole_word", true), Map.of("keyword", "ending", "whole_word", false))));
        String id = filter.get("id").asText();
        assertThat(filter.get("title").asText()).isEqualTo("Spoilers");
        assertThat(filter.get("context")).hasSize(2);
        assertThat(filter.get("expires_at").asText()).endsWith("Z");
        assertThat(filter.get("keywords")).hasSize(2);
        assertThat(filter.get("statuses")).isEmpty();
        String endingId = filter.get("keywords").get(1).get("id").asText();

        // form encoding with Rails brackets, as Mastodon.py and Tusky send it
        var form = http().send("PUT", "/api/v2/filters/" + id, me.token(),
                "title=Show+spoilers&filter_action=hide&keywords_attributes[][id]=" + endingId + "&keywords_attributes[][_destroy]=1"
                        + "&expires_in=", "application/x-www-form-urlencoded");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.json().get("title").asText()).isEqualTo("Show spoilers");
        assertThat(form.json().get("filter_action").asText()).isEqualTo("hide");
        assertThat(form.json().get("expires_at").isNull()).isTrue();
        assertThat(form.json().get("keywords")).hasSize(1);

        var kw = http().postJson("/api/v2/filters/" + id + "/keywords", me.token(), Map.of("keyword", "season 5", "whole_word", false));
        assertThat(kw.status()).isEqualTo(200);
        String kwId = kw.json().get("id").asText();
        assertThat(http().get("/api/v2/filters/" + id + "/keywords", me.token()).json()).hasSize(2);
        assertThat(http().putJson("/api/v2/filters/keywords/" + kwId, me.token(), Map.of("keyword", "season 6")).json().get("keyword").asText())
                .isEqualTo("season 6");
        assertThat(http().get("/api/v2/filters/keywords/" + kwId, other.token()).status()).isEqualTo(404);
        assertThat(http().delete("/api/v2/filters/keywords/" + kwId, me.token()).status()).isEqualTo(200);

        String status = f.post(other, "a status to filter", "public").get("id").asText();
        var fs = http().postJson("/api/v2/filters/" + id + "/statuses", me.token(), Map.of("status_id", status));
        assertThat(fs.status()).as(fs.body()).isEqualTo(200);
        assertThat(fs.json().get("status_id").asText()).isEqualTo(status);
        assertThat(http().postJson("/api/v2/filters/" + id + "/statuses", me.token(), Map.of("status_id", status)).status()).isEqualTo(422);
        assertThat(http().get("/api/v2/filters/statuses/" + fs.json().get("id").asText(), me.token()).json().get("status_id").asText()).isEqualTo(status);
        assertThat(http().get("/api/v2/filters/" + id, me.token()).json().get("statuses")).hasSize(1);
        assertThat(http().delete("/api/v2/filters/statuses/" + fs.json().get("id").asText(), me.token()).status()).isEqualTo(200);

        assertThat(http().get("/api/v2/filters/" + id, other.token()).status()).isEqualTo(404);
        assertThat(http().delete("/api/v2/filters/" + id, other.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v2/filters", other.token()).json()).isEmpty();
        assertThat(http().get("/api/v2/filters", atoll.createUser("fc_writer", "write")).status()).isEqualTo(403);
        assertThat(http().postJson("/api/v2/filters", atoll.createUser("fc_reader", "read"), Map.of("title", "t", "context", List.of("home"))).status()).isEqualTo(403);
        assertThat(http().postJson("/api/v2/filters", me.token(), Map.of("title", "t", "context", List.of("everywhere"))).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v2/filters", me.token(), Map.of("title", "t")).status()).isEqualTo(422);

        assertThat(http().delete("/api/v2/filters/" + id, me.token()).body()).isEqualTo("{}");
        assertThat(http().get("/api/v2/filters", me.token()).json()).isEmpty();
    }

    @Test
    void hideDropsAndWarnAttachesInMatchingContexts() {
        User me = f.user("fa_me");
        User author = f.user("fa_author");
        f.follow(me, author);
        JsonNode warn = createFilter(me, Map.of("title", "Cats", "context", List.of("home"), "filter_action", "warn",
                "keywords_attributes", List.of(Map.of("keyword", "cat", "whole_word", true))));
        createFilter(me, Map.of("title", "Politics", "context", List.of("home", "notifications"), "filter_action", "hide",
                "keywords_attributes", List.of(Map.of("keyword", "election", "whole_word", false))));

        String cat = f.post(author, "<b>my CAT is asleep</b>", "public").get("id").asText();
        String catalog = f.post(author, "the catalog is out", "public").get("id").asText();
        String election = f.post(author, "Elections tomorrow", "public").get("id").asText();
        String cw = f.post(author, Map.of("status", "look", "spoiler_text", "a cat picture")).get("id").asText();
        String mention = f.post(author, "@fa_me the election results", "public").get("id").asText();
        Await.until("fan-out", () -> byId(home(me), mention) != null || byId(home(me), cw) != null);
        Await.until("fan-out of all", () -> byId(home(me), cw) != null && byId(home(me), catalog) != null && byId(home(me), cat) != null);

        JsonNode timeline = home(me);
        assertThat(ids(timeline)).contains(cat, catalog, cw).doesNotContain(election, mention);
        JsonNode filtered = byId(timeline, cat).get("filtered");
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).get("filter").get("id").asText()).isEqualTo(warn.get("id").asText());
        assertThat(filtered.get(0).get("filter").has("keywords")).isFalse();
        assertThat(filtered.get(0).get("keyword_matches").get(0).asText()).isEqualToIgnoringCase("cat");
        assertThat(byId(timeline, catalog).get("filtered")).as("whole word").isEmpty();
        assertThat(byId(timeline, cw).get("filtered")).as("content warnings are matched").hasSize(1);

        // the public timeline is another context: nothing hidden, the hide filter is not attached there
        JsonNode pub = http().get("/api/v1/timelines/public", me.token()).json();
        assertThat(ids(pub)).contains(election);
        assertThat(byId(pub, election).get("filtered")).isEmpty();
        // a single status carries every match, whatever the context (clients decide, as with Mastodon)
        assertThat(http().get("/api/v1/statuses/" + election, me.token()).json().get("filtered").get(0).get("filter").get("filter_action").asText())
                .isEqualTo("hide");
        assertThat(http().get("/api/v1/statuses/" + election).json().has("filtered")).as("anonymous").isFalse();

        // notifications context: the mention about the election is dropped
        JsonNode notifications = http().get("/api/v1/notifications", me.token()).json();
        for (JsonNode n : notifications) assertThat(n.get("status").get("id").asText()).isNotEqualTo(mention);
    }

    @Test
    void v1FiltersAreTheKeywordsOfV2() {
        User me = f.user("fv1_me");
        createFilter(me, Map.of("title", "Two words", "context", List.of("home", "thread"), "filter_action", "hide",
                "keywords_attributes", List.of(Map.of("keyword", "alpha"), Map.of("keyword", "beta", "whole_word", false))));
        JsonNode v1 = http().get("/api/v1/filters", me.token()).json();
        assertThat(v1).hasSize(2);
        assertThat(v1.get(0).get("phrase").asText()).isEqualTo("alpha");
        assertThat(v1.get(0).get("irreversible").asBoolean()).isTrue();
        assertThat(v1.get(0).get("whole_word").asBoolean()).isTrue();
        assertThat(v1.get(1).get("whole_word").asBoolean()).isFalse();
        assertThat(v1.get(1).get("context")).hasSize(2);

        var created = http().send("POST", "/api/v1/filters", me.token(), "phrase=gamma&context[]=public&whole_word=0",
                "application/x-www-form-urlencoded");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("irreversible").asBoolean()).isFalse();
        String gamma = created.json().get("id").asText();
        JsonNode v2 = http().get("/api/v2/filters", me.token()).json();
        assertThat(v2).hasSize(2);
        assertThat(v2.get(1).get("title").asText()).isEqualTo("gamma");
        assertThat(v2.get(1).get("keywords").get(0).get("id").asText()).isEqualTo(gamma);

        var changed = http().putJson("/api/v1/filters/" + gamma, me.token(), Map.of("phrase", "delta", "irreversible", true, "context", List.of("home")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("phrase").asText()).isEqualTo("delta");
        assertThat(http().get("/api/v2/filters", me.token()).json().get(1).get("filter_action").asText()).isEqualTo("hide");
        // a v2 filter with several keywords cannot be changed as a whole through one v1 keyword
        String alpha = v1.get(0).get("id").asText();
        assertThat(http().putJson("/api/v1/filters/" + alpha, me.token(), Map.of("context", List.of("public"))).status()).isEqualTo(422);
        assertThat(http().get("/api/v1/filters/" + alpha, f.user("fv1_other").token()).status()).isEqualTo(404);

        assertThat(http().delete("/api/v1/filters/" + gamma, me.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v2/filters", me.token()).json()).hasSize(1);
        assertThat(http().get("/api/v1/filters", me.token()).json()).hasSize(2);
    }
}
