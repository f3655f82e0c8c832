package social.atoll.api.relationships;

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

/** Blocks, mutes, domain blocks, notes, endorsements and remove_from_followers through the API. */
class RelationshipsIT {

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

    private static List<String> timeline(String path, User u) {
        var r = http().get(path, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ids(r.json());
    }

    private static JsonNode relationship(User viewer, User target) {
        return http().get("/api/v1/accounts/relationships?id[]=" + target.id(), viewer.token()).json().get(0);
    }

    @Test
    void blockEndsFollowsBothWaysAndHidesTheBlockedEverywhere() {
        User me = f.user("blk_me");
        User pest = f.user("blk_pest");
        f.follow(me, pest);
        f.follow(pest, me);
        String post = f.post(pest, "hello from the pest", "public").get("id").asText();
        Await.until("fan-out to me", () -> timeline("/api/v1/timelines/home", me).contains(post));
        http().postJson("/api/v1/statuses/" + f.post(me, "mine", "public").get("id").asText() + "/favourite", pest.token(), null);
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE account_id = " + me.id() + " AND from_account_id = " + pest.id())).isPositive();

        var r = http().postJson("/api/v1/accounts/" + pest.idString() + "/block", me.token(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("blocking").asBoolean()).isTrue();
        assertThat(r.json().get("following").asBoolean()).isFalse();
        assertThat(r.json().get("followed_by").asBoolean()).isFalse();
        assertThat(relationship(pest, me).get("blocked_by").asBoolean()).isTrue();
        assertThat(relationship(pest, me).get("following").asBoolean()).isFalse();
        assertThat(http().get("/api/v1/accounts/" + me.idString(), null).json().get("followers_count").asInt()).isZero();

        assertThat(timeline("/api/v1/timelines/home", me)).doesNotContain(post);
        assertThat(timeline("/api/v1/timelines/public", me)).doesNotContain(post);
        assertThat(timeline("/api/v1/timelines/public", f.user("blk_bystander"))).contains(post);
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE account_id = " + me.id() + " AND from_account_id = " + pest.id())).isZero();
        // the blocked cannot follow back
        assertThat(http().postJson("/api/v1/accounts/" + me.idString() + "/follow", pest.token(), null).status()).isEqualTo(403);

        var list = http().get("/api/v1/blocks", me.token());
        assertThat(ids(list.json())).containsExactly(pest.idString());
        var un = http().postJson("/api/v1/accounts/" + pest.idString() + "/unblock", me.token(), null);
        assertThat(un.json().get("blocking").asBoolean()).isFalse();
        assertThat(http().get("/api/v1/blocks", me.token()).json()).isEmpty();
    }

    @Test
    void blocksPageBothWaysOnTheHiddenCursor() {
        User me = f.user("pg_me");
        List<User> targets = List.of(f.user("pg_a"), f.user("pg_b"), f.user("pg_c"));
        for (User t : targets) http().postJson("/api/v1/accounts/" + t.idString() + "/block", me.token(), null);
        var first = http().get("/api/v1/blocks?limit=2", me.token());
        assertThat(ids(first.json())).containsExactly(targets.get(2).idString(), targets.get(1).idString());
        String link = first.header("Link");
        assertThat(link).startsWith("<" + atoll.baseUrl() + "/api/v1/blocks?limit=2&max_id=");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).substring(atoll.baseUrl().length());
        var second = http().get(next, me.token());
        assertThat(ids(second.json())).containsExactly(targets.get(0).idString());
        String prevLink = second.header("Link");
        String prev = prevLink.substring(prevLink.lastIndexOf('<') + 1, prevLink.lastIndexOf('>')).substring(atoll.baseUrl().length());
        assertThat(ids(http().get(prev, me.token()).json())).containsExactly(targets.get(2).idString(), targets.get(1).idString());
    }

    @Test
    void mutesAndDomainBlocksPageBothWays() {
        User me = f.user("pgm_me");
        List<User> targets = List.of(f.user("pgm_a"), f.user("pgm_b"), f.user("pgm_c"));
        for (User t : targets) http().postJson("/api/v1/accounts/" + t.idString() + "/mute", me.token(), null);
        for (String d : List.of("one.example", "two.example", "three.example")) http().postForm("/api/v1/domain_blocks", me.token(), Map.of("domain", d));

        var mutes = http().get("/api/v1/mutes?limit=2", me.token());
        assertThat(ids(mutes.json())).containsExactly(targets.get(2).idString(), targets.get(1).idString());
        var older = http().get(path(mutes.header("Link"), "next"), me.token());
        assertThat(ids(older.json())).containsExactly(targets.get(0).idString());
        assertThat(ids(http().get(path(older.header("Link"), "prev"), me.token()).json()))
                .containsExactly(targets.get(2).idString(), targets.get(1).idString());

        var domains = http().get("/api/v1/domain_blocks?limit=1", me.token());
        assertThat(domains.json().get(0).asText()).isEqualTo("three.example");
        var next = http().get(path(domains.header("Link"), "next"), me.token());
        assertThat(next.json().get(0).asText()).isEqualTo("two.example");
        assertThat(http().get(path(next.header("Link"), "prev"), me.token()).json().get(0).asText()).isEqualTo("three.example");
    }

    /** The path of the {@code next} or {@code prev} URL of a Link header. */
    private static String path(String link, String rel) {
        for (String part : link.split(",")) {
            if (part.contains("rel=\"" + rel + "\"")) {
                String url = part.substring(part.indexOf('<') + 1, part.indexOf('>'));
                return url.substring(atoll.baseUrl().length());
            }
        }
        throw new AssertionError("no " + rel + " in " + link);
    }

    @Test
    void threadsLeaveOutRepliesOfBlockedAndMutedAccounts() {
        User me = f.user("thr_me");
        User rude = f.user("thr_rude");
        User noisy = f.user("thr_noisy");
        User nice = f.user("thr_nice");
        String root = f.post(me, "a thread", "public").get("id").asText();
        String rudeReply = f.reply(rude, "@thr_me rude", root, "public").get("id").asText();
        String noisyReply = f.reply(noisy, "@thr_me noisy", root, "public").get("id").asText();
        String niceReply = f.reply(nice, "@thr_me nice", root, "public").get("id").asText();
        http().postJson("/api/v1/accounts/" + rude.idString() + "/block", me.token(), null);
        http().postJson("/api/v1/accounts/" + noisy.idString() + "/mute", me.token(), null);

        assertThat(ids(http().get("/api/v1/statuses/" + root + "/context", me.token()).json().get("descendants")))
                .containsExactly(niceReply);
        assertThat(ids(http().get("/api/v1/statuses/" + root + "/context", nice.token()).json().get("descendants")))
                .contains(rudeReply, noisyReply, niceReply);
        assertThat(ids(http().get("/api/v1/statuses/" + niceReply + "/context", noisy.token()).json().get("ancestors")))
                .as("muting is one-way").containsExactly(root);
    }

    @Test
    void muteHidesFromHomeButNotFromTheProfile() {
        User me = f.user("mute_me");
        User loud = f.user("mute_loud");
        f.follow(me, loud);
        String before = f.post(loud, "before the mute", "public").get("id").asText();
        Await.until("fan-out", () -> timeline("/api/v1/timelines/home", me).contains(before));

        var r = http().postJson("/api/v1/accounts/" + loud.idString() + "/mute", me.token(), Map.of("notifications", false, "duration", 3600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("muting").asBoolean()).isTrue();
        assertThat(r.json().get("muting_notifications").asBoolean()).isFalse();
        assertThat(r.json().get("following").asBoolean()).as("a mute keeps the follow").isTrue();
        String after = f.post(loud, "after the mute", "public").get("id").asText();
        User other = f.user("mute_marker");
        f.follow(me, other);
        String marker = f.post(other, "marker", "public").get("id").asText();
        Await.until("the marker arrives (so the muted post would have too)", () -> timeline("/api/v1/timelines/home", me).contains(marker));

        assertThat(timeline("/api/v1/timelines/home", me)).doesNotContain(before, after);
        assertThat(timeline("/api/v1/timelines/public", me)).doesNotContain(after).contains(marker);
        assertThat(timeline("/api/v1/accounts/" + loud.idString() + "/statuses", me)).contains(before, after);

        JsonNode mutes = http().get("/api/v1/mutes", me.token()).json();
        assertThat(ids(mutes)).containsExactly(loud.idString());
        assertThat(mutes.get(0).get("mute_expires_at").asText()).endsWith("Z");
        assertThat(mutes.get(0).get("username").asText()).isEqualTo("mute_loud");

        http().postJson("/api/v1/accounts/" + loud.idString() + "/unmute", me.token(), null);
        assertThat(http().get("/api/v1/mutes", me.token()).json()).isEmpty();
        Await.until("unmute brings the posts back", () -> timeline("/api/v1/timelines/home", me).containsAll(List.of(before, after)));

        // forever, with notifications hidden
        var forever = http().postForm("/api/v1/accounts/" + loud.idString() + "/mute", me.token(), Map.of("notifications", "1"));
        assertThat(forever.json().get("muting_notifications").asBoolean()).isTrue();
        assertThat(http().get("/api/v1/mutes", me.token()).json().get(0).get("mute_expires_at").isNull()).isTrue();
    }

    @Test
    void domainBlockHidesTheDomainAndEndsFollowsWithIt() {
        User me = f.user("dom_me");
        long remote = remoteAccount("someone", "spam.example");
        long remoteStatus = remoteStatus(remote);
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, 0)")
                    .bind("id", atoll.app().infra.ids.next()).bind("a", me.id()).bind("t", remote).execute();
            h.createUpdate("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, 0)")
                    .bind("id", atoll.app().infra.ids.next()).bind("a", remote).bind("t", me.id()).execute();
            return h.createUpdate("INSERT INTO home_feed (account_id, status_id, author_id) VALUES (:a, :s, :r)")
                    .bind("a", me.id()).bind("s", remoteStatus).bind("r", remote).execute();
        });
        assertThat(timeline("/api/v1/timelines/home", me)).contains(Long.toString(remoteStatus));
        assertThat(timeline("/api/v1/timelines/public", me)).contains(Long.toString(remoteStatus));

