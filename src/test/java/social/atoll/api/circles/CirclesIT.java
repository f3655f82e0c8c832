package social.atoll.api.circles;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
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

/** Circles through the API (kmyblue's shape), posts shared with a circle, and local-only posts. */
class CirclesIT {

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

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String circle(User owner, String title, User... members) {
        String id = ok(http().postJson("/api/v1/circles", owner.token(), Map.of("title", title))).json().get("id").asText();
        if (members.length > 0)
            ok(http().postJson("/api/v1/circles/" + id + "/accounts", owner.token(),
                    Map.of("account_ids", List.of(members).stream().map(User::idString).toList())));
        return id;
    }

    private static void feedsDone() {
        Await.until("feed jobs done", () -> atoll.app().infra.jobs.pendingCounts().entrySet().stream()
                .noneMatch(e -> e.getKey().contains("feed") && e.getValue() > 0));
    }

    @Test
    void crudMembersAndOwnership() {
        User me = f.user("ci_me");
        User fan = f.user("ci_fan");
        User stranger = f.user("ci_stranger");
        f.follow(fan, me);

        var created = http().postForm("/api/v1/circles", me.token(), Map.of("title", "Family"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("title").asText()).isEqualTo("Family");
        assertThat(ok(http().putJson("/api/v1/circles/" + id, me.token(), Map.of("title", "Kin"))).json().get("title").asText()).isEqualTo("Kin");
        assertThat(ok(http().get("/api/v1/circles", me.token())).json().findValuesAsText("title")).containsExactly("Kin");
        assertThat(ok(http().get("/api/v1/circles/" + id, me.token())).json().get("id").asText()).isEqualTo(id);

        // someone else's circle does not exist for them; a blank title is refused
        assertThat(http().get("/api/v1/circles/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(http().delete("/api/v1/circles/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/circles/" + id + "/accounts", stranger.token(), Map.of("account_ids", List.of(fan.idString()))).status()).isEqualTo(404);
        var blank = http().postJson("/api/v1/circles", me.token(), Map.of("title", " "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().get("error").asText()).isNotBlank();
        assertThat(http().get("/api/v1/circles", null).status()).isEqualTo(401);

        // only followers can be members (kmyblue's rule); unknown accounts are a 404
        var notFollower = http().postJson("/api/v1/circles/" + id + "/accounts", me.token(), Map.of("account_ids", List.of(stranger.idString())));
        assertThat(notFollower.status()).as(notFollower.body()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/circles/" + id + "/accounts", me.token(), Map.of("account_ids", List.of("999999"))).status()).isEqualTo(404);
        ok(http().postForm("/api/v1/circles/" + id + "/accounts", me.token(), Map.of("account_ids[]", fan.idString())));
        ok(http().postJson("/api/v1/circles/" + id + "/accounts", me.token(), Map.of("account_ids", List.of(fan.idString())))); // twice: no change
        assertThat(ids(ok(http().get("/api/v1/circles/" + id + "/accounts", me.token())).json())).containsExactly(fan.idString());
        assertThat(ids(ok(http().get("/api/v1/circles/" + id + "/accounts?limit=0", me.token())).json())).containsExactly(fan.idString());
        assertThat(ok(http().get("/api/v1/accounts/" + fan.id() + "/circles", me.token())).json().findValuesAsText("id")).containsExactly(id);

        // removing, then an unfollow, take members out
        ok(http().send("DELETE", "/api/v1/circles/" + id + "/accounts?account_ids[]=" + fan.id(), me.token(), null, null));
        assertThat(ok(http().get("/api/v1/circles/" + id + "/accounts", me.token())).json()).isEmpty();
        ok(http().postJson("/api/v1/circles/" + id + "/accounts", me.token(), Map.of("account_ids", List.of(fan.idString()))));
        f.unfollow(fan, me);
        assertThat(ok(http().get("/api/v1/circles/" + id + "/accounts", me.token())).json()).isEmpty();

        ok(http().delete("/api/v1/circles/" + id, me.token()));
        assertThat(http().get("/api/v1/circles/" + id, me.token()).status()).isEqualTo(404);
    }

    @Test
    void aCirclePostReachesExactlyItsMembers() {
        User author = f.user("cp_author");
        User member = f.user("cp_member");
        User follower = f.user("cp_follower");
        User stranger = f.user("cp_stranger");
        User mentioned = f.user("cp_mentioned");
        f.follow(member, author);
        f.follow(follower, author);
        String family = circle(author, "Family", member);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "dinner on sunday, @cp_mentioned too");
        body.put("visibility", "private");
        body.put("circle_id", family);
        JsonNode post = f.post(author, body);
        String id = post.get("id").asText();
        // apps that do not know circles see a followers-only post; kmyblue's fields say more
        assertThat(post.get("visibility").asText()).isEqualTo("private");
        assertThat(post.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(post.get("limited_scope").asText()).isEqualTo("circle");
        assertThat(post.get("local_only").asBoolean()).isFalse();
        assertThat(post.path("circle").path("title").asText()).isEqualTo("Family");

        assertThat(http().get("/api/v1/statuses/" + id, member.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statuses/" + id, mentioned.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statuses/" + id, author.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statuses/" + id, follower.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/statuses/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        // the circle is the author's to know: the member sees the kmyblue fields but not the circle
        JsonNode seen = ok(http().get("/api/v1/statuses/" + id, member.token())).json();
        assertThat(seen.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(seen.has("circle")).isFalse();

        feedsDone();
        assertThat(ids(ok(http().get("/api/v1/timelines/home", member.token())).json())).contains(id);
        assertThat(ids(ok(http().get("/api/v1/timelines/home", follower.token())).json())).doesNotContain(id);
        assertThat(ids(ok(http().get("/api/v1/accounts/" + author.id() + "/statuses", follower.token())).json())).doesNotContain(id);
        assertThat(ids(ok(http().get("/api/v1/accounts/" + author.id() + "/statuses", member.token())).json())).contains(id);

        // a circle post cannot be boosted, even by its author
        assertThat(http().postJson("/api/v1/statuses/" + id + "/reblog", member.token(), Map.of()).status()).isEqualTo(403);

        // the audience was fixed when posting: a member added later does not see it, one removed still does
        String late = circle(author, "Later");
        ok(http().postJson("/api/v1/circles/" + family + "/accounts", author.token(), Map.of("account_ids", List.of(follower.idString()))));
        assertThat(http().get("/api/v1/statuses/" + id, follower.token()).status()).isEqualTo(404);
        ok(http().delete("/api/v1/circles/" + family, author.token()));
        assertThat(http().get("/api/v1/statuses/" + id, member.token()).status()).isEqualTo(200);
        assertThat(ok(http().get("/api/v1/statuses/" + id, author.token())).json().has("circle")).isFalse();
        ok(http().delete("/api/v1/circles/" + late, author.token()));
    }

    @Test
    void circleVisibilityWordsAndRefusals() {
        User author = f.user("cw_author");
        User member = f.user("cw_member");
        User other = f.user("cw_other");
        f.follow(member, author);
        String c = circle(author, "Close", member);
        String others = circle(other, "Theirs");

        // kmyblue's visibility=circle and Fedibird's limited mean the same
        for (String word : List.of("circle", "limited")) {
            JsonNode p = f.post(author, Map.of("status", "by " + word, "visibility", word, "circle_id", c));
            assertThat(p.get("visibility").asText()).isEqualTo("private");
            assertThat(p.get("visibility_ex").asText()).isEqualTo("limited");
            assertThat(http().get("/api/v1/statuses/" + p.get("id").asText(), member.token()).status()).isEqualTo(200);
        }
        assertThat(http().postJson("/api/v1/statuses", author.token(), Map.of("status", "x", "visibility", "circle")).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/statuses", author.token(), Map.of("status", "x", "visibility", "public", "circle_id", c)).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/statuses", author.token(), Map.of("status", "x", "visibility", "private", "circle_id", others)).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/statuses", author.token(), Map.of("status", "x", "circle_id", c, "scheduled_at", "2099-01-01T00:00:00Z")).status()).isEqualTo(422);
        // an ordinary private post says so in kmyblue's fields too
        JsonNode plain = f.post(author, "just followers", "private");
        assertThat(plain.get("visibility_ex").asText()).isEqualTo("private");
        assertThat(plain.has("limited_scope")).isFalse();
    }

    @Test
    void localOnlyPostsAreForSignedInLocalPeople() {
        User author = f.user("lo_author");
        User reader = f.user("lo_reader");
        JsonNode post = f.post(author, Map.of("status", "only for us #lonly", "visibility", "public", "local_only", true));
        String id = post.get("id").asText();
        assertThat(post.get("local_only").asBoolean()).isTrue();
        assertThat(post.get("visibility").asText()).isEqualTo("public");
        assertThat(http().get("/api/v1/statuses/" + id, reader.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(ids(ok(http().get("/api/v1/timelines/public?local=true", reader.token())).json())).contains(id);
        assertThat(ids(ok(http().get("/api/v1/timelines/public?local=true", null)).json())).doesNotContain(id);
        assertThat(ids(ok(http().get("/api/v1/accounts/" + author.id() + "/statuses", null)).json())).doesNotContain(id);

        // a reply to it stays here too, and so does a boost of it
        JsonNode reply = f.reply(reader, "agreed", id, "public");
        assertThat(reply.get("local_only").asBoolean()).isTrue();
        JsonNode boost = ok(http().postJson("/api/v1/statuses/" + id + "/reblog", reader.token(), Map.of())).json();
        assertThat(boost.get("local_only").asBoolean()).isTrue();
        assertThat(http().get("/api/v1/statuses/" + boost.get("id").asText(), null).status()).isEqualTo(404);

        // nothing of it is queued for delivery, and its ActivityPub document is not served to an anonymous fetch
        assertThat(f.count("SELECT COUNT(*) FROM statuses WHERE local_only = TRUE AND account_id IN (" + author.id() + ", " + reader.id() + ")")).isEqualTo(3);
        var ap = http().send("GET", post.get("uri").asText(), null, null, null, new LinkedHashMap<>(Map.of("Accept", "application/activity+json")));
        assertThat(ap.status()).isEqualTo(404);
    }
}
