package social.atoll.api.lists;

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

class ListsIT {

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

    private static List<String> get(String path, User u) {
        var r = http().get(path, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ids(r.json());
    }

    private static String createList(User u, Map<String, Object> body) {
        var r = http().postJson("/api/v1/lists", u.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    @Test
    void crudAndOwnership() {
        User me = f.user("lc_me");
        User other = f.user("lc_other");
        var created = http().postForm("/api/v1/lists", me.token(), Map.of("title", "Friends"));
        assertThat(created.status()).isEqualTo(200);
        JsonNode list = created.json();
        assertThat(list.get("title").asText()).isEqualTo("Friends");
        assertThat(list.get("replies_policy").asText()).isEqualTo("list");
        assertThat(list.get("exclusive").asBoolean()).isFalse();
        String id = list.get("id").asText();

        var updated = http().putJson("/api/v1/lists/" + id, me.token(), Map.of("title", "Close friends", "replies_policy", "none", "exclusive", true));
        assertThat(updated.json().get("title").asText()).isEqualTo("Close friends");
        assertThat(updated.json().get("replies_policy").asText()).isEqualTo("none");
        assertThat(updated.json().get("exclusive").asBoolean()).isTrue();
        assertThat(http().get("/api/v1/lists", me.token()).json().get(0).get("title").asText()).isEqualTo("Close friends");
        assertThat(http().get("/api/v1/lists/" + id, me.token()).json().get("id").asText()).isEqualTo(id);

        assertThat(http().get("/api/v1/lists/" + id, other.token()).status()).isEqualTo(404);
        assertThat(http().putJson("/api/v1/lists/" + id, other.token(), Map.of("title", "mine now")).status()).isEqualTo(404);
        assertThat(http().delete("/api/v1/lists/" + id, other.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/timelines/list/" + id, other.token()).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/lists", me.token(), Map.of("title", "")).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/lists", me.token(), Map.of("title", "x", "replies_policy", "all")).status()).isEqualTo(422);
        assertThat(http().get("/api/v1/lists", atoll.createUser("lc_writer", "write")).status()).isEqualTo(403);
        assertThat(http().postJson("/api/v1/lists", atoll.createUser("lc_reader", "read"), Map.of("title", "t")).status()).isEqualTo(403);

        var deleted = http().delete("/api/v1/lists/" + id, me.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(http().get("/api/v1/lists", me.token()).json()).isEmpty();
    }

    @Test
    void membersMustBeFollowedAndPageOnTheHiddenCursor() {
        User me = f.user("lm_me");
        User a = f.user("lm_a");
        User b = f.user("lm_b");
        User c = f.user("lm_c");
        String list = createList(me, Map.of("title", "members"));
        var notFollowed = http().postJson("/api/v1/lists/" + list + "/accounts", me.token(), Map.of("account_ids", List.of(a.idString())));
        assertThat(notFollowed.status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/lists/" + list + "/accounts", me.token(), Map.of("account_ids", List.of("999999"))).status()).isEqualTo(404);
        for (User u : List.of(a, b, c)) f.follow(me, u);
        for (User u : List.of(a, b, c)) {
            var r = http().postForm("/api/v1/lists/" + list + "/accounts", me.token(), Map.of("account_ids[]", u.idString()));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        assertThat(http().postJson("/api/v1/lists/" + list + "/accounts", me.token(), Map.of("account_ids", List.of(a.idString()))).status())
                .as("already a member").isEqualTo(422);

        assertThat(get("/api/v1/lists/" + list + "/accounts?limit=0", me)).containsExactly(c.idString(), b.idString(), a.idString());
        var page = http().get("/api/v1/lists/" + list + "/accounts?limit=2", me.token());
        assertThat(ids(page.json())).containsExactly(c.idString(), b.idString());
        String link = page.header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).substring(atoll.baseUrl().length());
        var second = http().get(next, me.token());
        assertThat(ids(second.json())).containsExactly(a.idString());
        String l2 = second.header("Link");
        String prev = l2.substring(l2.lastIndexOf('<') + 1, l2.lastIndexOf('>')).substring(atoll.baseUrl().length());
        assertThat(get(prev, me)).containsExactly(c.idString(), b.idString());

        assertThat(get("/api/v1/accounts/" + a.idString() + "/lists", me)).containsExactly(list);
        http().send("DELETE", "/api/v1/lists/" + list + "/accounts", me.token(), "{\"account_ids\":[\"" + a.idString() + "\"]}", "application/json");
        assertThat(get("/api/v1/accounts/" + a.idString() + "/lists", me)).isEmpty();
        // an unfollow takes the account out of the lists
        f.unfollow(me, b);
        assertThat(get("/api/v1/lists/" + list + "/accounts?limit=0", me)).containsExactly(c.idString());
        assertThat(http().get("/api/v1/lists/" + list + "/accounts", f.user("lm_stranger").token()).status()).isEqualTo(404);
    }

    @Test
    void listTimelineShowsOnlyMembersAndExclusiveListsLeaveHome() {
        User me = f.user("lt_me");
        User member = f.user("lt_member");
        User outsider = f.user("lt_outsider");
        User loner = f.user("lt_loner");
        f.follow(me, member);
        f.follow(me, outsider);
        f.follow(me, loner);
        String older = f.post(member, "before being listed", "public").get("id").asText();
        String list = createList(me, Map.of("title", "reading", "replies_policy", "list"));
        http().postJson("/api/v1/lists/" + list + "/accounts", me.token(), Map.of("account_ids", List.of(member.idString())));
        assertThat(get("/api/v1/timelines/list/" + list, me)).as("back-filled").containsExactly(older);

        String inList = f.post(member, "listed post", "public").get("id").asText();
        String notInList = f.post(outsider, "outsider post", "public").get("id").asText();
        String replyToOutsider = f.reply(member, "@lt_outsider hi", notInList, "public").get("id").asText();
        Await.until("list fan-out", () -> get("/api/v1/timelines/list/" + list, me).contains(inList));
        Await.until("home fan-out", () -> get("/api/v1/timelines/home", me).containsAll(List.of(inList, notInList)));
        assertThat(get("/api/v1/timelines/list/" + list, me)).containsExactly(inList, older)
                .doesNotContain(notInList, replyToOutsider);

        // exclusive: the member's new posts go to the list only
        String exclusive = createList(me, Map.of("title", "exclusive", "exclusive", true));
        http().postJson("/api/v1/lists/" + exclusive + "/accounts", me.token(), Map.of("account_ids", List.of(loner.idString())));
        String hidden = f.post(loner, "only in the exclusive list", "public").get("id").asText();
        String marker = f.post(member, "marker", "public").get("id").asText();
        Await.until("exclusive list fan-out", () -> get("/api/v1/timelines/list/" + exclusive, me).contains(hidden));
        Await.until("home fan-out of the marker", () -> get("/api/v1/timelines/home", me).contains(marker));
        Await.until("list fan-out of the marker", () -> get("/api/v1/timelines/list/" + list, me).contains(marker));
        assertThat(get("/api/v1/timelines/home", me)).doesNotContain(hidden);

        // paging the list timeline both ways
        var page = http().get("/api/v1/timelines/list/" + list + "?limit=1", me.token());
        assertThat(ids(page.json())).containsExactly(marker);
        String link = page.header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).substring(atoll.baseUrl().length());
        assertThat(get(next, me)).containsExactly(inList);
        assertThat(get("/api/v1/timelines/list/" + list + "?min_id=" + older + "&limit=1", me)).containsExactly(inList);
        assertThat(http().get("/api/v1/timelines/list/" + list, atoll.createUser("lt_noscope", "write")).status()).isEqualTo(403);
    }
}
