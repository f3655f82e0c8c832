package social.atoll.infra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.atoll.Atoll;
import social.atoll.config.SettingsLoader;
import social.atoll.infra.db.Database;
import social.atoll.infra.secrets.Secrets;
import social.atoll.testing.Await;
import social.atoll.testing.TestDatabases;
import social.atoll.testing.TestInstance;

/**
 * {@code atoll backup} of a running server that is being written to, and {@code atoll restore} into a fresh data
 * directory and database: a server started on the restore answers the API as the old one did (accounts, posts,
 * media bytes, the actor's key, an OAuth token). Runs on SQLite and on PostgreSQL; SQLite into PostgreSQL (the way
 * to move a growing server) runs in the PostgreSQL execution.
 */
class BackupRestoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Path> temp = new ArrayList<>();
    private final List<TestInstance> instances = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (TestInstance i : instances) i.close();
        for (Path p : temp) {
            if (!Files.exists(p)) continue;
            try (var files = Files.walk(p)) {
                files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** What the test posted on the source server. */
    private record Seed(String aliceToken, String bobToken, long aliceId, String mediaUrl, byte[] mediaBytes, Set<String> before) {}

    @Test
    void aBackupTakenWhileTheServerIsWrittenToRestoresTheSameServer() throws Exception {
        roundTrip(Map.of(), TestDatabases.freshUrl(tempDir()));
    }

    @Test
    void aSqliteServerMovesToPostgresql() throws Exception {
        assumeTrue(TestDatabases.postgres(), "needs PostgreSQL (the postgres execution)");
        Path sqliteDir = tempDir();
        String pg = TestDatabases.freshUrl(sqliteDir);
        roundTrip(Map.of("ATOLL_DB_URL", "jdbc:sqlite:" + sqliteDir.resolve("source.db")), pg);
        try (Connection c = DriverManager.getConnection(pg); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("foreign keys are back after the load").isGreaterThan(50);
        }
    }

    @Test
    void aPostgresqlServerRestoresIntoSqlite() throws Exception {
        assumeTrue(TestDatabases.postgres(), "needs PostgreSQL (the postgres execution)");
        roundTrip(Map.of(), "jdbc:sqlite:" + tempDir().resolve("from-postgres.db"));
    }

    /** Backs up a seeded server while a writer posts, restores into {@code targetDb}, compares the API's answers. */
    private void roundTrip(Map<String, String> sourceEnv, String targetDb) throws Exception {
        TestInstance source = started(TestInstance.start(sourceEnv));
        Seed seed = seed(source);
        // a writer keeps posting while the backup runs
        AtomicBoolean stop = new AtomicBoolean();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                var r = source.http().postJson("/api/v1/statuses", seed.aliceToken(), Map.of("status", "during the backup " + i));
                if (r.status() == 200) written.add(r.json().get("id").asText());
            }
        });
        Await.until("the writer is writing", () -> written.size() >= 3);
        Path backup = tempDir().resolve("atoll-backup.zip");
        Cli b = cli("backup", "--out", backup.toString(), "--data-dir", source.dataDir().toString(), "--db-url", source.settings().dbUrl());
        stop.set(true);
        writer.join();
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("table statuses").contains("backup written to");
        assertThat(written).as("the server went on answering during the backup").hasSizeGreaterThan(3);

        // what the old server says, after the writer stopped
        String port = Integer.toString(source.settings().port());
        JsonNode oldMe = source.http().get("/api/v1/accounts/verify_credentials", seed.aliceToken()).json();
        Map<String, JsonNode> oldStatuses = statuses(source, seed);
        String oldKey = actorKey(source.baseUrl());
        JsonNode oldRelationship = source.http().get("/api/v1/accounts/relationships?id[]=" + seed.aliceId(), seed.bobToken()).json();
        source.close();
        instances.remove(source);

        Path restoreDir = tempDir().resolve("restored");
        Cli r = cli("restore", backup.toString(), "--data-dir", restoreDir.toString(), "--db-url", targetDb);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("verifying").contains("restored");
        assertThat(Files.getPosixFilePermissions(restoreDir.resolve("secrets.properties")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(backup)).containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        TestInstance restored = startOn(restoreDir, targetDb, port);

        // the token still works and names the same account
        JsonNode me = restored.http().get("/api/v1/accounts/verify_credentials", seed.aliceToken()).json();
        assertThat(me.get("id").asText()).isEqualTo(oldMe.get("id").asText());
        assertThat(me.get("username").asText()).isEqualTo("alice");
        assertThat(me.get("display_name").asText()).isEqualTo(oldMe.get("display_name").asText());
        assertThat(me.get("created_at").asText()).isEqualTo(oldMe.get("created_at").asText());
        assertThat(me.get("followers_count").asInt()).isEqualTo(1);
        // the posts: everything posted before the backup began, nothing the old server did not have, each the same
        Map<String, JsonNode> newStatuses = statuses(restored, seed);
        assertThat(newStatuses.keySet()).containsAll(seed.before());
        assertThat(oldStatuses.keySet()).containsAll(newStatuses.keySet());
        assertThat(me.get("statuses_count").asInt()).as("counters and rows come from one snapshot").isEqualTo(newStatuses.size());
        for (var e : newStatuses.entrySet()) {
            JsonNode was = oldStatuses.get(e.getKey());
            assertThat(e.getValue().get("content")).isEqualTo(was.get("content"));
            assertThat(e.getValue().get("created_at")).isEqualTo(was.get("created_at"));
            assertThat(e.getValue().get("uri")).isEqualTo(was.get("uri"));
            assertThat(e.getValue().get("media_attachments")).isEqualTo(was.get("media_attachments"));
        }
        // the media file's bytes, the actor's key, bob's follow
        assertThat(bytes(seed.mediaUrl())).isEqualTo(seed.mediaBytes());
        assertThat(actorKey(restored.baseUrl())).isEqualTo(oldKey);
        assertThat(restored.http().get("/api/v1/accounts/relationships?id[]=" + seed.aliceId(), seed.bobToken()).json()).isEqualTo(oldRelationship);
        // and it goes on working
        var post = restored.http().postJson("/api/v1/statuses", seed.aliceToken(), Map.of("status", "after the restore"));
        assertThat(post.status()).as(post.body()).isEqualTo(200);
        assertThat(Long.parseLong(post.json().get("id").asText())).isGreaterThan(newStatuses.keySet().stream().mapToLong(Long::parseLong).max().orElseThrow());
        assertThat(restored.http().get("/api/v2/search?q=backup&type=statuses&resolve=false", seed.aliceToken()).json().get("statuses").size())
                .as("the search index was rebuilt").isPositive();
    }

    @Test
    void aBackupNewerThanThisAtollIsRefused() throws Exception {
        Path backup = backupOfASeededServer();
        Path altered = rewrite(backup, (name, bytes) -> name.equals("manifest.json")
                ? new String(bytes, StandardCharsets.UTF_8).replaceFirst("\"schemaVersion\" : \"[0-9.]+\"", "\"schemaVersion\" : \"9999\"").getBytes(StandardCharsets.UTF_8)
                : bytes);
        Path target = tempDir().resolve("restored");
        Cli r = cli("restore", altered.toString(), "--data-dir", target.toString(), "--db-url", TestDatabases.freshUrl(tempDir()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("schema version 9999").contains("newer than this Atoll knows");
        assertThat(target).doesNotExist();
    }

    @Test
    void aTargetThatIsNotEmptyIsRefused() throws Exception {
        TestInstance source = started(TestInstance.start());
        seed(source);
        Path backup = tempDir().resolve("b.zip");
        assertThat(cli("backup", "--out", backup.toString(), "--data-dir", source.dataDir().toString(), "--db-url", source.settings().dbUrl()).code()).isZero();

        Path used = tempDir();
        Files.writeString(used.resolve("notes.txt"), "mine");
        Cli r = cli("restore", backup.toString(), "--data-dir", used.toString(), "--db-url", TestDatabases.freshUrl(tempDir()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(used + " is not empty");
        assertThat(Files.readString(used.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(Files.list(used).count()).isEqualTo(1);

        // a database that already holds a server: the source's own
        Cli again = cli("restore", backup.toString(), "--data-dir", tempDir().resolve("fresh").toString(), "--db-url", source.settings().dbUrl());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).containsAnyOf("already exists", "is not empty");
        assertThat(source.http().get("/api/v1/accounts/lookup?acct=alice").status()).isEqualTo(200);
    }

    @Test
    void aTamperedArchiveIsRefusedNamingTheEntry() throws Exception {
        Path backup = backupOfASeededServer();
        Path altered = rewrite(backup, (name, bytes) -> name.equals("db/accounts.jsonl")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"alice\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8)
                : bytes);
        Path target = tempDir().resolve("restored");
        Cli r = cli("restore", altered.toString(), "--data-dir", target.toString(), "--db-url", TestDatabases.freshUrl(tempDir()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("db/accounts.jsonl").contains("SHA-256");
        assertThat(target).doesNotExist();

        Cli junk = cli("restore", Files.writeString(tempDir().resolve("junk.zip"), "not a zip").toString(), "--data-dir", target.toString());
        assertThat(junk.code()).isEqualTo(1);
        assertThat(junk.err()).contains("is not an Atoll backup");
    }

    @Test
    void anOlderBackupIsMigratedOnRestore() throws Exception {
        Path dir = tempDir();
        String db = TestDatabases.freshUrl(dir);
        try (Database old = Database.open(db, null, null)) {
            old.migrateTo("120"); // as a server of an earlier Atoll left it
        }
        Secrets.loadOrCreate(dir);
        Path backup = tempDir().resolve("old.zip");
        Cli b = cli("backup", "--out", backup.toString(), "--data-dir", dir.toString(), "--db-url", db);
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("schema 120");

        Path restoreDir = tempDir().resolve("restored");
        String target = TestDatabases.freshUrl(tempDir());
        Cli r = cli("restore", backup.toString(), "--data-dir", restoreDir.toString(), "--db-url", target);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("(schema 120 -> ").doesNotContain("(schema 120 -> 120)");
        TestInstance restored = startOn(restoreDir, target, Integer.toString(social.atoll.testing.FreePort.find()));
        String token = restored.createUser("newcomer");
        assertThat(restored.http().postJson("/api/v1/statuses", token, Map.of("status", "on the migrated schema")).status()).isEqualTo(200);
    }

    @Test
    void s3MediaIsListedOrIncludedAndRestoresIntoLocalStorage() throws Exception {
        var s3proxy = new org.gaul.s3proxy.junit.S3ProxyJunitCore.Builder().withCredentials("test-access", "test-secret")
                .withBlobStoreProvider("transient").ignoreUnknownHeaders().build();
        s3proxy.beforeEach();
        try {
            String endpoint = s3proxy.getUri().toString().replaceAll("/+$", "");
            try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(s3proxy.getUri()).forcePathStyle(true)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test-access", "test-secret"))).build()) {
                s3.createBucket(x -> x.bucket("atoll-media"));
            }
            Map<String, String> s3Settings = Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_ENDPOINT", endpoint, "ATOLL_S3_BUCKET", "atoll-media",
                    "ATOLL_S3_ACCESS_KEY", "test-access", "ATOLL_S3_SECRET_KEY", "test-secret", "ATOLL_S3_PATH_STYLE", "true");
            TestInstance source = started(TestInstance.start(s3Settings));
            Seed seed = seed(source);
            Path config = tempDir().resolve("atoll.properties");
            Files.writeString(config, s3Settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).reduce("", (a, x) -> a + x + "\n"));
            String[] common = {"--data-dir", source.dataDir().toString(), "--db-url", source.settings().dbUrl(), "--config", config.toString()};

            Path listed = tempDir().resolve("listed.zip");
            Cli l = cli(concat(new String[] {"backup", "--out", listed.toString()}, common));
            assertThat(l.code()).as(l.err()).isZero();
            try (ZipFile z = new ZipFile(listed.toFile())) {
                assertThat(z.getEntry("s3-objects.jsonl")).isNotNull();
                assertThat(z.stream().noneMatch(e -> e.getName().startsWith("media/"))).isTrue();
                String objects = new String(z.getInputStream(z.getEntry("s3-objects.jsonl")).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(objects.lines().count()).isEqualTo(2); // the original and its preview
            }

            Path included = tempDir().resolve("included.zip");
            Cli i = cli(concat(new String[] {"backup", "--out", included.toString(), "--include-media"}, common));
            assertThat(i.code()).as(i.err()).isZero();
            String port = Integer.toString(source.settings().port());
            String statusId = seed.before().iterator().next();
            source.close();
            instances.remove(source);

            // restored without the S3 settings: the objects land on local disk and are served from there
            Path restoreDir = tempDir().resolve("restored");
            String target = TestDatabases.freshUrl(tempDir());
            Cli r = cli("restore", included.toString(), "--data-dir", restoreDir.toString(), "--db-url", target);
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            TestInstance restored = startOn(restoreDir, target, port);
            JsonNode media = statuses(restored, seed).values().stream().filter(st -> !st.get("media_attachments").isEmpty())
                    .findFirst().orElseThrow().get("media_attachments").get(0);
            assertThat(media.get("url").asText()).startsWith(restored.baseUrl() + "/system/");
            assertThat(bytes(media.get("url").asText())).isEqualTo(seed.mediaBytes());
            assertThat(statusId).isNotBlank();
        } finally {
            s3proxy.afterEach();
        }
    }

    // --- helpers

    /** A server on a restored data dir and database, on the given port (the old server's, so its URLs hold). */
    private TestInstance startOn(Path dir, String db, String port) {
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", port);
        flags.put("ATOLL_DOMAIN", "localhost:" + port);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_DB_URL", db);
        flags.put("ATOLL_BIND", "127.0.0.1");
        flags.put("ATOLL_RATE_LIMIT", "off");
        return started(TestInstance.start(dir, new SettingsLoader(flags, Map.of(), null).load()));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path backupOfASeededServer() throws Exception {
        TestInstance source = started(TestInstance.start());
        seed(source);
        Path backup = tempDir().resolve("b.zip");
        Cli b = cli("backup", "--out", backup.toString(), "--data-dir", source.dataDir().toString(), "--db-url", source.settings().dbUrl());
        assertThat(b.code()).as(b.err()).isZero();
        Cli twice = cli("backup", "--out", backup.toString(), "--data-dir", source.dataDir().toString(), "--db-url", source.settings().dbUrl());
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("already exists");
        return backup;
    }

    private Seed seed(TestInstance atoll) throws Exception {
        String alice = atoll.createUser("alice");
        String bob = atoll.createUser("bob");
        long aliceId = atoll.app().core.accounts.byAcct("alice", null).orElseThrow().id();
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", alice, Map.of("display_name", "Alice Ö")).status()).isEqualTo(200);
        assertThat(atoll.http().postJson("/api/v1/accounts/" + aliceId + "/follow", bob, Map.of()).status()).isEqualTo(200);
        String mediaId = upload(atoll, alice);
        var withMedia = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "a black box, before the backup", "media_ids", List.of(mediaId)));
        assertThat(withMedia.status()).as(withMedia.body()).isEqualTo(200);
        Set<String> before = new java.util.HashSet<>();
        before.add(withMedia.json().get("id").asText());
        for (int i = 0; i < 5; i++)
            before.add(atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "before the backup " + i)).json().get("id").asText());
        String url = withMedia.json().get("media_attachments").get(0).get("url").asText();
        // S3 objects are not public in s3proxy: read them through the driver
        byte[] stored = url.startsWith(atoll.baseUrl()) ? bytes(url)
                : atoll.app().infra.blobs.open(url.substring(url.indexOf("/atoll-media/") + "/atoll-media/".length())).orElseThrow().readAllBytes();
        return new Seed(alice, bob, aliceId, url, stored, before);
    }

    private static String upload(TestInstance atoll, String token) throws Exception {
        var img = new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff8800);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String boundary = "atoll-backup-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nA black box\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(atoll.baseUrl() + "/api/v2/media"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isIn(200, 202);
        String id = JSON.readTree(upload.body()).get("id").asText();
        Await.until("media processed", () -> atoll.http().get("/api/v1/media/" + id, token).status() == 200);
        return id;
    }

    /** Every status of alice, by id, read page by page. */
    private static Map<String, JsonNode> statuses(TestInstance atoll, Seed seed) {
        Map<String, JsonNode> all = new TreeMap<>();
        String max = null;
        while (true) {
            var page = atoll.http().get("/api/v1/accounts/" + seed.aliceId() + "/statuses?limit=40" + (max == null ? "" : "&max_id=" + max), seed.aliceToken());
            assertThat(page.status()).isEqualTo(200);
            if (page.json().isEmpty()) return all;
            for (JsonNode s : page.json()) {
                all.put(s.get("id").asText(), s);
                max = s.get("id").asText();
            }
        }
    }

    private static String actorKey(String baseUrl) throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/users/alice"))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String pem = JSON.readTree(r.body()).get("publicKey").get("publicKeyPem").asText();
        assertThat(pem).contains("PUBLIC KEY");
        return pem;
    }

    private static byte[] bytes(String url) throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isNotEmpty();
        return r.body();
    }

    /** A copy of a zip with some entries' bytes changed. */
    private Path rewrite(Path zip, java.util.function.BiFunction<String, byte[], byte[]> change) throws IOException {
        Path out = tempDir().resolve("altered.zip");
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream o = new ZipOutputStream(Files.newOutputStream(out))) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                o.putNextEntry(new ZipEntry(e.getName()));
                o.write(change.apply(e.getName(), bytes));
                o.closeEntry();
            }
        }
        return out;
    }

    private TestInstance started(TestInstance i) {
        instances.add(i);
        return i;
    }

    private Path tempDir() throws IOException {
        Path p = Files.createTempDirectory("atoll-backup-test");
        temp.add(p);
        return p;
    }

    private record Cli(int code, String out, String err) {}

    /** Runs the atoll command in process, capturing what it prints. */
    private static synchronized Cli cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Atoll.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        out.print(o.toString(StandardCharsets.UTF_8));
        err.print(e.toString(StandardCharsets.UTF_8));
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
