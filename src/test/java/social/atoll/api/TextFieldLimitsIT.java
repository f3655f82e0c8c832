package social.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Mastodon's limits on every text field, and no control characters in stored text (issue 17, item 13). */
class TextFieldLimitsIT {

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

    @Test
    void filterTitlesAndKeywordsHaveMastodonsLimits() {
        User u = f.user("limits_filters");
        long before = f.count("SELECT COUNT(*) FROM filter_keywords");
        var huge = http().postJson("/api/v2/filters", u.token(), Map.of("title", "t", "context", List.of("home"),
                "keywords_attributes", List.of(Map.of("keyword", "k".repeat(100_000)))));
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.json().get("error").asText()).isEqualTo("Validation failed: Keyword is too long (maximum is 512 characters)");
        var title = http().postJson("/api/v2/filters", u.token(), Map.of("title", "t".repeat(257), "context", List.of("home")));
        assertThat(title.status()).isEqualTo(422);
        assertThat(title.json().get("error").asText()).isEqualTo("Validation failed: Title is too long (maximum is 256 characters)");
        assertThat(f.count("SELECT COUNT(*) FROM filter_keywords")).isEqualTo(before);

        var ok = http().postJson("/api/v2/filters", u.token(), Map.of("title", "t".repeat(256), "context", List.of("home"),
                "keywords_attributes", List.of(Map.of("keyword", "k".repeat(512)))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        String id = ok.json().get("id").asText();
        var added = http().postJson("/api/v2/filters/" + id + "/keywords", u.token(), Map.of("keyword", "k".repeat(513)));
        assertThat(added.status()).isEqualTo(422);
        String kwId = ok.json().get("keywords").get(0).get("id").asText();
        assertThat(http().putJson("/api/v2/filters/keywords/" + kwId, u.token(), Map.of("keyword", "k".repeat(513))).status()).isEqualTo(422);
        var nul = http().postJson("/api/v2/filters/" + id + "/keywords", u.token(), Map.of("keyword", "spoil\u0000er\u0007s"));
        assertThat(nul.json().get("keyword").asText()).isEqualTo("spoilers");
    }

    @Test
    void controlCharactersAreNotStored() {
        User u = f.user("limits_nul");
        var profile = http().patchJson("/api/v1/accounts/update_credentials", u.token(), Map.of(
                "display_name", "Ali\u0000ce\u001b[31m",
                "note", "line\u0000 one\nline two",
                "fields_attributes", List.of(Map.of("name", "We\u0000b", "value", "x\u0000y"))));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("display_name").asText()).isEqualTo("Alice[31m");
        assertThat(profile.json().get("source").get("note").asText()).isEqualTo("line one\nline two");
        assertThat(profile.json().get("fields").get(0).get("name").asText()).isEqualTo("Web");

        JsonNode post = f.post(u, "hel\u0000lo\u0008 world", "public");
        assertThat(post.get("content").asText()).isEqualTo("<p>hello world</p>");
        var poll = http().postJson("/api/v1/statuses", u.token(), Map.of("status", "pick",
                "poll", Map.of("options", List.of("y\u0000es", "no"), "expires_in", 3600)));
        assertThat(poll.json().get("poll").get("options").get(0).get("title").asText()).isEqualTo("yes");
        var list = http().postJson("/api/v1/lists", u.token(), Map.of("title", "fri\u0000ends"));
        assertThat(list.json().get("title").asText()).isEqualTo("friends");

        List<String> stored = atoll.app().infra.db.read(h -> h.createQuery("""
                        SELECT display_name AS t FROM accounts WHERE id = :a UNION ALL SELECT note FROM accounts WHERE id = :a
                        UNION ALL SELECT fields FROM accounts WHERE id = :a UNION ALL SELECT text FROM statuses WHERE account_id = :a
                        UNION ALL SELECT title FROM lists WHERE account_id = :a""")
                .bind("a", u.id()).mapTo(String.class).list());
        assertThat(stored).hasSizeGreaterThanOrEqualTo(5).noneMatch(t -> t != null && t.indexOf(0) >= 0);
    }
}
