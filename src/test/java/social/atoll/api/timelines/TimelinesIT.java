package social.atoll.api.timelines;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.core.account.Account;
import social.atoll.core.follow.FollowOptions;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

class TimelinesIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static List<String> home(User u) { return home(u, ""); }

    private static List<String> home(User u, String query) {
        var r = atoll.http().get("/api/v1/timelines/home" + query, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ids(r.json());
    }

    private static void awaitHome(User u, String what, java.util.function.Predicate<List<String>> condition) {
        Await.until(what, () -> condition.test(home(u)));
    }

    @Test
    void postsFanOutToFollowersByVisibility() {
        User author = f.user("fan_author");
        User follower = f.user("fan_follower");
        User mentionedFollower = f.user("fan_mentioned");
        User stranger = f.user("fan_stranger");
        f.follow(follower, author);
        f.follow(mentionedFollower, author);

        String pub = f.post(author, "public", "public").get("id").asText();
        String priv = f.post(author, "private", "private").get("id").asText();
        String dm = f.post(author, "dm to @fan_mentioned", "direct").get("id").asText();
        String dmStranger = f.post(author, "dm to @fan_stranger", "direct").get("id").asText();
        String last = f.post(author, "unlisted", "unlisted").get("id").asText();

        // the author's own feed is written in the posting transaction
        assertThat(home(author)).containsExactly(last, dmStranger, dm, priv, pub);
        awaitHome(follower, "fan-out to the follower", ids -> ids.contains(last));
        awaitHome(mentionedFollower, "fan-out to the mentioned follower", ids -> ids.contains(last));
        assertThat(home(follower)).containsExactly(last, priv, pub);
        assertThat(home(mentionedFollower)).containsExactly(last, dm, priv, pub);
        assertThat(home(stranger)).isEmpty(); // mentioned but not following: a notification, not a feed entry

        // deleting removes it from every feed
        atoll.http().delete("/api/v1/statuses/" + priv, author.token());
        assertThat(home(follower)).containsExactly(last, pub);
        assertThat(home(author)).doesNotContain(priv);
    }

    @Test
    void repliesAndBoostsFollowMastodonsHomeRules() {
        User reader = f.user("rules_reader");
        User friend = f.user("rules_friend");
        User other = f.user("rules_other");
        User quiet = f.user("rules_quiet");
        f.follow(reader, friend);
        f.follow(reader, other);
        f.follow(reader, quiet, new FollowOptions(false, null, null));
        User unknown = f.user("rules_unknown");

        String fromUnknown = f.post(unknown, "outsider", "public").get("id").asText();
        String friendPost = f.post(friend, "friend post", "public").get("id").asText();
        String replyToUnknown = f.reply(friend, "reply to a stranger", fromUnknown, null).get("id").asText();
        String replyToOther = f.reply(friend, "reply to someone I follow", f.post(other, "other post", "public").get("id").asText(), null).get("id").asText();
        String selfReply = f.reply(friend, "thread continues", friendPost, null).get("id").asText();
        String replyToReader = f.reply(friend, "reply to the reader", f.post(reader, "mine", "public").get("id").asText(), null).get("id").asText();
        String boostByFriend = atoll.http().postJson("/api/v1/statuses/" + fromUnknown + "/reblog", friend.token(), null).json().get("id").asText();
        String boostByOther = atoll.http().postJson("/api/v1/statuses/" + fromUnknown + "/reblog", other.token(), null).json().get("id").asText();
        String quietBoost = atoll.http().postJson("/api/v1/statuses/" + friendPost + "/reblog", quiet.token(), null).json().get("id").asText();
        String marker = f.post(friend, "marker", "public").get("id").asText();

        awaitHome(reader, "fan-out of the marker", ids -> ids.contains(marker));
        Await.until("all fan-out jobs done", () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("home-feed.fanout", 0) == 0);
        List<String> feed = home(reader);
        assertThat(feed).contains(friendPost, replyToOther, selfReply, replyToReader, boostByFriend);
        assertThat(feed).doesNotContain(replyToUnknown, fromUnknown);
        assertThat(feed).as("a status boosted twice appears once").doesNotContain(boostByOther);
        assertThat(feed).as("boosts hidden for this followee").doesNotContain(quietBoost);

        var rendered = atoll.http().get("/api/v1/timelines/home?limit=40", reader.token()).json();
        for (var s : rendered) {
            if (s.get("id").asText().equals(boostByFriend)) assertThat(s.get("reblog").get("id").asText()).isEqualTo(fromUnknown);
        }
    }

    @Test
    void followBackFillsAndUnfollowCleansUp() {
        User author = f.user("bf_author");
        User reader = f.user("bf_reader");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) posted.add(0, f.post(author, "old " + i, "public").get("id").asText());
        String priv = f.post(author, "followers only", "private").get("id").asText();
        posted.add(0, priv);
        f.post(author, "dm elsewhere", "direct");
        assertThat(home(reader)).isEmpty();

        f.follow(reader, author);
        awaitHome(reader, "back-fill after follow", ids -> ids.size() == posted.size());
        assertThat(home(reader)).containsExactlyElementsOf(posted);

        f.unfollow(reader, author);
        assertThat(home(reader)).isEmpty();
        assertThat(atoll.http().get("/api/v1/statuses/" + priv, reader.token()).status()).isEqualTo(404);
    }

    @Test
    void homePagesInBothDirectionsWithLinkHeaders() {
        User author = f.user("page_author");
        User reader = f.user("page_reader");
        f.follow(reader, author);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) posted.add(0, f.post(author, "post " + i, "public").get("id").asText());
        awaitHome(reader, "fan-out of 5 posts", ids -> ids.size() == 5);

        var first = atoll.http().get("/api/v1/timelines/home?limit=2", reader.token());
        assertThat(ids(first.json())).containsExactly(posted.get(0), posted.get(1));
        String link = first.header("Link");
        String base = atoll.baseUrl() + "/api/v1/timelines/home?limit=2";
        assertThat(link).isEqualTo("<" + base + "&max_id=" + posted.get(1) + ">; rel=\"next\", <" + base + "&min_id=" + posted.get(0) + ">; rel=\"prev\"");
        String next = link.substring(1, link.indexOf('>'));
        var second = atoll.http().get(next, reader.token());
        assertThat(ids(second.json())).containsExactly(posted.get(2), posted.get(3));

        // min_id: the items right above the cursor, still newest first
        assertThat(home(reader, "?limit=2&min_id=" + posted.get(4))).containsExactly(posted.get(2), posted.get(3));
        // since_id: the newest items above the cursor
        assertThat(home(reader, "?limit=2&since_id=" + posted.get(4))).containsExactly(posted.get(0), posted.get(1));
        assertThat(home(reader, "?max_id=" + posted.get(1) + "&since_id=" + posted.get(4))).containsExactly(posted.get(2), posted.get(3));
        var empty = atoll.http().get("/api/v1/timelines/home?min_id=" + posted.get(0), reader.token());
        assertThat(empty.json()).isEmpty();
        assertThat(empty.header("Link")).isNull();

        assertThat(atoll.http().get("/api/v1/timelines/home").status()).isEqualTo(401);
        String appToken = atoll.app().core.tokens.issue(atoll.app().core.oauth.adminCliApp().id(), null,
                social.atoll.core.auth.Scopes.parse("read")).token();
        assertThat(atoll.http().get("/api/v1/timelines/home", appToken).status()).isEqualTo(422);
        assertThat(atoll.http().get("/api/v1/timelines/home", atoll.token(reader.id(), "write")).status()).isEqualTo(403);
    }

    @Test
    void publicTimelineShowsPublicOriginalsLocalOrAll() {
        try (TestInstance own = TestInstance.start()) {
            Fixtures g = new Fixtures(own);
            User alice = g.user("alice");
            User bob = g.user("bob");
            long remoteId = own.app().infra.ids.next();
            long remoteStatus = own.app().infra.ids.next();
            own.app().infra.db.write(h -> {
                h.createUpdate("INSERT INTO accounts (id, username, domain, acct_key, uri, url, created_at, updated_at) "
                                + "VALUES (:id, 'zed', 'remote.example', :k, 'https://remote.example/users/zed', 'https://remote.example/@zed', 0, 0)")
                        .bind("id", remoteId).bind("k", Account.key("zed", "remote.example")).execute();
                return h.createUpdate("INSERT INTO statuses (id, uri, url, account_id, local, content, visibility, created_at, updated_at) "
                                + "VALUES (:id, 'https://remote.example/notes/1', 'https://remote.example/@zed/1', :a, FALSE, '<p>remote</p>', 'public', 0, 0)")
                        .bind("id", remoteStatus).bind("a", remoteId).execute();
            });
            String pub = g.post(alice, "public", "public").get("id").asText();
            g.post(alice, "unlisted", "unlisted");
            g.post(alice, "private", "private");
            g.reply(bob, "reply to alice", pub, null);
            String selfReply = g.reply(alice, "my own thread", pub, null).get("id").asText();
            own.http().postJson("/api/v1/statuses/" + pub + "/reblog", bob.token(), null);
            String latest = g.post(bob, "bob public", "public").get("id").asText();

            assertThat(ids(own.http().get("/api/v1/timelines/public").json()))
                    .containsExactly(latest, selfReply, pub, Long.toString(remoteStatus));
            assertThat(ids(own.http().get("/api/v1/timelines/public?local=true", bob.token()).json()))
                    .containsExactly(latest, selfReply, pub);
            assertThat(ids(own.http().get("/api/v1/timelines/public?remote=true").json()))
                    .containsExactly(Long.toString(remoteStatus));
            assertThat(ids(own.http().get("/api/v1/timelines/public?only_media=true").json())).isEmpty();
            var page = own.http().get("/api/v1/timelines/public?local=true&limit=1");
            assertThat(page.header("Link")).contains("/api/v1/timelines/public?local=true&limit=1&max_id=" + latest);
        }
    }
}
