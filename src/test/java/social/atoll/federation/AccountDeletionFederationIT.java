package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.deletion.SuspensionGraceSweep;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Deleting a local account across two real Atoll servers: the person deletes it (password checked), staff delete a
 * suspended one through Mastodon's admin API, the grace sweep deletes one suspended for longer than the grace
 * period. Each time server B, which followed the account and held its posts and a cached copy of its media, removes
 * the account, its posts, follows and media on receiving the {@code Delete} of the actor; on A the purge job leaves a
 * stub that keeps the username reserved and answers 410 for the actor.
 */
class AccountDeletionFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static String adminOnA;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        User admin = a.app().core.accountService.createLocal(new NewLocalAccount("ad_admin", "ad_admin@example.test", "password-admin",
                User.Role.ADMIN, true, true, "en", null, null), true);
        adminOnA = a.token(admin.accountId(), "read write admin:read admin:write");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static int count(TestInstance on, String sql, Object id) {
        return on.app().infra.db.read(h -> h.createQuery(sql).bind("id", id).mapTo(Integer.class).one());
    }

    /** The status of the actor document, as another server asks for it. */
    private static int actor(String username) {
        return a.http().send("GET", "/users/" + username, null, null, null, Map.of("Accept", "application/activity+json")).status();
    }

    private static int statusesOf(TestInstance on, String accountId) {
        return count(on, "SELECT COUNT(*) FROM statuses WHERE account_id = :id", Long.parseLong(accountId));
    }

    private static int mediaOf(TestInstance on, String accountId) {
        return count(on, "SELECT COUNT(*) FROM media_attachments WHERE account_id = :id", Long.parseLong(accountId));
    }

    private static int followsOf(TestInstance on, String accountId) {
        return count(on, "SELECT COUNT(*) FROM follows WHERE account_id = :id OR target_account_id = :id", Long.parseLong(accountId));
    }

    /** A local account on A followed by one on B and following another there, with a post carrying an image and a text post. */
    private record Scene(String token, String id, String idOnB, String fanToken, List<String> uris) {}

    private static Scene scene(String name) throws Exception {
        String token = a.createUser(name);
        String id = Fed.accountId(a, token);
        String fan = b.createUser(name + "_fan");
        String idOnB = b.app().federation.actorResolver.byAcct(name, a.domain()).orElseThrow().id() + "";
        var follow = b.http().postJson("/api/v1/accounts/" + idOnB + "/follow", fan, null);
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        Await.until(name + " is followed from B", () -> count(a, "SELECT COUNT(*) FROM follows WHERE target_account_id = :id", Long.parseLong(id)) == 1);
        String fanOnA = a.app().federation.actorResolver.byAcct(name + "_fan", b.domain()).orElseThrow().id() + "";
        assertThat(a.http().postJson("/api/v1/accounts/" + fanOnA + "/follow", token, null).status()).isEqualTo(200);

        String mediaId = upload(token);
        var withImage = a.http().postJson("/api/v1/statuses", token, Map.of("status", "a picture", "media_ids", List.of(mediaId)));
        assertThat(withImage.status()).as(withImage.body()).isEqualTo(200);
        var plain = a.http().postJson("/api/v1/statuses", token, Map.of("status", "hello from " + name));
        List<String> uris = List.of(withImage.json().get("uri").asText(), plain.json().get("uri").asText());
        Await.until("B holds " + name + "'s posts", () -> statusesOf(b, idOnB) == 2);
        Await.until("B caches the image of " + name + "'s post", () -> mediaOf(b, idOnB) >= 1);
        // the fan favourites a post: its server interacted
        String onB = b.http().get("/api/v1/accounts/" + idOnB + "/statuses", fan).json().get(0).get("id").asText();
        assertThat(b.http().postJson("/api/v1/statuses/" + onB + "/favourite", fan, null).status()).isEqualTo(200);
        Fed.awaitDeliveries(b);
        Fed.awaitInboxIdle(a);
        return new Scene(token, id, idOnB, fan, uris);
    }

    private static String upload(String token) throws Exception {
        var img = new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String boundary = "atoll-deletion-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v2/media"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
        String id = a.app().infra.json.readTree(r.body()).get("id").asText();
        Await.until("media processed", () -> a.http().get("/api/v1/media/" + id, token).status() == 200);
        return id;
    }

    /** What B shows once the Delete of the actor has arrived: the account suspended, its posts, follows and media gone. */
    private static void goneOnB(Scene s) {
        Await.until("B removes the deleted account's posts", () -> statusesOf(b, s.idOnB()) == 0);
        Fed.awaitInboxIdle(b);
        assertThat(followsOf(b, s.idOnB())).isZero();
        assertThat(mediaOf(b, s.idOnB())).isZero();
        assertThat(b.http().get("/api/v1/accounts/verify_credentials", s.fanToken()).json().get("following_count").asInt()).isZero();
        var seen = b.http().get("/api/v1/accounts/" + s.idOnB(), s.fanToken());
        assertThat(seen.json().path("suspended").asBoolean()).as(seen.body()).isTrue();
        for (String uri : s.uris()) assertThat(count(b, "SELECT COUNT(*) FROM statuses WHERE uri = :id", uri)).isZero();
    }

    /** What A keeps once the purge job is done: a stub with the name reserved, and nothing else. */
    private static void purgedOnA(Scene s, String name) {
        Await.until("the purge of " + name + " finishes", () -> a.app().core.accountDeletionStore.finished(Long.parseLong(s.id())));
        assertThat(statusesOf(a, s.id())).isZero();
        assertThat(mediaOf(a, s.id())).isZero();
        assertThat(followsOf(a, s.id())).isZero();
        assertThat(count(a, "SELECT COUNT(*) FROM users WHERE account_id = :id", Long.parseLong(s.id()))).isZero();
        assertThat(actor(name)).isEqualTo(410);
        assertThat(a.http().get("/api/v1/accounts/verify_credentials", s.token()).status()).isEqualTo(401);
        // the name stays taken: neither the API nor the web sign-up give it out again
        assertThat(a.app().core.accounts.byAcct(name, null)).isPresent();
        var api = a.http().postJson("/api/v1/apps", null, Map.of("client_name", "t", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", "read write"));
        var appToken = a.http().postForm("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", api.json().get("client_id").asText(), "client_secret", api.json().get("client_secret").asText(), "scope", "read write"));
        var reg = a.http().postJson("/api/v1/accounts", appToken.json().get("access_token").asText(), Map.of("username", name,
                "email", name + "-again@example.test", "password", "a long fresh password", "agreement", true, "locale", "en"));
        assertThat(reg.status()).as(reg.body()).isEqualTo(422);
        assertThat(reg.json().at("/details/username/0/error").asText()).isEqualTo("ERR_TAKEN");
        // and it cannot be unsuspended: there is nothing left to restore
        assertThat(a.http().postJson("/api/v1/admin/accounts/" + s.id() + "/unsuspend", adminOnA, null).status()).isEqualTo(403);
    }

    @Test
    void aPersonDeletesTheirAccountAndTheOtherServerRemovesItAndItsPosts() throws Exception {
        Scene s = scene("ad_alice");
        var wrong = org.junit.jupiter.api.Assertions.assertThrows(social.atoll.core.common.ValidationException.class,
                () -> a.app().core.accountDeletion.deleteOwn(Long.parseLong(s.id()), "not my password"));
        assertThat(wrong.getMessage()).contains("Password");
        assertThat(a.http().get("/api/v1/accounts/verify_credentials", s.token()).status()).isEqualTo(200);

        a.app().core.accountDeletion.deleteOwn(Long.parseLong(s.id()), "password-ad_alice");
        // at once: signed out, gone for other servers
        assertThat(a.http().get("/api/v1/accounts/verify_credentials", s.token()).status()).isEqualTo(401);
        assertThat(actor("ad_alice")).isEqualTo(410);

        goneOnB(s);
        purgedOnA(s, "ad_alice");
    }

    @Test
    void staffDeleteASuspendedAccountThroughTheAdminApi() throws Exception {
        Scene s = scene("ad_bob");
        // not before it is suspended (Mastodon's rule)
        assertThat(a.http().delete("/api/v1/admin/accounts/" + s.id(), adminOnA).status()).isEqualTo(403);
        assertThat(a.http().postJson("/api/v1/admin/accounts/" + s.id() + "/action", adminOnA, Map.of("type", "suspend")).status()).isEqualTo(200);
        // a suspension alone tells nobody yet: B still has the posts during the grace period
        Fed.awaitDeliveries(a);
        Fed.awaitInboxIdle(b);
        assertThat(statusesOf(b, s.idOnB())).isEqualTo(2);

        var r = a.http().delete("/api/v1/admin/accounts/" + s.id(), adminOnA);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        goneOnB(s);
        purgedOnA(s, "ad_bob");
        int logged = count(a, "SELECT COUNT(*) FROM admin_action_logs WHERE action = 'destroy' AND target_id = :id", Long.parseLong(s.id()));
        assertThat(logged).isEqualTo(1);
    }

    @Test
    void anAccountSuspendedLongerThanTheGracePeriodIsDeletedAndARecentOneIsKept() throws Exception {
        Scene old = scene("ad_carol");
        Scene recent = scene("ad_dave");
        for (Scene s : List.of(old, recent))
            assertThat(a.http().postJson("/api/v1/admin/accounts/" + s.id() + "/action", adminOnA, Map.of("type", "suspend")).status()).isEqualTo(200);
        Instant longAgo = Instant.now().minus(Duration.ofDays(31));
        a.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET suspended_at = :t WHERE id = :id")
                .bind("t", longAgo).bind("id", Long.parseLong(old.id())).execute());
        assertThat(a.app().core.suspensionGrace.grace()).isEqualTo(Duration.ofDays(30));

        assertThat(a.app().core.suspensionGrace.run()).isEqualTo(1);
        goneOnB(old);
        purgedOnA(old, "ad_carol");

        // the recent one is untouched and can still be restored
        assertThat(a.app().core.accountDeletionStore.started(Long.parseLong(recent.id()))).isFalse();
        assertThat(statusesOf(b, recent.idOnB())).isEqualTo(2);
        assertThat(a.http().postJson("/api/v1/admin/accounts/" + recent.id() + "/unsuspend", adminOnA, null).status()).isEqualTo(200);
        assertThat(actor("ad_dave")).isEqualTo(200);
        assertThat(statusesOf(a, recent.id())).isEqualTo(2);

        // a shorter grace period set by the administrator applies at the next sweep
        a.app().core.siteSettings.put(SuspensionGraceSweep.SETTING, "0");
        assertThat(a.app().core.suspensionGrace.grace()).isZero();
        a.app().core.siteSettings.put(SuspensionGraceSweep.SETTING, "");
    }

    /**
     * The {@code Delete} as another implementation sees it (a bare fake server the account followed): Mastodon's
     * shape, sent once to that server, signed with the account's key; none of the posts' own deletions follow it.
     */
    @Test
    void theDeleteOfTheActorHasMastodonsShapeAndIsSignedByTheAccount() throws Exception {
        try (FakeFediServer remote = FakeFediServer.start()) {
            String token = a.createUser("ad_erin");
            FakeFediServer.Actor friend = remote.actor("friend");
            Fed.followRemote(a, token, remote, friend);
            FakeFediServer.Actor fan = remote.actor("fan");
            Fed.remoteFollows(a, remote, fan, "ad_erin");
            a.http().postJson("/api/v1/statuses", token, Map.of("status", "a public post"));
            Await.until("the post reaches the fake server", () -> !remote.received("Create").isEmpty());
            String id = Fed.accountId(a, token);

            a.app().core.accountDeletion.deleteOwn(Long.parseLong(id), "password-ad_erin");
            Await.until("the purge finishes", () -> a.app().core.accountDeletionStore.finished(Long.parseLong(id)));
            Fed.awaitDeliveries(a);
            String actor = Fed.actorUri(a, "ad_erin");
            var deletes = remote.received().stream().filter(r -> r.body().path("type").asText().equals("Delete")).toList();
            assertThat(deletes).hasSize(1);
            var d = deletes.get(0).body();
            assertThat(d.get("id").asText()).isEqualTo(actor + "#delete");
            assertThat(d.get("actor").asText()).isEqualTo(actor);
            assertThat(d.get("object").asText()).isEqualTo(actor);
            assertThat(d.get("to").get(0).asText()).isEqualTo("https://www.w3.org/ns/activitystreams#Public");
            String signature = deletes.get(0).headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("signature"))
                    .findFirst().orElseThrow().getValue().get(0);
            assertThat(signature).contains("keyId=\"" + actor + "#main-key\"");
            // one Delete for the server (its shared inbox), though two of its accounts knew the account; the follows
            // ended and the post went without an Undo or a Delete of their own: the Delete of the actor says it all
            assertThat(deletes.get(0).path()).isEqualTo("/inbox");
            assertThat(remote.received("Undo")).isEmpty();
        }
    }
}
