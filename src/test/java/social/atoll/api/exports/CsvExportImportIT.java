package social.atoll.api.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * CSV export and import through GoToSocial's API, between two Atoll servers federating over loopback: what one
 * exports, the other imports (remote addresses resolved through WebFinger), in merge and overwrite mode, with
 * Mastodon's headers or without, and with bad files refused whole.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class CsvExportImportIT {

    private TestInstance a;
    private TestInstance b;
    private String alice, bob, carol, dave, mover;

    @BeforeAll
    void start() {
        a = Fed.start();
        b = Fed.start();
        for (TestInstance t : new TestInstance[] {a, b}) t.app().core.csvImports.politeInterval(Duration.ofMillis(20));
        alice = a.createUser("alice");
        bob = a.createUser("bob");
        carol = b.createUser("carol");
        dave = b.createUser("dave");
        mover = b.createUser("mover");
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
    }

    private static String id(TestInstance on, String token) { return Fed.accountId(on, token); }

    /** The id {@code on} gives {@code acct}, resolving it through WebFinger when it is remote. */
    private static String resolve(TestInstance on, String token, String acct) {
        var r = on.http().get("/api/v2/search?type=accounts&resolve=true&q=" + acct, token);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("accounts").get(0).get("id").asText();
    }

    private static JsonNode relationship(TestInstance on, String token, String id) { return Fed.relationship(on, token, id); }

    private TestHttp.Response upload(TestInstance on, String token, String type, String mode, String csv) {
        String boundary = "atoll-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        if (type != null) head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n").append(type).append("\r\n");
        if (mode != null) head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n").append(mode).append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (csv != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(on.baseUrl() + "/api/v1/import")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : on.app().infra.json.readTree(r.body());
            return new TestHttp.Response(r.statusCode(), r.headers(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Imports and waits for the import's job to finish; answers its summary. */
    private social.atoll.core.portability.CsvImports.Summary importAndWait(TestInstance on, String token, String type, String mode, String csv) {
        var r = upload(on, token, type, mode, csv);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").asText()).isEqualTo("accepted");
        long importId = Long.parseLong(r.json().get("id").asText());
        long accountId = Long.parseLong(id(on, token));
        Await.until("the import is applied", () -> !on.app().core.csvImports.byId(accountId, importId).orElseThrow().running());
        return on.app().core.csvImports.byId(accountId, importId).orElseThrow();
    }

    private String export(TestInstance on, String token, String file) {
        var r = on.http().get("/api/v1/exports/" + file, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        return r.body();
    }

    @Test
    void followingExportedFromOneServerIsImportedIntoAnother() {
        // alice (a) follows bob (a, local) without boosts and carol (b, remote) with notifications and languages
        String bobOnA = id(a, bob);
        assertThat(a.http().postJson("/api/v1/accounts/" + bobOnA + "/follow", alice, Map.of("reblogs", false)).status()).isEqualTo(200);
        String carolOnA = resolve(a, alice, "carol@" + b.domain());
        assertThat(a.http().postJson("/api/v1/accounts/" + carolOnA + "/follow", alice,
                Map.of("notify", true, "languages", java.util.List.of("en", "fr"))).status()).isEqualTo(200);
        Await.until("carol accepts", () -> relationship(a, alice, carolOnA).get("following").asBoolean());

        String csv = export(a, alice, "following.csv");
        assertThat(csv.split("\r\n")).containsExactly(
                "Account address,Show boosts,Notify on new posts,Languages",
                "bob@" + a.domain() + ",false,false,",
                "carol@" + b.domain() + ",true,true,\"en, fr\"");

        var done = importAndWait(b, mover, "following", "merge", csv);
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.failed()).isZero();
        assertThat(done.done()).isEqualTo(2);
        // carol is local on b; bob is resolved on a through WebFinger, followed, and accepts over federation
        String carolOnB = id(b, carol);
        JsonNode toCarol = relationship(b, mover, carolOnB);
        assertThat(toCarol.get("following").asBoolean()).isTrue();
        assertThat(toCarol.get("notifying").asBoolean()).isTrue();
        assertThat(toCarol.get("languages")).extracting(JsonNode::asText).containsExactly("en", "fr");
        String bobOnB = Fed.remoteId(b, "bob@" + a.domain());
        Await.until("bob accepts the imported follow", () -> relationship(b, mover, bobOnB).get("following").asBoolean());
        assertThat(relationship(b, mover, bobOnB).get("showing_reblogs").asBoolean()).isFalse();
        Await.until("a knows the follower", () -> a.http().get("/api/v1/accounts/" + bobOnA + "/followers", bob).body().contains("mover"));

        // overwrite with a header-less one-column file naming carol only: bob is unfollowed
        var overwritten = importAndWait(b, mover, "following", "overwrite", "carol@" + b.domain() + "\n");
        assertThat(overwritten.state()).isEqualTo("done");
        assertThat(relationship(b, mover, bobOnB).get("following").asBoolean()).isFalse();
        assertThat(relationship(b, mover, carolOnB).get("following").asBoolean()).isTrue();
    }

    @Test
    void blocksMutesDomainBlocksAndBookmarksTravel() {
        String daveOnA = resolve(a, alice, "dave@" + b.domain());
        String carolOnA = resolve(a, alice, "carol@" + b.domain());
        assertThat(a.http().postJson("/api/v1/accounts/" + daveOnA + "/block", alice, Map.of()).status()).isEqualTo(200);
        assertThat(a.http().postJson("/api/v1/accounts/" + carolOnA + "/mute", alice, Map.of("notifications", false)).status()).isEqualTo(200);
        assertThat(a.http().postJson("/api/v1/domain_blocks", alice, Map.of("domain", "spam.example")).status()).isEqualTo(200);
        var post = a.http().postJson("/api/v1/statuses", bob, Map.of("status", "worth keeping", "visibility", "public")).json();
        assertThat(a.http().postJson("/api/v1/statuses/" + post.get("id").asText() + "/bookmark", alice, Map.of()).status()).isEqualTo(200);

        String blocks = export(a, alice, "blocks.csv");
        assertThat(blocks).isEqualTo("dave@" + b.domain() + "\r\n");
        String mutes = export(a, alice, "mutes.csv");
        assertThat(mutes).isEqualTo("Account address,Hide notifications\r\ncarol@" + b.domain() + ",false\r\n");
        String domains = export(a, alice, "domain_blocks.csv");
        assertThat(domains).isEqualTo("spam.example\r\n");
        String bookmarks = export(a, alice, "bookmarks.csv");
        assertThat(bookmarks).isEqualTo(post.get("uri").asText() + "\r\n");

        String importer = b.createUser("importer");
        assertThat(importAndWait(b, importer, "blocks", "merge", blocks).failed()).isZero();
        assertThat(importAndWait(b, importer, "mutes", "merge", mutes).failed()).isZero();
        assertThat(importAndWait(b, importer, "domain_blocks", "merge", domains).failed()).isZero();
        assertThat(importAndWait(b, importer, "bookmarks", "merge", bookmarks).failed()).isZero();

        assertThat(relationship(b, importer, id(b, dave)).get("blocking").asBoolean()).isTrue();
        JsonNode muted = relationship(b, importer, id(b, carol));
        assertThat(muted.get("muting").asBoolean()).isTrue();
        assertThat(muted.get("muting_notifications").asBoolean()).isFalse();
        assertThat(b.http().get("/api/v1/domain_blocks", importer).json()).extracting(JsonNode::asText).containsExactly("spam.example");
        JsonNode saved = b.http().get("/api/v1/bookmarks", importer).json();
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).get("uri").asText()).isEqualTo(post.get("uri").asText());
        // and b exports them again as a found them
        assertThat(export(b, importer, "blocks.csv")).isEqualTo(blocks);
        assertThat(export(b, importer, "bookmarks.csv")).isEqualTo(bookmarks);
    }

    @Test
    void listsImportAfterTheirAccountsAreFollowed() {
        String lister = b.createUser("lister");
        String csv = "Friends,carol@" + b.domain() + "\r\nFriends,dave@" + b.domain() + "\r\nWork,carol@" + b.domain() + "\r\n";
        var done = importAndWait(b, lister, "lists", "merge", csv);
        assertThat(done.failed()).as(done.failures().toString()).isZero();
        JsonNode lists = b.http().get("/api/v1/lists", lister).json();
        assertThat(lists).extracting(l -> l.get("title").asText()).containsExactlyInAnyOrder("Friends", "Work");
        String exported = export(b, lister, "lists.csv");
        assertThat(exported.split("\r\n")).containsExactlyInAnyOrder("Friends,carol@" + b.domain(), "Friends,dave@" + b.domain(),
                "Work,carol@" + b.domain());
    }

    @Test
    void linesThatCannotBeAppliedAreReportedWithTheirReason() {
        String someone = b.createUser("someone");
        var done = importAndWait(b, someone, "following", "merge",
                "Account address,Show boosts,Notify on new posts,Languages\nnobody@" + a.domain() + ",true,false,\ncarol@" + b.domain() + ",true,false,\n");
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.done()).isEqualTo(1);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.failures().get(0).line()).isEqualTo(2);
        assertThat(done.failures().get(0).address()).isEqualTo("nobody@" + a.domain());
        assertThat(done.failures().get(0).reason()).contains("nobody@" + a.domain());
    }

    @Test
    void badRequestsAreRefusedWhole() {
        String someone = b.createUser("refusals");
        assertThat(upload(b, someone, null, "merge", "x@y.z\n").status()).isEqualTo(400);
        var followers = upload(b, someone, "followers", "merge", "x@y.z\n");
        assertThat(followers.status()).isEqualTo(400);
        assertThat(followers.json().get("error").asText()).contains("not recognized");
        assertThat(upload(b, someone, "following", "replace", "x@y.z\n").status()).isEqualTo(400);
        assertThat(upload(b, someone, "following", "merge", null).json().get("error").asText()).isEqualTo("no data file provided");
        var unclosed = upload(b, someone, "following", "merge", "\"carol@" + b.domain() + "\n");
        assertThat(unclosed.status()).isEqualTo(422);
        assertThat(unclosed.json().get("error").asText()).contains("quote");
        var notAnAddress = upload(b, someone, "blocks", "merge", "carol@" + b.domain() + "\nnot an address at all\n");
        assertThat(notAnAddress.status()).isEqualTo(422);
        assertThat(notAnAddress.json().get("error").asText()).contains("line 2");
        assertThat(b.app().core.csvImports.recent(Long.parseLong(id(b, someone)), 10)).isEmpty();
        // a read token cannot import, and no token reads nothing
        String readOnly = b.token(Long.parseLong(id(b, someone)), "read");
        assertThat(upload(b, readOnly, "following", "merge", "carol@" + b.domain() + "\n").status()).isEqualTo(403);
        assertThat(b.http().get("/api/v1/exports/following.csv").status()).isEqualTo(401);
        assertThat(b.http().get("/api/v1/exports/secrets.csv", someone).status()).isEqualTo(404);
    }

    @Test
    void statsCountWhatCanBeExported() {
        String counted = a.createUser("counted");
        assertThat(a.http().postJson("/api/v1/accounts/" + id(a, bob) + "/follow", counted, Map.of()).status()).isEqualTo(200);
        a.http().postJson("/api/v1/statuses", counted, Map.of("status", "one"));
        a.http().postJson("/api/v1/lists", counted, Map.of("title", "L"));
        JsonNode stats = a.http().get("/api/v1/exports/stats", counted).json();
        assertThat(stats.get("following_count").asInt()).isEqualTo(1);
        assertThat(stats.get("followers_count").asInt()).isZero();
        assertThat(stats.get("statuses_count").asInt()).isEqualTo(1);
        assertThat(stats.get("lists_count").asInt()).isEqualTo(1);
        assertThat(stats.get("blocks_count").asInt()).isZero();
        assertThat(stats.get("mutes_count").asInt()).isZero();
        assertThat(stats.get("media_storage").asText()).isEqualTo("0B");
    }
}
