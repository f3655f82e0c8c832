package social.atoll.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.instagram.ExportArchive;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.media.MediaUpload;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * An archive exported by one Atoll (the settings page's job) imports into a fresh account on another with the same
 * posts — text, content warnings, visibility, language, dates, threads, media with alt text — shown on the profile
 * and in search but not in followers' home feeds; importing again adds nothing; bad archives are refused whole.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class ArchiveRoundTripIT {

    private TestInstance from;
    private TestInstance to;
    private String writer;
    private long writerId;
    private Path zip;
    private final List<JsonNode> originals = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        from = TestInstance.start();
        to = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true")); // fetches boosted posts from `from`
        writer = from.createUser("writer");
        writerId = id(from, writer);
        String friend = from.createUser("friend");

        // posts of every kind: media with alt text and focus, a content warning, unlisted French, followers-only,
        // a reply in a thread, a direct message; and a like and a bookmark of someone else's post
        Path png = Files.createTempFile("archive", ".png");
        Files.write(png, png(48, 32));
        var m = from.app().core.media.upload(writerId, new MediaUpload(png, "reef.png", "image/png", Files.size(png)), null,
                "A reef at dawn", "0.5,-0.25", false);
        originals.add(post(Map.of("status", "Hello #reef, with a picture", "media_ids", List.of(Long.toString(m.id())))));
        originals.add(post(Map.of("status", "What the storm did", "spoiler_text", "storm damage", "sensitive", true)));
        originals.add(post(Map.of("status", "Bonjour à tous", "visibility", "unlisted", "language", "fr")));
        originals.add(post(Map.of("status", "Only for my followers", "visibility", "private")));
        originals.add(post(Map.of("status", "A reply to myself", "in_reply_to_id", originals.get(0).get("id").asText())));
        post(Map.of("status", "@friend a secret", "visibility", "direct"));
        String theirs = from.http().postJson("/api/v1/statuses", friend, Map.of("status", "liked and kept")).json().get("id").asText();
        from.http().postJson("/api/v1/statuses/" + theirs + "/favourite", writer, Map.of());
        from.http().postJson("/api/v1/statuses/" + theirs + "/bookmark", writer, Map.of());

        var requested = from.app().core.archiveExport.request(writerId);
        Await.until("the archive is built", () -> from.app().core.archiveExport.archives(writerId).stream()
                .anyMatch(a -> a.id() == requested.id() && "done".equals(a.state())));
        zip = Files.createTempFile("archive", ".zip");
        try (InputStream in = from.app().core.archiveExport.open(writerId, requested.id()); OutputStream out = Files.newOutputStream(zip)) {
            in.transferTo(out);
        }
    }

    @AfterAll
    void stop() throws IOException {
        Files.deleteIfExists(zip);
        to.close();
        from.close();
    }

    private JsonNode post(Map<String, Object> body) {
        var r = from.http().postJson("/api/v1/statuses", writer, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static String plain(String html) { return social.atoll.core.text.HtmlSanitizer.text(html); }

    private static long id(TestInstance on, String token) {
        return Long.parseLong(on.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText());
    }

    private static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20, 110, 150));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.ORANGE);
        g.fillOval(4, 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    private ArchiveImporter.Report importInto(TestInstance on, long accountId, Path file, boolean direct) {
        var started = on.app().core.archiveImport.start(accountId, file, new ArchiveImporter.Options(direct));
        Await.until("the archive is imported", () -> on.app().core.archiveImport.progress(started.importId()).orElseThrow().finished());
        return on.app().core.archiveImport.report(started.importId());
    }

    /**
     * Boosts travel as Mastodon writes them (an {@code Announce} of the boosted post's URI) and come back as boosts
     * at their old date when the boosted post can still be fetched; a boost of a post that is gone is skipped with
     * its reason. Nobody is sent anything.
     */
    @Test
    void boostsAreBroughtBackWhenTheBoostedPostCanStillBeFetched() throws IOException {
        String booster = from.createUser("booster");
        long boosterId = id(from, booster);
        String author = from.createUser("boosted_author");
        JsonNode kept = from.http().postJson("/api/v1/statuses", author, Map.of("status", "boost me and keep me")).json();
        JsonNode gone = from.http().postJson("/api/v1/statuses", author, Map.of("status", "boost me and delete me")).json();
        var boostedThere = from.http().postJson("/api/v1/statuses/" + kept.get("id").asText() + "/reblog", booster, Map.of());
        assertThat(boostedThere.status()).isEqualTo(200);
        assertThat(from.http().postJson("/api/v1/statuses/" + gone.get("id").asText() + "/reblog", booster, Map.of()).status()).isEqualTo(200);
        from.http().postJson("/api/v1/statuses", booster, Map.of("status", "a post of my own"));

        var requested = from.app().core.archiveExport.request(boosterId);
        Await.until("the archive is built", () -> from.app().core.archiveExport.archives(boosterId).stream()
                .anyMatch(a -> a.id() == requested.id() && "done".equals(a.state())));
        Path boosts = Files.createTempFile("boosts", ".zip");
        try (InputStream in = from.app().core.archiveExport.open(boosterId, requested.id()); OutputStream out = Files.newOutputStream(boosts)) {
            in.transferTo(out);
        }
        try {
            JsonNode outbox = from.app().infra.json.readTree(entries(boosts).get("outbox.json"));
            List<String> types = new ArrayList<>();
            outbox.get("orderedItems").forEach(i -> types.add(i.get("type").asText()));
            assertThat(types).containsExactly("Announce", "Announce", "Create");
            assertThat(outbox.get("orderedItems").get(0).get("object").asText()).isEqualTo(kept.get("uri").asText());

            // the second boosted post is deleted before the archive arrives anywhere
            assertThat(from.http().delete("/api/v1/statuses/" + gone.get("id").asText(), author).status()).isEqualTo(200);
            String arrived = to.createUser("boosts_arrived");
            long arrivedId = id(to, arrived);
            var report = importInto(to, arrivedId, boosts, false);
            assertThat(report.postsImported()).as("%s", report).isEqualTo(2);
            assertThat(report.notes()).anyMatch(n -> n.contains(gone.get("uri").asText()));

            JsonNode statuses = to.http().get("/api/v1/accounts/" + arrivedId + "/statuses?limit=40", arrived).json();
            JsonNode boost = null;
            for (JsonNode st : statuses) if (st.hasNonNull("reblog")) boost = st;
            assertThat(boost).as("%s", statuses).isNotNull();
            assertThat(boost.get("reblog").get("uri").asText()).isEqualTo(kept.get("uri").asText());
            assertThat(boost.get("reblog").get("content").asText()).contains("boost me and keep me");
            var original = from.http().get("/api/v1/statuses/" + kept.get("id").asText() + "/reblogged_by", author).json();
            // ActivityStreams dates (Mastodon's too) carry whole seconds
            assertThat(java.time.Instant.parse(boost.get("created_at").asText())).as("the boost's old date, not the import's")
                    .isEqualTo(java.time.Instant.parse(boostedThere.json().get("created_at").asText()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(original).as("the boost was not delivered back to the original's server").hasSize(1);
            // importing again adds nothing
            assertThat(importInto(to, arrivedId, boosts, false).postsImported()).isZero();
        } finally {
            Files.deleteIfExists(boosts);
        }
    }

    @Test
    void theArchiveIsInMastodonsFormat() throws IOException {
        Map<String, byte[]> files = entries(zip);
        assertThat(files).containsKeys("actor.json", "outbox.json", "likes.json", "bookmarks.json");
        var json = from.app().infra.json;
        JsonNode actor = json.readTree(files.get("actor.json"));
        assertThat(actor.get("preferredUsername").asText()).isEqualTo("writer");
        JsonNode outbox = json.readTree(files.get("outbox.json"));
        assertThat(outbox.get("type").asText()).isEqualTo("OrderedCollection");
        assertThat(outbox.get("orderedItems")).hasSize(6);
        assertThat(outbox.get("orderedItems").get(0).get("type").asText()).isEqualTo("Create");
        JsonNode attachment = outbox.get("orderedItems").get(0).get("object").get("attachment").get(0);
        String path = attachment.get("url").asText();
        assertThat(path).startsWith("/media_attachments/files/");
        assertThat(files).containsKey(path.substring(1));
        assertThat(attachment.get("name").asText()).isEqualTo("A reef at dawn");
        assertThat(json.readTree(files.get("likes.json")).get("orderedItems")).hasSize(1);
        assertThat(json.readTree(files.get("bookmarks.json")).get("orderedItems")).hasSize(1);
    }

    @Test
    void theReadyArchiveIsAnnouncedByNotificationAndMail() {
        JsonNode notifications = from.http().get("/api/v1/notifications", writer).json();
        assertThat(notifications).anyMatch(n -> n.get("type").asText().equals("atoll.archive_ready"));
        var mail = new social.atoll.testing.EmlMailbox(from).await("writer@example.test", 1);
        assertThat(mail.subject()).contains("Your archive");
        assertThat(mail.link(from.baseUrl())).endsWith("/settings/export");
    }

    @Test
    void aFreshAccountElsewhereGetsTheSamePostsAndMedia() {
        String arrived = to.createUser("arrived");
        long arrivedId = id(to, arrived);
        String follower = to.createUser("follower");
        assertThat(to.http().postJson("/api/v1/accounts/" + arrivedId + "/follow", follower, Map.of()).status()).isEqualTo(200);

        var report = importInto(to, arrivedId, zip, false);
        assertThat(report.state()).isEqualTo("done");
        assertThat(report.postsImported()).isEqualTo(5);
        assertThat(report.mediaImported()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.notes()).anyMatch(n -> n.contains("direct message"));

        JsonNode imported = to.http().get("/api/v1/accounts/" + arrivedId + "/statuses?limit=40", arrived).json();
        assertThat(imported).hasSize(5);
        // AS2's published has seconds: the date is kept to the second
        Map<String, JsonNode> byContent = new HashMap<>();
        // the HTML is kept as it was written there, sanitized as remote HTML is (link attributes differ): compare the text
        for (JsonNode s : imported) byContent.put(plain(s.get("content").asText()), s);
        Map<String, String> newIdByOldId = new HashMap<>();
        for (JsonNode o : originals) {
            JsonNode s = byContent.get(plain(o.get("content").asText()));
            assertThat(s).as("the post " + o.get("content") + " among " + byContent.keySet()).isNotNull();
            assertThat(s.get("created_at").asText().substring(0, 19)).isEqualTo(o.get("created_at").asText().substring(0, 19));
            newIdByOldId.put(o.get("id").asText(), s.get("id").asText());
            assertThat(s.get("spoiler_text").asText()).isEqualTo(o.get("spoiler_text").asText());
            assertThat(s.get("sensitive").asBoolean()).isEqualTo(o.get("sensitive").asBoolean());
            assertThat(s.get("visibility").asText()).isEqualTo(o.get("visibility").asText());
            assertThat(s.get("language").asText()).isEqualTo(o.get("language").asText());
            assertThat(s.get("media_attachments")).hasSameSizeAs(o.get("media_attachments"));
            for (int i = 0; i < s.get("media_attachments").size(); i++) {
                JsonNode a = s.get("media_attachments").get(i), b = o.get("media_attachments").get(i);
                assertThat(a.get("type").asText()).isEqualTo(b.get("type").asText());
                assertThat(a.get("description").asText()).isEqualTo(b.get("description").asText());
                assertThat(a.get("meta").get("original").get("width").asInt()).isEqualTo(b.get("meta").get("original").get("width").asInt());
                assertThat(a.get("meta").get("focus")).isEqualTo(b.get("meta").get("focus"));
            }
        }
        // the thread holds: the reply points at the imported copy of its parent
        JsonNode reply = byContent.get(plain(originals.get(4).get("content").asText()));
        assertThat(reply.get("in_reply_to_id").asText()).isEqualTo(newIdByOldId.get(originals.get(0).get("id").asText()));
        // on the profile and in search, but not pushed into the follower's home feed
        assertThat(to.http().get("/api/v2/search?type=statuses&q=storm", arrived).json().get("statuses")).hasSize(1);
        assertThat(to.http().get("/api/v1/timelines/home", follower).json()).isEmpty();
        assertThat(to.app().infra.jobs.pendingCounts()).doesNotContainKey("federation.delivery");

        // the same archive again adds nothing
        var again = importInto(to, arrivedId, zip, false);
        assertThat(again.postsImported()).isZero();
        assertThat(to.http().get("/api/v1/accounts/" + arrivedId + "/statuses?limit=40", arrived).json()).hasSize(5);
    }

    @Test
    void directMessagesComeOnlyWhenAsked() {
        String direct = to.createUser("withdirect");
        var report = importInto(to, id(to, direct), zip, true);
        assertThat(report.postsImported()).isEqualTo(6);
        JsonNode dm = to.http().get("/api/v1/accounts/" + id(to, direct) + "/statuses?limit=40", direct).json();
        assertThat(dm).anyMatch(s -> s.get("visibility").asText().equals("direct"));
    }

    @Test
    void anArchiveAsMastodonWritesItImports() throws IOException {
        // written from Mastodon's archive format: Creates with embedded Notes, contentMap, media paths under
        // /media_attachments/files/, focalPoint, a boost (Announce) and a reply to a post of another server
        String outbox = """
                {"@context": ["https://www.w3.org/ns/activitystreams", {"Hashtag": "as:Hashtag"}],
                 "id": "outbox.json", "type": "OrderedCollection", "totalItems": 3, "orderedItems": [
                  {"id": "https://old.example/users/ana/statuses/1/activity", "type": "Create", "actor": "https://old.example/users/ana",
                   "published": "2021-03-04T05:06:07Z", "to": ["https://www.w3.org/ns/activitystreams#Public"],
                   "cc": ["https://old.example/users/ana/followers"],
                   "object": {"id": "https://old.example/users/ana/statuses/1", "type": "Note", "summary": null,
                     "published": "2021-03-04T05:06:07Z", "url": "https://old.example/@ana/1", "attributedTo": "https://old.example/users/ana",
                     "to": ["https://old.example/users/ana/followers"], "cc": ["https://www.w3.org/ns/activitystreams#Public"],
                     "sensitive": false, "content": "<p>Guten Morgen, <span class=\\\"h-card\\\"><a href=\\\"https://else.example/@bo\\\" class=\\\"u-url mention\\\">@<span>bo</span></a></span></p>",
                     "contentMap": {"de": "<p>Guten Morgen</p>"},
                     "attachment": [{"type": "Document", "mediaType": "image/png",
                       "url": "/media_attachments/files/105/000/001/original/cafe.png", "name": "Ein Kaffee", "blurhash": "U00000fQfQfQfQfQfQfQfQfQfQfQ",
                       "focalPoint": [0.25, 0.5], "width": 48, "height": 32}],
                     "tag": [], "replies": {"id": "https://old.example/users/ana/statuses/1/replies", "type": "Collection"}}},
                  {"id": "https://old.example/users/ana/statuses/2/activity", "type": "Announce", "actor": "https://old.example/users/ana",
                   "published": "2021-03-05T00:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"],
                   "object": "https://else.example/users/bo/statuses/9"},
                  {"id": "https://old.example/users/ana/statuses/3/activity", "type": "Create", "actor": "https://old.example/users/ana",
                   "published": "2021-03-06T00:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [],
                   "object": {"id": "https://old.example/users/ana/statuses/3", "type": "Note", "summary": "spoilers",
                     "inReplyTo": "https://else.example/users/bo/statuses/9", "published": "2021-03-06T00:00:00Z",
                     "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": [], "sensitive": true,
                     "content": "<p>An answer</p>", "attachment": []}}]}""";
        Path archive = zipOf(Map.of("outbox.json", outbox.getBytes(StandardCharsets.UTF_8),
                "actor.json", "{\"type\": \"Person\"}".getBytes(StandardCharsets.UTF_8),
                "media_attachments/files/105/000/001/original/cafe.png", png(48, 32)));
        String ana = to.createUser("ana");
        long anaId = id(to, ana);
        var report = importInto(to, anaId, archive, false);
        assertThat(report.postsImported()).isEqualTo(2);
        assertThat(report.mediaImported()).isEqualTo(1);
        assertThat(report.notes()).anyMatch(n -> n.contains("not known here"));
        JsonNode posts = to.http().get("/api/v1/accounts/" + anaId + "/statuses", ana).json();
        assertThat(posts).hasSize(2);
        JsonNode answer = posts.get(0), morning = posts.get(1);
        assertThat(answer.get("spoiler_text").asText()).isEqualTo("spoilers");
        assertThat(answer.get("created_at").asText()).startsWith("2021-03-06T00:00:00");
        assertThat(morning.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(morning.get("language").asText()).isEqualTo("de");
        // the mention link is kept, sanitized as remote HTML is
        assertThat(morning.get("content").asText()).contains("href=\"https://else.example/&#64;bo\"");
        assertThat(morning.get("media_attachments").get(0).get("description").asText()).isEqualTo("Ein Kaffee");
        assertThat(morning.get("media_attachments").get(0).get("meta").get("focus").get("x").asDouble()).isEqualTo(0.25);
        Files.deleteIfExists(archive);
    }

    // ---- bad archives: one clear line, nothing stored, nothing left on disk ----

    private void refused(Path file, String message) {
        String victim = "victim" + Math.abs(file.getFileName().toString().hashCode());
        String token = to.createUser(victim);
        long id = id(to, token);
        assertThatThrownBy(() -> to.app().core.archiveImport.start(id, file, new ArchiveImporter.Options(false)))
                .isInstanceOf(ImportException.class).hasMessageContaining(message);
        assertThat(to.http().get("/api/v1/accounts/" + id + "/statuses", token).json()).isEmpty();
        assertThat(to.app().core.archiveImport.imports(id)).isEmpty();
        Path imports = to.dataDir().resolve("imports");
        if (Files.isDirectory(imports)) {
            try (Stream<Path> left = Files.list(imports)) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith("archive-") && !isRunning(p))).isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Directories of imports still running (other tests') are not leftovers. */
    private boolean isRunning(Path dir) {
        long id = Long.parseLong(dir.getFileName().toString().substring("archive-".length()));
        return to.app().core.archiveImport.progress(id).map(p -> !p.finished()).orElse(false);
    }

    private static Path zipOf(Map<String, byte[]> entries) throws IOException {
        Path z = Files.createTempFile("bad", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return z;
    }

    @Test
    void badArchivesAreRefusedWhole() throws IOException {
        Path notZip = Files.createTempFile("notzip", ".zip");
        Files.writeString(notZip, "this is not a zip");
        refused(notZip, "not a readable ZIP");

        refused(zipOf(Map.of("../evil.json", "{}".getBytes(StandardCharsets.UTF_8))), "unsafe entry name");
        refused(zipOf(Map.of("outbox.json", "{\"type\": \"OrderedCollection\", \"orderedItems\": [".getBytes(StandardCharsets.UTF_8))),
                "outbox.json is not valid JSON");
        refused(zipOf(Map.of("actor.json", "{}".getBytes(StandardCharsets.UTF_8))), "no outbox.json");
        refused(zipOf(Map.of("outbox.json", "{\"type\": \"Person\"}".getBytes(StandardCharsets.UTF_8))), "not an ActivityStreams collection");
        refused(zipOf(Map.of("outbox.json", "{\"type\": \"OrderedCollection\", \"orderedItems\": []}".getBytes(StandardCharsets.UTF_8))),
                "holds no posts");

        // a ZIP bomb: one entry of zeros that expands far beyond the ratio allowed (limits lowered for the test)
        to.app().core.archiveImport.limits(new ExportArchive.Limits(1000, 64L * 1024 * 1024, 20));
        try {
            refused(zipOf(Map.of("outbox.json", new byte[8 * 1024 * 1024])), "ZIP bomb");
        } finally {
            to.app().core.archiveImport.limits(ExportArchive.Limits.DEFAULT);
        }
    }
}
