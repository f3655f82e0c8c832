package social.atoll.api.discovery;

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
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Featured tags, familiar followers, suggestions and the directory. */
class DiscoveryIT {

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
    void featuredTags() {
        User me = f.user("ft_me");
        f.post(me, "learning #Java today", "public");
        f.post(me, "more #java", "unlisted");
        f.post(me, "secret #java", "private");
        f.post(me, "a #rust post", "public");

        JsonNode suggestions = http().get("/api/v1/featured_tags/suggestions", me.token()).json();
        assertThat(suggestions.get(0).get("name").asText()).isEqualToIgnoringCase("java");
        var created = http().postForm("/api/v1/featured_tags", me.token(), Map.of("name", "#Java"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode tag = created.json();
        assertThat(tag.get("statuses_count").asText()).as("public and unlisted only").isEqualTo("2");
        assertThat(tag.get("last_status_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(tag.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@ft_me/tagged/java");
        assertThat(http().postForm("/api/v1/featured_tags", me.token(), Map.of("name", "java")).status()).isEqualTo(422);
        assertThat(http().postForm("/api/v1/featured_tags", me.token(), Map.of("name", "not a tag")).status()).isEqualTo(422);
        assertThat(ids(http().get("/api/v1/featured_tags/suggestions", me.token()).json())).hasSize(1);

        assertThat(http().get("/api/v1/accounts/" + me.idString() + "/featured_tags").json().get(0).get("name").asText()).isEqualToIgnoringCase("java");
        User other = f.user("ft_other");
        assertThat(http().delete("/api/v1/featured_tags/" + tag.get("id").asText(), other.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/featured_tags", atoll.createUser("ft_writer", "write")).status()).isEqualTo(403);
        assertThat(http().delete("/api/v1/featured_tags/" + tag.get("id").asText(), me.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/featured_tags", me.token()).json()).isEmpty();
    }

    @Test
    void familiarFollowersAndSuggestions() {
        User me = f.user("ff_me");
        User friend = f.user("ff_friend");
        User hidden = f.user("ff_hidden");
        User star = f.user("ff_star");
        User blocked = f.user("ff_blocked");
        f.follow(me, friend);
        f.follow(me, hidden);
        f.follow(friend, star);
        f.follow(hidden, star);
        f.follow(friend, blocked);
        http().patchJson("/api/v1/accounts/update_credentials", hidden.token(), Map.of("hide_collections", true));
        http().postJson("/api/v1/accounts/" + blocked.idString() + "/block", me.token(), null);

        JsonNode familiar = http().get("/api/v1/accounts/familiar_followers?id[]=" + star.idString() + "&id[]=" + me.idString(), me.token()).json();
        assertThat(familiar).hasSize(2);
        assertThat(familiar.get(0).get("id").asText()).isEqualTo(star.idString());
        assertThat(ids(familiar.get(0).get("accounts"))).containsExactly(friend.idString());
        assertThat(familiar.get(1).get("accounts")).isEmpty();
        assertThat(http().get("/api/v1/accounts/familiar_followers?id[]=1", atoll.createUser("ff_noscope", "write")).status()).isEqualTo(403);

        JsonNode v2 = http().get("/api/v2/suggestions", me.token()).json();
        assertThat(v2.get(0).get("account").get("id").asText()).isEqualTo(star.idString());
        assertThat(v2.get(0).get("sources").get(0).asText()).isEqualTo("friends_of_friends");
        List<String> suggested = ids(http().get("/api/v1/suggestions", me.token()).json());
        assertThat(suggested).contains(star.idString()).doesNotContain(me.idString(), friend.idString(), blocked.idString());

        assertThat(http().delete("/api/v1/suggestions/" + star.idString(), me.token()).status()).isEqualTo(200);
        assertThat(ids(http().get("/api/v1/suggestions", me.token()).json())).doesNotContain(star.idString());
    }

    @Test
    void directoryOrdersAndPages() {
        User quiet = f.user("dir_quiet");
        User active = f.user("dir_active");
        User shy = f.user("dir_shy");
        f.post(active, "I post", "public");
        http().patchJson("/api/v1/accounts/update_credentials", shy.token(), Map.of("discoverable", false));

        List<String> byActivity = ids(http().get("/api/v1/directory?order=active&limit=80").json());
        assertThat(byActivity).contains(active.idString(), quiet.idString()).doesNotContain(shy.idString());
        assertThat(byActivity.indexOf(active.idString())).isLessThan(byActivity.indexOf(quiet.idString()));
        List<String> newest = ids(http().get("/api/v1/directory?order=new&local=true&limit=2").json());
        assertThat(newest).hasSize(2);
        List<String> next = ids(http().get("/api/v1/directory?order=new&local=true&limit=2&offset=2").json());
        assertThat(next).doesNotContainAnyElementsOf(newest);
        assertThat(ids(http().get("/api/v1/directory?order=new&limit=80").json()).indexOf(shy.idString())).isEqualTo(-1);
    }
}
