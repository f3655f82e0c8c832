package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.follow.FollowEvents;
import social.atoll.testing.TestInstance;

class FollowsIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    private record User(String token, String id) {}

    private static User user(String name) {
        String token = atoll.createUser(name);
        return new User(token, AccountsTestSupport.id(atoll, token));
    }

    private static JsonNode account(User u) { return atoll.http().get("/api/v1/accounts/" + u.id).json(); }

    private static JsonNode relationship(User viewer, User target) {
        var r = atoll.http().get("/api/v1/accounts/relationships?id[]=" + target.id, viewer.token);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get(0);
    }

    @Test
    void followAndUnfollowChangeCountsAndRelationshipsBothWays() {
        User ann = user("ann");
        User ben = user("ben");
        var r = atoll.http().postJson("/api/v1/accounts/" + ben.id + "/follow", ann.token, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(ben.id);
        assertThat(r.json().get("following").asBoolean()).isTrue();
        assertThat(r.json().get("showing_reblogs").asBoolean()).isTrue();
        assertThat(r.json().get("notifying").asBoolean()).isFalse();
        assertThat(r.json().get("requested").asBoolean()).isFalse();
        assertThat(r.json().get("note").asText()).isEmpty();
        assertThat(r.json().has("languages")).isTrue();

        assertThat(account(ann).get("following_count").asInt()).isEqualTo(1);
        assertThat(account(ben).get("followers_count").asInt()).isEqualTo(1);
        JsonNode back = relationship(ben, ann);
        assertThat(back.get("followed_by").asBoolean()).isTrue();
        assertThat(back.get("following").asBoolean()).isFalse();

        // Following twice changes nothing but the options given.
        var again = atoll.http().postJson("/api/v1/accounts/" + ben.id + "/follow", ann.token,
                Map.of("reblogs", false, "notify", true, "languages", List.of("en", "fr")));
        assertThat(again.json().get("showing_reblogs").asBoolean()).isFalse();
        assertThat(again.json().get("notifying").asBoolean()).isTrue();
        assertThat(again.json().get("languages").get(1).asText()).isEqualTo("fr");
        assertThat(account(ben).get("followers_count").asInt()).isEqualTo(1);
        var keep = atoll.http().postForm("/api/v1/accounts/" + ben.id + "/follow", ann.token, Map.of("notify", "0"));
        assertThat(keep.json().get("showing_reblogs").asBoolean()).as("not given: kept").isFalse();
        assertThat(keep.json().get("notifying").asBoolean()).isFalse();

        var un = atoll.http().postJson("/api/v1/accounts/" + ben.id + "/unfollow", ann.token, null);
        assertThat(un.status()).isEqualTo(200);
        assertThat(un.json().get("following").asBoolean()).isFalse();
        assertThat(un.json().get("languages").isNull()).isTrue();
        assertThat(account(ann).get("following_count").asInt()).isZero();
        assertThat(account(ben).get("followers_count").asInt()).isZero();
        assertThat(relationship(ben, ann).get("followed_by").asBoolean()).isFalse();
        // Unfollowing again is harmless.
        assertThat(atoll.http().postJson("/api/v1/accounts/" + ben.id + "/unfollow", ann.token, null).status()).isEqualTo(200);
        assertThat(account(ben).get("followers_count").asInt()).isZero();
    }

    @Test
    void forbiddenAndUnknownFollows() {
        User self = user("selfish");
        var r = atoll.http().postJson("/api/v1/accounts/" + self.id + "/follow", self.token, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("This action is not allowed");
        assertThat(atoll.http().postJson("/api/v1/accounts/12345/follow", self.token, null).status()).isEqualTo(404);

        User blocker = user("blocker");
        atoll.app().infra.db.write(h -> h.createUpdate("INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (1, :a, :b, 0)")
                .bind("a", Long.parseLong(blocker.id)).bind("b", Long.parseLong(self.id)).execute());
        assertThat(atoll.http().postJson("/api/v1/accounts/" + blocker.id + "/follow", self.token, null).status()).isEqualTo(403);
        assertThat(atoll.http().postJson("/api/v1/accounts/" + self.id + "/follow", blocker.token, null).status()).isEqualTo(403);
        JsonNode rel = relationship(self, blocker);
        assertThat(rel.get("blocked_by").asBoolean()).isTrue();
        assertThat(rel.get("blocking").asBoolean()).isFalse();
        assertThat(relationship(blocker, self).get("blocking").asBoolean()).isTrue();

        String readOnly = atoll.createUser("onlyreads", "read");
        assertThat(atoll.http().postJson("/api/v1/accounts/" + self.id + "/follow", readOnly, null).status()).isEqualTo(403);
        assertThat(atoll.http().postJson("/api/v1/accounts/" + self.id + "/follow", null, null).status()).isEqualTo(401);
    }

    @Test
    void lockedAccountsReceiveRequestsThatCanBeAuthorized() {
        User locked = user("castle");
        User fan = user("fan");
        atoll.http().patchJson("/api/v1/accounts/update_credentials", locked.token, Map.of("locked", true));

        var r = atoll.http().postJson("/api/v1/accounts/" + locked.id + "/follow", fan.token, Map.of("notify", true));
        assertThat(r.json().get("following").asBoolean()).isFalse();
        assertThat(r.json().get("requested").asBoolean()).isTrue();
        assertThat(r.json().get("notifying").asBoolean()).isTrue();
        assertThat(account(locked).get("followers_count").asInt()).isZero();
        assertThat(relationship(locked, fan).get("requested_by").asBoolean()).isTrue();
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", locked.token).json()
                .get("source").get("follow_requests_count").asInt()).isEqualTo(1);

        var list = atoll.http().get("/api/v1/follow_requests", locked.token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).get("id").asText()).isEqualTo(fan.id);

        var ok = atoll.http().postJson("/api/v1/follow_requests/" + fan.id + "/authorize", locked.token, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("followed_by").asBoolean()).isTrue();
        assertThat(ok.json().get("requested_by").asBoolean()).isFalse();
        assertThat(relationship(fan, locked).get("following").asBoolean()).isTrue();
        assertThat(relationship(fan, locked).get("notifying").asBoolean()).as("options carried over").isTrue();
        assertThat(account(locked).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(fan).get("following_count").asInt()).isEqualTo(1);
        assertThat(atoll.http().get("/api/v1/follow_requests", locked.token).json().size()).isZero();
        assertThat(atoll.http().postJson("/api/v1/follow_requests/" + fan.id + "/authorize", locked.token, null).status()).isEqualTo(404);
    }

    @Test
    void requestsCanBeRejectedOrWithdrawn() {
        User locked = user("keep");
        User asker = user("asker");
        User other = user("other_asker");
        atoll.http().patchJson("/api/v1/accounts/update_credentials", locked.token, Map.of("locked", true));
        atoll.http().postJson("/api/v1/accounts/" + locked.id + "/follow", asker.token, null);
        atoll.http().postJson("/api/v1/accounts/" + locked.id + "/follow", other.token, null);

        var no = atoll.http().postJson("/api/v1/follow_requests/" + asker.id + "/reject", locked.token, null);
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.json().get("requested_by").asBoolean()).isFalse();
        assertThat(no.json().get("followed_by").asBoolean()).isFalse();
        assertThat(relationship(asker, locked).get("requested").asBoolean()).isFalse();

        var withdrawn = atoll.http().postJson("/api/v1/accounts/" + locked.id + "/unfollow", other.token, null);
        assertThat(withdrawn.json().get("requested").asBoolean()).isFalse();
        assertThat(atoll.http().get("/api/v1/follow_requests", locked.token).json().size()).isZero();
        assertThat(account(locked).get("followers_count").asInt()).isZero();
    }

    @Test
    void unlockingAcceptsWaitingRequests() {
        User locked = user("drawbridge");
        User knight = user("knight");
        atoll.http().patchJson("/api/v1/accounts/update_credentials", locked.token, Map.of("locked", true));
        atoll.http().postJson("/api/v1/accounts/" + locked.id + "/follow", knight.token, null);
        atoll.http().patchJson("/api/v1/accounts/update_credentials", locked.token, Map.of("locked", false));
        assertThat(relationship(knight, locked).get("following").asBoolean()).isTrue();
        assertThat(account(locked).get("followers_count").asInt()).isEqualTo(1);
    }

    @Test
    void everyChangeIsAnnouncedOnceAfterCommit() {
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        atoll.app().infra.events.afterCommit(Object.class, e -> {
            if (e.getClass().getEnclosingClass() == FollowEvents.class) seen.add(e);
        });
        User host = user("announcer");
        User guest = user("guest");
        long h = Long.parseLong(host.id);
        long g = Long.parseLong(guest.id);
        atoll.http().postJson("/api/v1/accounts/" + host.id + "/follow", guest.token, null);
        atoll.http().postJson("/api/v1/accounts/" + host.id + "/follow", guest.token, Map.of("reblogs", false));
        atoll.http().postJson("/api/v1/accounts/" + host.id + "/unfollow", guest.token, null);
        atoll.http().patchJson("/api/v1/accounts/update_credentials", host.token, Map.of("locked", true));
        atoll.http().postJson("/api/v1/accounts/" + host.id + "/follow", guest.token, null);
        atoll.http().postJson("/api/v1/follow_requests/" + guest.id + "/reject", host.token, null);
        atoll.http().postJson("/api/v1/accounts/" + host.id + "/follow", guest.token, null);
        atoll.http().postJson("/api/v1/follow_requests/" + guest.id + "/authorize", host.token, null);
        assertThat(seen).containsExactly(
                new FollowEvents.Followed(g, h, true),
                new FollowEvents.Unfollowed(g, h),
                new FollowEvents.FollowRequested(g, h),
                new FollowEvents.FollowRequestRejected(g, h),
                new FollowEvents.FollowRequested(g, h),
                new FollowEvents.Followed(g, h, true));
    }

    @Test
    void relationshipsComeOnePerIdInTheOrderAsked() {
        User me = user("asking");
        User x = user("rel_x");
        User y = user("rel_y");
        User z = user("rel_z");
        atoll.http().postJson("/api/v1/accounts/" + y.id + "/follow", me.token, null);
        atoll.http().postJson("/api/v1/accounts/" + me.id + "/follow", z.token, null);
        var r = atoll.http().get("/api/v1/accounts/relationships?id[]=" + z.id + "&id[]=777&id[]=" + x.id + "&id[]=" + y.id, me.token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(3);
        assertThat(r.json().get(0).get("id").asText()).isEqualTo(z.id);
        assertThat(r.json().get(0).get("followed_by").asBoolean()).isTrue();
        assertThat(r.json().get(1).get("id").asText()).isEqualTo(x.id);
        assertThat(r.json().get(1).get("following").asBoolean()).isFalse();
        assertThat(r.json().get(2).get("id").asText()).isEqualTo(y.id);
        assertThat(r.json().get(2).get("following").asBoolean()).isTrue();

        // A single id without brackets works too; reading relationships needs a user token with read:follows.
        assertThat(atoll.http().get("/api/v1/accounts/relationships?id=" + y.id, me.token).json().get(0).get("following").asBoolean()).isTrue();
        assertThat(atoll.http().get("/api/v1/accounts/relationships?id[]=" + y.id).status()).isEqualTo(401);
        String noFollows = atoll.createUser("nofollows", "write");
        assertThat(atoll.http().get("/api/v1/accounts/relationships?id[]=" + y.id, noFollows).status()).isEqualTo(403);
    }
}