        var r = http().postForm("/api/v1/domain_blocks", me.token(), Map.of("domain", "Spam.Example"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(timeline("/api/v1/timelines/home", me)).doesNotContain(Long.toString(remoteStatus));
        assertThat(timeline("/api/v1/timelines/public", me)).doesNotContain(Long.toString(remoteStatus));
        assertThat(f.count("SELECT COUNT(*) FROM follows WHERE account_id = " + me.id() + " OR target_account_id = " + me.id())).isZero();
        assertThat(http().get("/api/v1/accounts/relationships?id[]=" + remote, me.token()).json().get(0).get("domain_blocking").asBoolean()).isTrue();
        assertThat(http().get("/api/v1/domain_blocks", me.token()).json().get(0).asText()).isEqualTo("spam.example");

        assertThat(http().postForm("/api/v1/domain_blocks", me.token(), Map.of()).status()).isEqualTo(400);
        assertThat(http().send("DELETE", "/api/v1/domain_blocks", me.token(), "{\"domain\":\"spam.example\"}", "application/json").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/domain_blocks", me.token()).json()).isEmpty();
        assertThat(timeline("/api/v1/timelines/public", me)).contains(Long.toString(remoteStatus));
    }

    @Test
    void notesEndorsementsAndRemovingFollowers() {
        User me = f.user("note_me");
        User friend = f.user("note_friend");
        var noted = http().postJson("/api/v1/accounts/" + friend.idString() + "/note", me.token(), Map.of("comment", "met at the conference"));
        assertThat(noted.json().get("note").asText()).isEqualTo("met at the conference");
        assertThat(relationship(me, friend).get("note").asText()).isEqualTo("met at the conference");
        assertThat(relationship(friend, me).get("note").asText()).isEmpty();
        assertThat(http().postJson("/api/v1/accounts/" + friend.idString() + "/note", me.token(), Map.of("comment", "")).json().get("note").asText()).isEmpty();

        assertThat(http().postJson("/api/v1/accounts/" + friend.idString() + "/endorse", me.token(), null).status()).as("must follow first").isEqualTo(422);
        f.follow(me, friend);
        var endorsed = http().postJson("/api/v1/accounts/" + friend.idString() + "/pin", me.token(), null);
        assertThat(endorsed.json().get("endorsed").asBoolean()).isTrue();
        assertThat(ids(http().get("/api/v1/endorsements", me.token()).json())).containsExactly(friend.idString());
        assertThat(ids(http().get("/api/v1/accounts/" + me.idString() + "/endorsements").json())).containsExactly(friend.idString());
        assertThat(http().postJson("/api/v1/accounts/" + friend.idString() + "/unpin", me.token(), null).json().get("endorsed").asBoolean()).isFalse();
        assertThat(http().get("/api/v1/endorsements", me.token()).json()).isEmpty();

        f.follow(friend, me);
        var removed = http().postJson("/api/v1/accounts/" + friend.idString() + "/remove_from_followers", me.token(), null);
        assertThat(removed.json().get("followed_by").asBoolean()).isFalse();
        assertThat(removed.json().get("following").asBoolean()).isTrue();
    }

    @Test
    void scopesAndUnknownAccounts() {
        User me = f.user("scope_me");
        User other = f.user("scope_other");
        String readOnly = atoll.createUser("scope_reader", "read");
        assertThat(http().postJson("/api/v1/accounts/" + other.idString() + "/block", readOnly, null).status()).isEqualTo(403);
        assertThat(http().postJson("/api/v1/accounts/" + other.idString() + "/mute", readOnly, null).status()).isEqualTo(403);
        assertThat(http().postForm("/api/v1/domain_blocks", readOnly, Map.of("domain", "x.example")).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/blocks", atoll.createUser("scope_writer", "write")).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/mutes", null).status()).isEqualTo(401);
        assertThat(http().postJson("/api/v1/accounts/999999/block", me.token(), null).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/accounts/999999/mute", me.token(), null).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/accounts/" + me.idString() + "/block", me.token(), null).status()).isEqualTo(403);
        assertThat(http().postForm("/api/v1/domain_blocks", me.token(), Map.of("domain", "not a domain")).status()).isEqualTo(422);
    }

    private static long remoteAccount(String username, String domain) {
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, created_at, updated_at)
                        VALUES (:id, :u, :d, :k, :uri, 0, 0)""")
                .bind("id", id).bind("u", username).bind("d", domain).bind("k", username + "@" + domain)
                .bind("uri", "https://" + domain + "/users/" + username).execute());
        return id;
    }

    private static long remoteStatus(long accountId) {
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO statuses (id, uri, account_id, local, content, visibility, created_at, updated_at)
                        VALUES (:id, :uri, :a, FALSE, '<p>buy now</p>', 'public', :now, :now)""")
                .bind("id", id).bind("uri", "https://remote.example/statuses/" + id).bind("a", accountId)
                .bind("now", java.time.Instant.now()).execute());
        return id;
    }
}
