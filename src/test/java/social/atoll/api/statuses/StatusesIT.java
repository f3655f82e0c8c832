package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

class StatusesIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static int status(String path, String token) { return atoll.http().get(path, token).status(); }

    @Test
    void eachVisibilityIsSeenByExactlyTheRightPeople() {
        User author = f.user("vis_author");
        User follower = f.user("vis_follower");
        User mentioned = f.user("vis_mentioned");
        User stranger = f.user("vis_stranger");
        f.follow(follower, author);

        String pub = f.post(author, "public post", "public").get("id").asText();
        String unlisted = f.post(author, "unlisted post", "unlisted").get("id").asText();
        String priv = f.post(author, "followers only", "private").get("id").asText();
        String direct = f.post(author, "psst @vis_mentioned", "direct").get("id").asText();
        String privMention = f.post(author, "private but @vis_mentioned is in", "private").get("id").asText();

        record Case(String id, int author, int follower, int mentioned, int stranger, int anonymous) {}
        for (Case c : new Case[] {
                new Case(pub, 200, 200, 200, 200, 200),
                new Case(unlisted, 200, 200, 200, 200, 200),
                new Case(priv, 200, 200, 404, 404, 404),
                new Case(direct, 200, 404, 200, 404, 404),
                new Case(privMention, 200, 200, 200, 404, 404)}) {
            String path = "/api/v1/statuses/" + c.id();
            assertThat(status(path, author.token())).as("author " + path).isEqualTo(c.author());
            assertThat(status(path, follower.token())).as("follower " + path).isEqualTo(c.follower());
            assertThat(status(path, mentioned.token())).as("mentioned " + path).isEqualTo(c.mentioned());
            assertThat(status(path, stranger.token())).as("stranger " + path).isEqualTo(c.stranger());
            assertThat(status(path, null)).as("anonymous " + path).isEqualTo(c.anonymous());
        }
        var hidden = atoll.http().get("/api/v1/statuses/" + priv, stranger.token());
        assertThat(hidden.json().get("error").asText()).isEqualTo("Record not found");

        String many = "/api/v1/statuses?id[]=" + pub + "&id[]=" + priv + "&id[]=" + direct + "&id[]=999&id[]=" + unlisted;
        assertThat(ids(atoll.http().get(many, stranger.token()).json())).containsExactly(pub, unlisted);
        assertThat(ids(atoll.http().get(many, follower.token()).json())).containsExactly(pub, priv, unlisted);
        assertThat(ids(atoll.http().get(many, author.token()).json())).containsExactly(pub, priv, direct, unlisted);
        // the API has no word for circles: a limited status is shown as private
        assertThat(atoll.http().get("/api/v1/statuses/" + direct, mentioned.token()).json().get("visibility").asText()).isEqualTo("direct");
    }

    @Test
    void aCircleStatusIsSeenOnlyByItsAudienceAndLooksPrivate() {
        User author = f.user("circle_author");
        User member = f.user("circle_member");
        User follower = f.user("circle_follower");
        f.follow(member, author);
        f.follow(follower, author);
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO statuses (id, uri, url, account_id, local, text, content, visibility, created_at, updated_at) "
                            + "VALUES (:id, :uri, NULL, :a, TRUE, 'inner circle', '<p>inner circle</p>', 'limited', 0, 0)")
                    .bind("id", id).bind("uri", atoll.baseUrl() + "/users/circle_author/statuses/" + id).bind("a", author.id()).execute();
            return h.createUpdate("INSERT INTO status_audiences (status_id, account_id) VALUES (:s, :a)")
                    .bind("s", id).bind("a", member.id()).execute();
        });
        String path = "/api/v1/statuses/" + id;
        assertThat(atoll.http().get(path, member.token()).json().get("visibility").asText()).isEqualTo("private");
        assertThat(status(path, author.token())).isEqualTo(200);
        assertThat(status(path, follower.token())).isEqualTo(404);
        assertThat(status(path, null)).isEqualTo(404);
        assertThat(ids(atoll.http().get("/api/v1/accounts/" + author.idString() + "/statuses", follower.token()).json())).isEmpty();
        assertThat(ids(atoll.http().get("/api/v1/accounts/" + author.idString() + "/statuses", member.token()).json())).containsExactly(Long.toString(id));
        assertThat(atoll.http().postJson(path + "/reblog", member.token(), null).status()).isEqualTo(403);
    }

    @Test
    void statusJsonHasEveryFieldWithMastodonsEmptyValues() {
        User alice = f.user("json_alice");
        User reader = f.user("json_reader");
        JsonNode s = f.post(alice, Map.of("status", "Hi @json_reader, see https://example.com/a?b=c #Atoll\n\nbye",
                "spoiler_text", "cw", "language", "en"));
        String id = s.get("id").asText();
        assertThat(id).matches("\\d+");
        assertThat(s.get("uri").asText()).isEqualTo(atoll.baseUrl() + "/users/json_alice/statuses/" + id);
        assertThat(s.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@json_alice/" + id);
        assertThat(s.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(s.get("content").asText()).startsWith("<p>Hi <span class=\"h-card\" translate=\"no\"><a href=\"" + atoll.baseUrl() + "/@json_reader\" class=\"u-url mention\">@<span>json_reader</span></a></span>, see <a href=\"https://example.com/a?b=c\"")
                .contains("#<span>Atoll</span></a></p><p>bye</p>");
        assertThat(s.has("text")).isFalse();
        assertThat(s.get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(s.get("sensitive").asBoolean()).isTrue(); // a content warning makes it sensitive
        assertThat(s.get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("language").asText()).isEqualTo("en");
        assertThat(s.get("in_reply_to_id").isNull()).isTrue();
        assertThat(s.get("in_reply_to_account_id").isNull()).isTrue();
        assertThat(s.get("reblog").isNull()).isTrue();
        assertThat(s.get("edited_at").isNull()).isTrue();
        assertThat(s.get("card").isNull()).isTrue();
        assertThat(s.get("poll").isNull()).isTrue();
        assertThat(s.get("media_attachments").isArray()).isTrue();
        assertThat(s.get("media_attachments")).isEmpty();
        assertThat(s.get("emojis")).isEmpty();
        assertThat(s.get("mentions")).hasSize(1);
        JsonNode m = s.get("mentions").get(0);
        assertThat(m.get("id").asText()).isEqualTo(reader.idString());
        assertThat(m.get("username").asText()).isEqualTo("json_reader");
        assertThat(m.get("acct").asText()).isEqualTo("json_reader");
        assertThat(m.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@json_reader");
        assertThat(s.get("tags").get(0).get("name").asText()).isEqualTo("atoll");
        assertThat(s.get("tags").get(0).get("url").asText()).isEqualTo(atoll.baseUrl() + "/tags/atoll");
        assertThat(s.get("account").get("id").asText()).isEqualTo(alice.idString());
        assertThat(s.get("replies_count").asInt()).isZero();
        assertThat(s.get("reblogs_count").asInt()).isZero();
        assertThat(s.get("favourites_count").asInt()).isZero();
        // viewer flags and the application: only for the signed-in author
        assertThat(s.get("favourited").asBoolean()).isFalse();
        assertThat(s.get("reblogged").asBoolean()).isFalse();
        assertThat(s.get("bookmarked").asBoolean()).isFalse();
        assertThat(s.get("muted").asBoolean()).isFalse();
        assertThat(s.get("pinned").asBoolean()).isFalse();
        assertThat(s.get("application").get("name").isTextual()).isTrue();
        JsonNode asReader = atoll.http().get("/api/v1/statuses/" + id, reader.token()).json();
        assertThat(asReader.has("favourited")).isTrue();
        assertThat(asReader.has("pinned")).isFalse();
        assertThat(asReader.has("application")).isFalse();
        JsonNode anonymous = atoll.http().get("/api/v1/statuses/" + id).json();
        assertThat(anonymous.has("favourited")).isFalse();
        assertThat(anonymous.has("reblogged")).isFalse();
        assertThat(anonymous.get("content").asText()).isEqualTo(s.get("content").asText());
        assertThat(f.count("SELECT statuses_count FROM accounts WHERE id = " + alice.id())).isEqualTo(1);
    }

    @Test
    void repliesBuildAThreadSeenThroughContext() {
        User alice = f.user("thread_alice");
        User bob = f.user("thread_bob");
        User eve = f.user("thread_eve");
        String a = f.post(alice, "root", "public").get("id").asText();
        JsonNode bJson = f.reply(bob, "first reply", a, null);
        String b = bJson.get("id").asText();
        assertThat(bJson.get("in_reply_to_id").asText()).isEqualTo(a);
        assertThat(bJson.get("in_reply_to_account_id").asText()).isEqualTo(alice.idString());
        String c = f.reply(alice, "reply to the reply", b, null).get("id").asText();
        String d = f.reply(eve, "second reply", a, null).get("id").asText();
        String hidden = f.reply(alice, "only for my followers", b, "private").get("id").asText();

        JsonNode ctxB = atoll.http().get("/api/v1/statuses/" + b + "/context").json();
        assertThat(ids(ctxB.get("ancestors"))).containsExactly(a);
        assertThat(ids(ctxB.get("descendants"))).containsExactly(c);
        JsonNode ctxA = atoll.http().get("/api/v1/statuses/" + a + "/context", eve.token()).json();
        assertThat(ids(ctxA.get("ancestors"))).isEmpty();
        assertThat(ids(ctxA.get("descendants"))).containsExactly(b, c, d);
        JsonNode ctxAsAuthor = atoll.http().get("/api/v1/statuses/" + a + "/context", alice.token()).json();
        assertThat(ids(ctxAsAuthor.get("descendants"))).containsExactly(b, c, hidden, d);
        JsonNode ctxC = atoll.http().get("/api/v1/statuses/" + c + "/context").json();
        assertThat(ids(ctxC.get("ancestors"))).containsExactly(a, b);

        assertThat(atoll.http().get("/api/v1/statuses/" + a).json().get("replies_count").asInt()).isEqualTo(2);
        // replying to what one cannot see is replying to nothing
        var r = atoll.http().postJson("/api/v1/statuses", eve.token(), Map.of("status", "hi", "in_reply_to_id", hidden));
        assertThat(r.status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + hidden + "/context", eve.token()).status()).isEqualTo(404);
    }

    @Test
    void deleteAnswersWithTheSourceAndRemovesTheStatus() {
        User alice = f.user("del_alice");
        User bob = f.user("del_bob");
        String root = f.post(alice, "root", "public").get("id").asText();
        String id = f.reply(alice, "to be *deleted* #gone https://example.com", root, null).get("id").asText();
        assertThat(atoll.http().get("/api/v1/statuses/" + root).json().get("replies_count").asInt()).isEqualTo(1);
        assertThat(atoll.http().delete("/api/v1/statuses/" + id, bob.token()).status()).isEqualTo(404);

        var r = atoll.http().delete("/api/v1/statuses/" + id, alice.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        assertThat(r.json().get("text").asText()).isEqualTo("to be *deleted* #gone https://example.com");
        assertThat(r.json().has("content")).isFalse();
        assertThat(r.json().get("tags").get(0).get("name").asText()).isEqualTo("gone");
        assertThat(atoll.http().get("/api/v1/statuses/" + id, alice.token()).status()).isEqualTo(404);
        assertThat(atoll.http().delete("/api/v1/statuses/" + id, alice.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + root).json().get("replies_count").asInt()).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM mentions m JOIN statuses s ON s.id = m.status_id WHERE s.id = " + id)).isZero();
        assertThat(f.count("SELECT statuses_count FROM accounts WHERE id = " + alice.id())).isEqualTo(1);
    }

    @Test
    void badRequestsGetMastodonsErrors() {
        User alice = f.user("bad_alice");
        String readOnly = atoll.token(alice.id(), "read");
        String appToken = atoll.app().core.tokens.issue(atoll.app().core.oauth.adminCliApp().id(), null,
                social.atoll.core.auth.Scopes.parse("read write")).token();

        var wrongToken = atoll.http().postJson("/api/v1/statuses", "not-a-token", Map.of("status", "x"));
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(wrongToken.json().get("error").asText()).isEqualTo("The access token is invalid");
        assertThat(atoll.http().get("/api/v1/statuses/1", "not-a-token").status()).isEqualTo(401);
        var noScope = atoll.http().postJson("/api/v1/statuses", readOnly, Map.of("status", "x"));
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("error").asText()).isEqualTo("This action is outside the authorized scopes");
        var app = atoll.http().postJson("/api/v1/statuses", appToken, Map.of("status", "x"));
        assertThat(app.status()).isEqualTo(422);
        assertThat(app.json().get("error").asText()).isEqualTo("This method requires an authenticated user");
        assertThat(atoll.http().get("/api/v1/statuses/123456789", alice.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/abc").status()).isEqualTo(404);

        long before = f.count("SELECT COUNT(*) FROM statuses");
        long tagsBefore = f.count("SELECT COUNT(*) FROM tags");
        var blank = atoll.http().postJson("/api/v1/statuses", alice.token(), Map.of("status", "  \n "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().get("error").asText()).isEqualTo("Validation failed: Text can't be blank");
        String tooLong = "#tagged " + "a".repeat(atoll.settings().maxStatusChars());
        var longPost = atoll.http().postJson("/api/v1/statuses", alice.token(), Map.of("status", tooLong));
        assertThat(longPost.status()).isEqualTo(422);
        assertThat(longPost.json().get("error").asText())
                .isEqualTo("Validation failed: Text character limit of " + atoll.settings().maxStatusChars() + " exceeded");
        // a long URL counts as 23 characters, so this fits
        String withUrl = "a".repeat(atoll.settings().maxStatusChars() - 24) + " https://example.com/" + "x".repeat(200);
        assertThat(atoll.http().postJson("/api/v1/statuses", alice.token(), Map.of("status", withUrl)).status()).isEqualTo(200);
        var badVisibility = atoll.http().postJson("/api/v1/statuses", alice.token(), Map.of("status", "x", "visibility", "everyone"));
        assertThat(badVisibility.status()).isEqualTo(422);
        var withMedia = atoll.http().postJson("/api/v1/statuses", alice.token(), Map.of("status", "pic", "media_ids", java.util.List.of("1")));
        assertThat(withMedia.status()).isEqualTo(422);
        var malformed = atoll.http().send("POST", "/api/v1/statuses", alice.token(), "{\"status\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").isTextual()).isTrue();
        assertThat(f.count("SELECT COUNT(*) FROM statuses")).isEqualTo(before + 1);
        assertThat(f.count("SELECT COUNT(*) FROM tags")).isEqualTo(tagsBefore);
        assertThat(f.count("SELECT statuses_count FROM accounts WHERE id = " + alice.id())).isEqualTo(1);
    }

    @Test
    void idempotencyKeyReturnsTheFirstStatus() {
        User alice = f.user("idem_alice");
        User bob = f.user("idem_bob");
        Map<String, String> key = Map.of("Idempotency-Key", "key-1");
        var first = atoll.http().send("POST", "/api/v1/statuses", alice.token(), "{\"status\":\"once\"}", "application/json", key);
        var second = atoll.http().send("POST", "/api/v1/statuses", alice.token(), "{\"status\":\"once\"}", "application/json", key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        var otherUser = atoll.http().send("POST", "/api/v1/statuses", bob.token(), "{\"status\":\"once\"}", "application/json", key);
        assertThat(otherUser.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        var form = atoll.http().send("POST", "/api/v1/statuses", alice.token(), "status=twice", "application/x-www-form-urlencoded",
                Map.of("Idempotency-Key", "key-2"));
        assertThat(form.json().get("content").asText()).isEqualTo("<p>twice</p>");
        assertThat(f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + alice.id())).isEqualTo(2);
    }
}
