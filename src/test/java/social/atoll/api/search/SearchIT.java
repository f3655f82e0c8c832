package social.atoll.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

/** Search v2 and account search: full text over what the viewer may see, on SQLite FTS5 and PostgreSQL tsvector. */
class SearchIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static JsonNode search(String q, String token, String extra) {
        var r = atoll.http().get("/api/v2/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> statusIds(String q, String token, String extra) { return ids(search(q, token, extra).get("statuses")); }

    @Test
    void statusesByWordsOnlyAmongThoseTheViewerMaySee() {
        User author = f.user("fts_author");
        User follower = f.user("fts_follower");
        User stranger = f.user("fts_stranger");
        f.follow(follower, author);
        String pub = f.post(author, "The quick brown Zebrafox jumps", "public").get("id").asText();
        String priv = f.post(author, "a quick private zebrafox", "private").get("id").asText();
        String dm = f.post(author, "zebrafox note for @fts_stranger", "direct").get("id").asText();
        String unlisted = f.post(author, "an unlisted zebrafox", "unlisted").get("id").asText();
        f.post(author, "nothing to see", "public");

        assertThat(statusIds("zebrafox", stranger.token(), "")).as("private posts are not found by strangers").containsExactly(dm, pub);
        // As in Mastodon, others' unlisted and followers-only posts are not searchable by words, even for a follower who
        // may read them, until the viewer interacts with them (here: a favourite).
        assertThat(statusIds("ZEBRAFOX quick", follower.token(), "")).containsExactly(pub);
        assertThat(atoll.http().postJson("/api/v1/statuses/" + priv + "/favourite", follower.token(), java.util.Map.of()).status()).isEqualTo(200);
        assertThat(statusIds("ZEBRAFOX quick", follower.token(), "")).containsExactly(priv, pub);
        assertThat(atoll.http().postJson("/api/v1/statuses/" + priv + "/unfavourite", follower.token(), java.util.Map.of()).status()).isEqualTo(200);
        assertThat(statusIds("zebrafox", follower.token(), "")).doesNotContain(unlisted, priv);
        assertThat(statusIds("zebrafox", author.token(), "")).containsExactly(unlisted, dm, priv, pub);
        assertThat(statusIds("zebrafox jumps", follower.token(), "")).containsExactly(pub);
        assertThat(statusIds("zebrafox unicorn", follower.token(), "")).isEmpty();
        assertThat(statusIds("zebrafox", null, "")).as("anonymous callers do not search statuses").isEmpty();

        // paging: limit, offset, max_id, min_id, account_id, type
        assertThat(statusIds("zebrafox", author.token(), "&limit=1")).containsExactly(unlisted);
        assertThat(statusIds("zebrafox", author.token(), "&limit=1&offset=1")).containsExactly(dm);
        assertThat(statusIds("zebrafox", author.token(), "&max_id=" + dm)).containsExactly(priv, pub);
        assertThat(statusIds("zebrafox", author.token(), "&min_id=" + pub)).containsExactly(unlisted, dm, priv);
        assertThat(statusIds("zebrafox", author.token(), "&account_id=" + stranger.id())).isEmpty();
        JsonNode onlyAccounts = search("zebrafox", author.token(), "&type=accounts");
        assertThat(onlyAccounts.get("statuses").size()).isZero();

        // deleted statuses leave the index
        assertThat(atoll.http().delete("/api/v1/statuses/" + pub, author.token()).status()).isEqualTo(200);
        assertThat(statusIds("zebrafox", stranger.token(), "")).containsExactly(dm);
    }

    @Test
    void blockedAuthorsAreNotFound() {
        User author = f.user("fts_blocked");
        User searcher = f.user("fts_blocker");
        f.post(author, "unmistakable quokkaword", "public");
        assertThat(statusIds("quokkaword", searcher.token(), "")).hasSize(1);
        assertThat(atoll.http().postJson("/api/v1/accounts/" + author.id() + "/block", searcher.token(), java.util.Map.of()).status()).isEqualTo(200);
        assertThat(statusIds("quokkaword", searcher.token(), "")).isEmpty();
    }

    @Test
    void accountsByPrefixWithFollowingAndV1Search() {
        User a = f.user("seeker_anna");
        User b = f.user("seeker_bert");
        User me = f.user("seeker_me");
        f.follow(me, b);
        List<String> names = new ArrayList<>();
        search("seeker_", null, "&type=accounts").get("accounts").forEach(n -> names.add(n.get("username").asText()));
        assertThat(names).contains("seeker_anna", "seeker_bert", "seeker_me");
        assertThat(ids(search("seeker", me.token(), "&type=accounts&following=true").get("accounts"))).containsExactly(b.idString());

        var v1 = atoll.http().get("/api/v1/accounts/search?q=seeker_an", me.token());
        assertThat(v1.status()).isEqualTo(200);
        assertThat(ids(v1.json())).containsExactly(a.idString());
        assertThat(atoll.http().get("/api/v1/accounts/search?q=seeker").status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v1/accounts/search", me.token()).status()).isEqualTo(400);
    }

    @Test
    void hashtagsByPrefixAreTagEntitiesWithHistory() {
        User author = f.user("tag_searcher");
        f.post(author, "about #SearchableTopic", "public");
        JsonNode tags = search("#searchable", author.token(), "&type=hashtags").get("hashtags");
        assertThat(tags.size()).isEqualTo(1);
        JsonNode tag = tags.get(0);
        assertThat(tag.get("name").asText()).isEqualTo("SearchableTopic");
        assertThat(tag.get("url").asText()).endsWith("/tags/searchabletopic");
        assertThat(tag.get("history").size()).isEqualTo(7);
        assertThat(tag.get("history").get(0).get("uses").asText()).isEqualTo("1");
        assertThat(tag.get("history").get(0).get("accounts").asText()).isEqualTo("1");
        assertThat(tag.get("following").asBoolean(true)).isFalse();
    }

    @Test
    void anonymousCannotPageOrResolve() {
        assertThat(atoll.http().get("/api/v2/search?q=x&offset=5").status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v2/search?q=x&resolve=true").status()).isEqualTo(401);
    }
}
