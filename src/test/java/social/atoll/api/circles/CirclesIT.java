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

    private static void publishNow(long scheduledId) {
        java.time.Instant due = java.time.Instant.now().minusSeconds(1);
        atoll.app().infra.db.write(h -> {
            h.createUpdate("UPDATE scheduled_statuses SET scheduled_at = :t WHERE id = :id").bind("t", due).bind("id", scheduledId).execute();
            return atoll.app().infra.jobs.enqueue(social.atoll.core.status.ScheduledStatusService.PUBLISH, scheduledId + ":due",
                    new social.atoll.core.status.ScheduledStatusService.Publish(scheduledId, due.toEpochMilli()));
        });
    }

    /** A scheduled post keeps its circle (kmyblue's {@code circle_id} in the params) and is published to it. */
    @Test
    void aScheduledCirclePostIsPublishedToTheCircle() {
        User author = f.user("cs_author");
        User member = f.user("cs_member");
        User follower = f.user("cs_follower");
        f.follow(member, author);
        f.follow(follower, author);
        String c = circle(author, "Soon", member);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "later, for the circle");
        body.put("visibility", "circle");
        body.put("circle_id", c);
        body.put("scheduled_at", java.time.Instant.now().plus(2, java.time.temporal.ChronoUnit.HOURS).toString());
        JsonNode scheduled = ok(http().postJson("/api/v1/statuses", author.token(), body)).json();
        assertThat(scheduled.get("params").get("circle_id").asText()).isEqualTo(c);
        assertThat(scheduled.get("params").get("visibility").asText()).isEqualTo("private");
        assertThat(ok(http().get("/api/v1/scheduled_statuses/" + scheduled.get("id").asText(), author.token())).json()
                .get("params").get("circle_id").asText()).isEqualTo(c);
        // a circle of someone else cannot be scheduled to either
        String others = circle(member, "Not yours");
        body.put("circle_id", others);
        assertThat(http().postJson("/api/v1/statuses", author.token(), body).status()).isEqualTo(404);

        publishNow(scheduled.get("id").asLong());
        Await.until("the scheduled post is published", () -> f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + author.id()) == 1);
        JsonNode posted = ok(http().get("/api/v1/accounts/" + author.id() + "/statuses", author.token())).json().get(0);
        String id = posted.get("id").asText();
        assertThat(posted.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(posted.get("circle").get("id").asText()).isEqualTo(c);
        assertThat(http().get("/api/v1/statuses/" + id, member.token()).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/statuses/" + id, follower.token()).status()).isEqualTo(404);

        // a local-only post can wait too, and stays local when published
        JsonNode local = ok(http().postJson("/api/v1/statuses", author.token(), Map.of("status", "later, here only", "local_only", true,
                "scheduled_at", java.time.Instant.now().plus(3, java.time.temporal.ChronoUnit.HOURS).toString()))).json();
        assertThat(local.get("params").get("local_only").asBoolean()).isTrue();
        publishNow(local.get("id").asLong());
        Await.until("the local-only post is published", () -> f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + author.id()) == 2);
        assertThat(ok(http().get("/api/v1/accounts/" + author.id() + "/statuses", author.token())).json().get(0).get("local_only").asBoolean()).isTrue();
    }

    /**
     * A reply to a circle post stays among the people it was shared with (Fedibird's and kmyblue's limited replies),
     * whatever visibility the replying app asks for, unless it is a private mention.
     */
    @Test
    void aReplyToACirclePostStaysWithinItsAudience() {
        User author = f.user("cr_author");
        User member = f.user("cr_member");
        User other = f.user("cr_other");
        User memberFan = f.user("cr_memberfan");
        f.follow(member, author);
        f.follow(other, author);
        f.follow(other, member);
        f.follow(memberFan, member);
        String c = circle(author, "Inner", member, other);
        String id = f.post(author, Map.of("status", "circle talk", "visibility", "private", "circle_id", c)).get("id").asText();

        for (String asked : List.of("public", "private", "limited", "reply")) {
            JsonNode reply = f.post(member, Map.of("status", "answer " + asked, "in_reply_to_id", id, "visibility", asked));
            String rid = reply.get("id").asText();
            assertThat(reply.get("visibility").asText()).as(asked).isEqualTo("private");
            assertThat(reply.get("visibility_ex").asText()).as(asked).isEqualTo("limited");
            // the circle's people see it; the replier's own followers outside the circle do not, nor strangers
            assertThat(http().get("/api/v1/statuses/" + rid, author.token()).status()).as(asked).isEqualTo(200);
            assertThat(http().get("/api/v1/statuses/" + rid, other.token()).status()).as(asked).isEqualTo(200);
            assertThat(http().get("/api/v1/statuses/" + rid, memberFan.token()).status()).as(asked).isEqualTo(404);
            assertThat(http().get("/api/v1/statuses/" + rid, null).status()).as(asked).isEqualTo(404);
        }
        feedsDone();
        assertThat(ids(ok(http().get("/api/v1/timelines/home", memberFan.token())).json())).isEmpty();
        assertThat(ids(ok(http().get("/api/v1/statuses/" + id + "/context", other.token())).json().get("descendants"))).hasSize(4);

        // a private mention in reply is narrower still: only whom it mentions
        JsonNode dm = f.post(member, Map.of("status", "@cr_author just you", "in_reply_to_id", id, "visibility", "direct"));
        assertThat(dm.get("visibility").asText()).isEqualTo("direct");
        assertThat(http().get("/api/v1/statuses/" + dm.get("id").asText(), other.token()).status()).isEqualTo(404);
    }

    /** kmyblue's circle timeline: the owner's posts shared with a circle, newest first, paged. */
    @Test
    void aCirclesStatusesArePagedForItsOwnerOnly() {
        User author = f.user("ct_author");
        User member = f.user("ct_member");
        f.follow(member, author);
        String c = circle(author, "Timeline", member);
        String otherCircle = circle(author, "Elsewhere", member);
        java.util.List<String> posted = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) posted.add(0, f.post(author, Map.of("status", "to the circle " + i, "visibility", "circle", "circle_id", c)).get("id").asText());
        f.post(author, Map.of("status", "to the other circle", "visibility", "circle", "circle_id", otherCircle));
        f.post(author, "a plain public post", "public");

        TestHttp.Response first = ok(http().get("/api/v1/circles/" + c + "/statuses?limit=2", author.token()));
        assertThat(ids(first.json())).containsExactly(posted.get(0), posted.get(1));
        String link = first.header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        assertThat(ids(ok(http().get(next.substring(next.indexOf("/api/")), author.token())).json())).containsExactly(posted.get(2));
        assertThat(first.json().get(0).get("circle").get("title").asText()).isEqualTo("Timeline");
        // a deleted post leaves it
        ok(http().delete("/api/v1/statuses/" + posted.get(0), author.token()));
        assertThat(ids(ok(http().get("/api/v1/circles/" + c + "/statuses", author.token())).json())).containsExactly(posted.get(1), posted.get(2));
        // the circle is the owner's: a member or a stranger finds nothing
        assertThat(http().get("/api/v1/circles/" + c + "/statuses", member.token()).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/circles/" + c + "/statuses", null).status()).isEqualTo(401);
    }
}
