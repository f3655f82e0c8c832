package social.atoll.api.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

/** Tag timelines (any/all/none, paging), the Tag entity, and followed tags. */
class TagsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static List<String> timeline(String path, String token) {
        var r = atoll.http().get("/api/v1/timelines/tag/" + path, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ids(r.json());
    }

    @Test
    void tagTimelineWithAnyAllNoneAndPaging() {
        User author = f.user("tl_tagger");
        User stranger = f.user("tl_stranger");
        String cats = f.post(author, "#cats only", "public").get("id").asText();
        String both = f.post(author, "#cats and #dogs", "public").get("id").asText();
        String dogs = f.post(author, "#Dogs only", "public").get("id").asText();
        f.post(author, "#cats but private", "private");
        f.post(author, "#cats but unlisted", "unlisted");
        String birds = f.post(author, "#birds", "public").get("id").asText();

        assertThat(timeline("cats", stranger.token())).containsExactly(both, cats);
        assertThat(timeline("CATS", null)).as("anonymous, any case").containsExactly(both, cats);
        assertThat(timeline("cats?any[]=dogs&any[]=birds", null)).containsExactly(birds, dogs, both, cats);
        assertThat(timeline("cats?all[]=dogs", null)).containsExactly(both);
        assertThat(timeline("cats?none[]=dogs", null)).containsExactly(cats);
        assertThat(timeline("cats?all[]=neverused", null)).isEmpty();
        assertThat(timeline("neverused", null)).isEmpty();
        assertThat(timeline("cats?remote=true", null)).isEmpty();
        assertThat(timeline("cats?local=true", null)).containsExactly(both, cats);

        var page = atoll.http().get("/api/v1/timelines/tag/cats?limit=1", null);
        assertThat(ids(page.json())).containsExactly(both);
        assertThat(page.header("Link")).contains("max_id=" + both).contains("min_id=" + both).startsWith("<http");
        assertThat(timeline("cats?max_id=" + both, null)).containsExactly(cats);
        assertThat(timeline("cats?min_id=" + cats, null)).containsExactly(both);
    }

    @Test
    void followedTagsBringPublicPostsIntoTheHomeFeed() {
        User author = f.user("tf_author");
        User blockedAuthor = f.user("tf_blocked");
        User reader = f.user("tf_reader");
        assertThat(atoll.http().postJson("/api/v1/tags/gardening/follow", reader.token(), Map.of()).status()).isEqualTo(200);
        assertThat(atoll.http().postJson("/api/v1/accounts/" + blockedAuthor.id() + "/block", reader.token(), Map.of()).status()).isEqualTo(200);
        f.post(author, "followers only #gardening", "private");
        f.post(author, "quiet #gardening", "unlisted");
        f.post(blockedAuthor, "blocked #gardening", "public");
        f.post(author, "no tag", "public");
        String tagged = f.post(author, "tomatoes #Gardening", "public").get("id").asText();
        social.atoll.testing.Await.until("the tagged post reaches the home feed",
                () -> ids(atoll.http().get("/api/v1/timelines/home", reader.token()).json()).contains(tagged));
        assertThat(ids(atoll.http().get("/api/v1/timelines/home", reader.token()).json())).containsExactly(tagged);
    }

    @Test
    void tagEntityAndFollowing() {
        User author = f.user("tag_owner");
        User me = f.user("tag_follower");
        f.post(author, "#followme twice #followme", "public");
        var tag = atoll.http().get("/api/v1/tags/FollowMe", me.token());
        assertThat(tag.status()).isEqualTo(200);
        assertThat(tag.json().get("name").asText()).isEqualTo("followme");
        assertThat(tag.json().get("following").asBoolean()).isFalse();
        assertThat(tag.json().get("history").get(0).get("uses").asText()).isEqualTo("1");
        assertThat(atoll.http().get("/api/v1/tags/followme").json().has("following")).isFalse();
        assertThat(atoll.http().get("/api/v1/tags/nosuchtag", me.token()).status()).isEqualTo(404);

        var followed = atoll.http().postJson("/api/v1/tags/followme/follow", me.token(), Map.of());
        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.json().get("following").asBoolean()).isTrue();
        assertThat(atoll.http().postJson("/api/v1/tags/followme/follow", me.token(), Map.of()).status()).as("idempotent").isEqualTo(200);
        var brandNew = atoll.http().postJson("/api/v1/tags/brandnewtag/follow", me.token(), Map.of());
        assertThat(brandNew.json().get("name").asText()).isEqualTo("brandnewtag");

        var list = atoll.http().get("/api/v1/followed_tags", me.token());
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.json().get(0).get("name").asText()).isEqualTo("brandnewtag");
        var paged = atoll.http().get("/api/v1/followed_tags?limit=1", me.token());
        assertThat(paged.json().size()).isEqualTo(1);
        assertThat(paged.header("Link")).contains("rel=\"next\"");

        var unfollowed = atoll.http().postJson("/api/v1/tags/followme/unfollow", me.token(), Map.of());
        assertThat(unfollowed.json().get("following").asBoolean()).isFalse();
        assertThat(atoll.http().get("/api/v1/followed_tags", me.token()).json().size()).isEqualTo(1);
        assertThat(atoll.http().postJson("/api/v1/tags/followme/follow", null, Map.of()).status()).isEqualTo(401);
        assertThat(atoll.http().get("/api/v1/followed_tags", atoll.createUser("tag_scoped", "read:statuses")).status()).isEqualTo(403);
    }
}
