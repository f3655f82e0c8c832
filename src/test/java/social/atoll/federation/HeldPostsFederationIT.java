package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.moderation.ActionLog;
import social.atoll.core.moderation.DomainModeration;
import social.atoll.core.moderation.HeldPost;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The spam defence with two real Atoll instances: a first-time remote account whose post mentions three people on
 * {@code a} it has no relation with is held (no one is notified, the post waits in the moderators' queue) until a
 * moderator releases it (then they are), or discards it; a remote account someone here follows, or a post
 * mentioning only two people, is not held. And "approval for new servers": a server {@code a} meets for the first
 * time with the setting on starts limited until the block is lifted.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class HeldPostsFederationIT {

    private TestInstance a;
    private TestInstance b;
    private final Map<String, String> locals = new java.util.LinkedHashMap<>();
    private StaffAccess.Actor moderator;

    @BeforeAll
    void start() {
        a = Fed.start();
        b = Fed.start();
        for (String name : List.of("hp_ann", "hp_ben", "hp_cat")) {
            locals.put(name, a.createUser(name));
            // b knows them before its people mention them
            assertThat(b.app().federation.actorResolver.byAcct(name, a.domain())).isPresent();
        }
        User mod = a.app().core.accountService.createLocal(new NewLocalAccount("hp_mod", "hp_mod@example.test", "password-hp-mod",
                User.Role.MODERATOR, true, true, "en", null, null), true);
        moderator = a.app().core.roles.actor(mod.accountId(), mod);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
    }

    private String post(String token, String text) {
        var r = b.http().postJson("/api/v1/statuses", token, Map.of("status", text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String uri = r.json().get("uri").asText();
        Await.until("a has the post", () -> statusId(uri) != null);
        Fed.awaitInboxIdle(a);
        return uri;
    }

    private Long statusId(String uri) {
        return a.app().infra.db.read(h -> h.createQuery("SELECT id FROM statuses WHERE uri = :u").bind("u", uri).mapTo(Long.class).findOne()
                .orElse(null));
    }

    private String mentions(String... names) {
        StringBuilder s = new StringBuilder();
        for (String n : names) s.append(" @").append(n).append('@').append(a.domain());
        return s.toString();
    }

    private boolean mentioned(String name, long statusId) {
        JsonNode list = a.http().get("/api/v1/notifications?types[]=mention&include_filtered=true", locals.get(name)).json();
        for (JsonNode n : list) if (n.get("status") != null && n.get("status").get("id").asText().equals(Long.toString(statusId))) return true;
        return false;
    }

    private boolean queued(long statusId) {
        return a.app().core.heldPosts.list(moderator, null, 100).stream().anyMatch(p -> p.statusId() == statusId);
    }

    private List<ActionLog> audit(String action) {
        return a.app().core.actionLog.list(null, null, 200).stream().filter(l -> l.action().equals(action)).toList();
    }

    @Test
    void aNewStrangerMentioningThreePeopleIsHeldUntilReleased() {
        String spammer = b.createUser("hp_spammer");
        long held = statusId(post(spammer, "Cheap watches!" + mentions("hp_ann", "hp_ben", "hp_cat")));
        assertThat(queued(held)).isTrue();
        HeldPost p = a.app().core.heldPosts.list(moderator, null, 100).stream().filter(x -> x.statusId() == held).findFirst().orElseThrow();
        assertThat(p.mentions()).isEqualTo(3);
        for (String n : locals.keySet()) assertThat(mentioned(n, held)).as(n).isFalse();
        assertThat(a.app().core.heldPosts.count(moderator)).isPositive();

        a.app().core.heldPosts.release(moderator, held);
        for (String n : locals.keySet()) assertThat(mentioned(n, held)).as(n).isTrue();
        assertThat(queued(held)).isFalse();
        assertThat(audit("release")).anyMatch(l -> l.targetId() == held && moderator.accountId().equals(l.accountId()));

        long second = statusId(post(spammer, "Cheap watches again!" + mentions("hp_ann", "hp_ben", "hp_cat")));
        assertThat(queued(second)).isTrue();
        a.app().core.heldPosts.discard(moderator, second);
        assertThat(queued(second)).isFalse();
        for (String n : locals.keySet()) assertThat(mentioned(n, second)).as(n).isFalse();
        assertThat(audit("discard")).anyMatch(l -> l.targetId() == second);

        // acting on the account instead: a suspension settles what it still has waiting
        long third = statusId(post(spammer, "Last chance!" + mentions("hp_ann", "hp_ben", "hp_cat")));
        assertThat(queued(third)).isTrue();
        long spammerOnA = a.app().federation.actorResolver.byAcct("hp_spammer", b.domain()).orElseThrow().id();
        a.app().core.accountModeration.act(moderator, spammerOnA,
                new social.atoll.core.moderation.AccountModeration.ActionRequest("suspend", null, "spam", null, false));
        assertThat(queued(third)).isFalse();
    }

    @Test
    void knownPeopleAndShortMentionListsAreNotHeld() {
        String friend = b.createUser("hp_friend");
        String friendOnA = a.app().federation.actorResolver.byAcct("hp_friend", b.domain()).orElseThrow().id() + "";
        assertThat(a.http().postJson("/api/v1/accounts/" + friendOnA + "/follow", locals.get("hp_ann"), null).status()).isEqualTo(200);
        long fromFriend = statusId(post(friend, "Party tonight!" + mentions("hp_ann", "hp_ben", "hp_cat")));
        assertThat(queued(fromFriend)).isFalse();
        assertThat(mentioned("hp_cat", fromFriend)).isTrue();

        String chatty = b.createUser("hp_chatty");
        long two = statusId(post(chatty, "Hello you two" + mentions("hp_ann", "hp_ben")));
        assertThat(queued(two)).isFalse();
        assertThat(mentioned("hp_ben", two)).isTrue();
    }

    @Test
    void approvalForNewServersLimitsTheirAccountsUntilTheBlockIsLifted() throws Exception {
        var settings = a.app().core.serverSettings;
        settings.updateTexts(StaffAccess.Actor.SYSTEM, Map.of(SiteSettings.APPROVE_NEW_SERVERS, "true"));
        try (FakeFediServer remote = FakeFediServer.start()) {
            var actor = remote.actor("newcomer");
            String id = Fed.introduce(a, remote, actor);
            var block = a.app().core.domainModeration.blocks(StaffAccess.Actor.SYSTEM).stream()
                    .filter(d -> d.domain().equals(remote.domain())).findFirst().orElseThrow();
            assertThat(block.severity()).isEqualTo("silence");
            assertThat(block.privateComment()).isEqualTo(DomainModeration.NEW_SERVER_COMMENT);
            assertThat(a.app().core.accounts.byId(Long.parseLong(id)).orElseThrow().silenced()).isTrue();
            assertThat(audit("create")).anyMatch(l -> l.targetType().equals("DomainBlock") && l.accountId() == null
                    && remote.domain().equals(l.humanIdentifier()));

            // b was met before the setting: it is left alone, and its new accounts too
            assertThat(a.app().core.domainModeration.blocks(StaffAccess.Actor.SYSTEM)).noneMatch(d -> d.domain().equals(b.domain()));

            // approving the server: the block is lifted, and its accounts with it
            a.app().core.domainModeration.delete(moderatorAdmin(), block.id());
            assertThat(a.app().core.accounts.byId(Long.parseLong(id)).orElseThrow().silenced()).isFalse();
        } finally {
            settings.updateTexts(StaffAccess.Actor.SYSTEM, Map.of(SiteSettings.APPROVE_NEW_SERVERS, ""));
        }
    }

    private StaffAccess.Actor moderatorAdmin() {
        User admin = a.app().core.accountService.createLocal(new NewLocalAccount("hp_admin", "hp_admin@example.test", "password-hp-admin",
                User.Role.ADMIN, true, true, "en", null, null), true);
        return a.app().core.roles.actor(admin.accountId(), admin);
    }
}
