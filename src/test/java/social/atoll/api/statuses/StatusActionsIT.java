package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class StatusActionsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp.Response post(String path, String token) { return atoll.http().postJson(path, token, null); }

    @Test
    void favouritesCountAndFlagAndAreListed() {
        User alice = f.user("fav_alice");
        User bob = f.user("fav_bob");
        User carol = f.user("fav_carol");
        String id = f.post(alice, "like me", "public").get("id").asText();

        JsonNode fav = post("/api/v1/statuses/" + id + "/favourite", bob.token()).json();
        assertThat(fav.get("favourited").asBoolean()).isTrue();
        assertThat(fav.get("favourites_count").asInt()).isEqualTo(1);
        // favouriting again changes nothing
        assertThat(post("/api/v1/statuses/" + id + "/favourite", bob.token()).json().get("favourites_count").asInt()).isEqualTo(1);
        post("/api/v1/statuses/" + id + "/favourite", carol.token());
        assertThat(atoll.http().get("/api/v1/statuses/" + id, alice.token()).json().get("favourited").asBoolean()).isFalse();
        assertThat(atoll.http().get("/api/v1/statuses/" + id, bob.token()).json().get("favourited").asBoolean()).isTrue();

        var by = atoll.http().get("/api/v1/statuses/" + id + "/favourited_by");
        assertThat(ids(by.json())).containsExactly(carol.idString(), bob.idString());
        var firstPage = atoll.http().get("/api/v1/statuses/" + id + "/favourited_by?limit=1");
        assertThat(ids(firstPage.json())).containsExactly(carol.idString());
        String link = firstPage.header("Link");
        assertThat(link).startsWith("<" + atoll.baseUrl() + "/api/v1/statuses/" + id + "/favourited_by?limit=1&max_id=");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(ids(atoll.http().get(next).json())).containsExactly(bob.idString());

        JsonNode unfav = post("/api/v1/statuses/" + id + "/unfavourite", bob.token()).json();
        assertThat(unfav.get("favourited").asBoolean()).isFalse();
        assertThat(unfav.get("favourites_count").asInt()).isEqualTo(1);
        assertThat(ids(atoll.http().get("/api/v1/statuses/" + id + "/favourited_by").json())).containsExactly(carol.idString());

        String readOnly = atoll.token(bob.id(), "read write:statuses");
        assertThat(post("/api/v1/statuses/" + id + "/favourite", readOnly).status()).isEqualTo(403);
        assertThat(post("/api/v1/statuses/987654321/favourite", bob.token()).status()).isEqualTo(404);
        String priv = f.post(alice, "followers only", "private").get("id").asText();
        assertThat(post("/api/v1/statuses/" + priv + "/favourite", bob.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + priv + "/favourited_by").status()).isEqualTo(404);
    }

    @Test
    void boostsWrapTheOriginalAndCanBeUndone() {
        User alice = f.user("boost_alice");
        User bob = f.user("boost_bob");
        User carol = f.user("boost_carol");
        String id = f.post(alice, "boost me", "public").get("id").asText();

        var r = post("/api/v1/statuses/" + id + "/reblog", bob.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode boost = r.json();
        String boostId = boost.get("id").asText();
        assertThat(boostId).isNotEqualTo(id);
        assertThat(boost.get("account").get("id").asText()).isEqualTo(bob.idString());
        assertThat(boost.get("content").asText()).isEmpty();
        assertThat(boost.get("reblog").get("id").asText()).isEqualTo(id);
        assertThat(boost.get("reblog").get("reblogged").asBoolean()).isTrue();
        assertThat(boost.get("reblog").get("reblogs_count").asInt()).isEqualTo(1);
        assertThat(boost.get("uri").asText()).isEqualTo(atoll.baseUrl() + "/users/boost_bob/statuses/" + boostId + "/activity");

        // boosting again, or boosting the boost, gives back the same boost
        assertThat(post("/api/v1/statuses/" + id + "/reblog", bob.token()).json().get("id").asText()).isEqualTo(boostId);
        assertThat(post("/api/v1/statuses/" + boostId + "/reblog", bob.token()).json().get("id").asText()).isEqualTo(boostId);
        // a boost of the boost by someone else boosts the original
        JsonNode carolBoost = post("/api/v1/statuses/" + boostId + "/reblog", carol.token()).json();
        assertThat(carolBoost.get("reblog").get("id").asText()).isEqualTo(id);
        assertThat(carolBoost.get("reblog").get("reblogs_count").asInt()).isEqualTo(2);
        var unlisted = atoll.http().postJson("/api/v1/statuses/" + id + "/reblog", alice.token(), Map.of("visibility", "unlisted"));
        assertThat(unlisted.json().get("visibility").asText()).isEqualTo("unlisted");

        var by = atoll.http().get("/api/v1/statuses/" + id + "/reblogged_by");
        assertThat(ids(by.json())).containsExactly(alice.idString(), carol.idString(), bob.idString());
        assertThat(atoll.http().get("/api/v1/statuses/" + boostId).json().get("reblog").get("id").asText()).isEqualTo(id);

        JsonNode undone = post("/api/v1/statuses/" + id + "/unreblog", bob.token()).json();
        assertThat(undone.get("id").asText()).isEqualTo(id);
        assertThat(undone.get("reblogged").asBoolean()).isFalse();
        assertThat(undone.get("reblogs_count").asInt()).isEqualTo(2);
        assertThat(atoll.http().get("/api/v1/statuses/" + boostId).status()).isEqualTo(404);
        assertThat(f.count("SELECT statuses_count FROM accounts WHERE id = " + bob.id())).isZero();
        // deleting the original takes its boosts with it
        atoll.http().delete("/api/v1/statuses/" + id, alice.token());
        assertThat(atoll.http().get("/api/v1/statuses/" + carolBoost.get("id").asText()).status()).isEqualTo(404);
        assertThat(f.count("SELECT statuses_count FROM accounts WHERE id = " + carol.id())).isZero();
    }

    @Test
    void privateAndDirectStatusesCannotBeBoostedByOthers() {
        User alice = f.user("nob_alice");
        User bob = f.user("nob_bob");
        f.follow(bob, alice);
        String priv = f.post(alice, "followers only", "private").get("id").asText();
        String direct = f.post(alice, "hi @nob_bob", "direct").get("id").asText();

        var p = post("/api/v1/statuses/" + priv + "/reblog", bob.token());
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.json().get("error").asText()).isEqualTo("This action is not allowed");
        assertThat(post("/api/v1/statuses/" + direct + "/reblog", bob.token()).status()).isEqualTo(403);
        assertThat(post("/api/v1/statuses/" + direct + "/reblog", alice.token()).status()).isEqualTo(403);
        // the author may boost their own followers-only post, and it stays followers-only
        JsonNode self = atoll.http().postJson("/api/v1/statuses/" + priv + "/reblog", alice.token(), Map.of("visibility", "public")).json();
        assertThat(self.get("visibility").asText()).isEqualTo("private");
        assertThat(atoll.http().get("/api/v1/statuses/" + self.get("id").asText()).status()).isEqualTo(404);
        var directBoost = atoll.http().postJson("/api/v1/statuses/" + f.post(alice, "x", "public").get("id").asText() + "/reblog",
                bob.token(), Map.of("visibility", "direct"));
        assertThat(directBoost.status()).isEqualTo(422);
        assertThat(f.count("SELECT reblogs_count FROM statuses WHERE id = " + priv)).isEqualTo(1);
    }
}
