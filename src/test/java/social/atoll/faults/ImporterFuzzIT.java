package social.atoll.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import social.atoll.core.archive.ArchiveImporter;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.instagram.InstagramImporter;
import social.atoll.core.portability.CsvKind;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The three importers (Instagram exports, Mastodon-format archives, Mastodon's CSV files) with generated files:
 * ZIPs whose entries have unsafe names, broken or hostile JSON, zeros that expand enormously, and CSV with stray
 * quotes, control characters and huge cells. Each file is either taken or refused with the importer's own one-line
 * error — never another exception — and a refused file leaves no unpacked directory behind. What was taken is
 * processed to the end without a job dying.
 */
class ImporterFuzzIT {

    private static TestInstance atoll;
    private static long accountId;
    private static final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        atoll = TestInstance.start();
        atoll.createUser("importer");
        accountId = atoll.app().core.accounts.byAcct("importer", null).orElseThrow().id();
    }

    @AfterContainer
    static void stop() {
        try {
            System.out.printf("importer fuzz: outcomes %s%n", new TreeMap<>(outcomes));
            // CSV lines wait on remote lookups at a polite rate per server, so only the ZIP importers are awaited
            Await.until("the imports that were taken are processed", java.time.Duration.ofSeconds(120), () -> {
                var pending = atoll.app().infra.jobs.pendingCounts();
                return pending.getOrDefault(InstagramImporter.JOB.name(), 0) == 0 && pending.getOrDefault(ArchiveImporter.JOB.name(), 0) == 0;
            });
            assertThat(atoll.app().infra.jobs.deadJobs(50)).as("import jobs that died")
                    .noneMatch(j -> j.taskName().contains("import"));
            // a job that failed and was retried also met something it did not expect (the jobs record their own
            // refusals as outcomes; a retry is an exception)
            double retried = atoll.app().infra.metrics.registry().find("atoll.jobs").tag("outcome", "retried").counters().stream()
                    .filter(c -> c.getId().getTag("type").contains("import")).mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
            assertThat(retried).as("import job runs that failed and were retried").isZero();
        } finally {
            atoll.close();
        }
    }

    /** One ZIP entry: a name and its bytes. */
    record Entry(String name, byte[] bytes) {
        @Override
        public String toString() { return name + " (" + bytes.length + " bytes)"; }
    }

    @Property(tries = 120, seed = "20261205")
    void aGeneratedArchiveIsTakenOrRefusedCleanly(@ForAll("archiveEntries") List<Entry> entries) throws IOException {
        Path zip = zip(entries);
        try {
            atoll.app().core.archiveImport.start(accountId, zip, new ArchiveImporter.Options(entries.size() % 2 == 0));
            outcomes.merge("archive taken", 1, Integer::sum);
        } catch (ImportException refused) {
            outcomes.merge("archive refused: " + refused.getMessage().replaceAll("[0-9]+", "N").substring(0, Math.min(50, refused.getMessage().length())), 1, Integer::sum);
            assertThat(unpackedLeftovers("archive-")).as("refused: %s, left behind", refused.getMessage()).isEmpty();
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    @Property(tries = 120, seed = "20261205")
    void aGeneratedInstagramExportIsTakenOrRefusedCleanly(@ForAll("instagramEntries") List<Entry> entries) throws IOException {
        Path zip = zip(entries);
        try {
            atoll.app().core.instagramImport.start(accountId, zip, new InstagramImporter.Options(Visibility.PUBLIC, false), false);
            outcomes.merge("instagram taken", 1, Integer::sum);
        } catch (ImportException refused) {
            outcomes.merge("instagram refused", 1, Integer::sum);
            assertThat(unpackedLeftovers("instagram-")).as("refused: %s, left behind", refused.getMessage()).isEmpty();
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    @Property(tries = 300, seed = "20261205")
    void aGeneratedCsvFileIsTakenOrRefusedCleanly(@ForAll("csv") String text, @ForAll("csvKinds") CsvKind kind) {
        try {
            atoll.app().core.csvImports.start(accountId, kind, text.length() % 2 == 0, text.getBytes(StandardCharsets.UTF_8));
            outcomes.merge("csv taken", 1, Integer::sum);
        } catch (ValidationException refused) {
            outcomes.merge("csv refused", 1, Integer::sum);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static List<Path> unpackedLeftovers(String prefix) {
        Path imports = atoll.dataDir().resolve("imports");
        if (!Files.isDirectory(imports)) return List.of();
        // directories of imports that were taken stay until their job ends; a refused one has no row, so compare
        List<String> taken = atoll.app().infra.db.read(h -> Stream.concat(
                h.createQuery("SELECT dir FROM archive_imports").mapTo(String.class).list().stream(),
                h.createQuery("SELECT dir FROM instagram_imports").mapTo(String.class).list().stream()).toList());
        try (Stream<Path> dirs = Files.list(imports)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> taken.stream().noneMatch(t -> Path.of(t).getFileName().equals(d.getFileName()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path zip(List<Entry> entries) throws IOException {
        Path zip = Files.createTempFile("fuzz", ".zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Entry e : entries) {
                if (!names.add(e.name())) continue; // a ZIP cannot hold one name twice here
                out.putNextEntry(new ZipEntry(e.name()));
                out.write(e.bytes());
                out.closeEntry();
            }
        }
        Files.write(zip, bytes.toByteArray());
        return zip;
    }

    @Provide
    Arbitrary<CsvKind> csvKinds() { return Arbitraries.of(CsvKind.values()); }

    @Provide
    Arbitrary<String> csv() {
        Arbitrary<String> cell = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("@alice@remote.invalid", "bob@remote.invalid", "importer", "nobody", "true", "false", "en,de",
                        "list one", "https://remote.invalid/@x/1", "remote.invalid", "@x@127.0.0.1")),
                Tuple.of(2, Arbitraries.strings().withChars('"', ',', '\n', '\r', '\u0000', '\ufeff', 'a', '@', '.', ' ').ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 50_000).map("x"::repeat)));
        Arbitrary<String> line = cell.list().ofMinSize(1).ofMaxSize(5).map(cells -> String.join(",", cells));
        Arbitrary<String> header = Arbitraries.of("", "Account address,Show boosts,Notify on new posts,Languages\n",
                "Account address,Hide notifications\n", "#domain,#severity\n", "\ufeffAccount address\n");
        return Combinators.combine(header, line.list().ofMaxSize(30)).as((h, lines) -> h + String.join("\n", lines));
    }

    @Provide
    Arbitrary<List<Entry>> archiveEntries() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("outbox.json", "actor.json", "likes.json", "bookmarks.json", "media_attachments/files/1/a.png",
                        "avatar.png", "header.jpg")),
                Tuple.of(1, Arbitraries.of("../outbox.json", "/etc/outbox.json", "a/../../b.json", "media_attachments/../../x.png",
                        "n".repeat(300) + ".json", "ünï/cødé.json", "outbox.json/")));
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                Tuple.of(5, outbox().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, junk()));
        return Combinators.combine(name, body).as(Entry::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Entry>> instagramEntries() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("your_instagram_activity/content/posts_1.json", "content/posts_1.json", "media.json",
                        "media/posts/202401/a.jpg", "media/posts/202401/b.webp")),
                Tuple.of(1, Arbitraries.of("../media.json", "media/../../../a.jpg", "/media.json")));
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                Tuple.of(5, instagramPosts().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, junk()));
        return Combinators.combine(name, body).as(Entry::new).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Bytes that are not what their name says: random, empty, NUL, or zeros that a ZIP shrinks a thousandfold. */
    private Arbitrary<byte[]> junk() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(new byte[0], new byte[] {0, 0, 0}, "{".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                        "null".getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(0).map(x -> new byte[3 * 1024 * 1024]));
    }

    /** JSON shaped like an outbox, with values of the right type or not. */
    private Arbitrary<String> outbox() {
        Arbitrary<String> value = Arbitraries.of("\"<p>hi</p>\"", "\"<script>alert(1)</script>\"", "null", "5", "[]", "{}", "\"\\u0000\"",
                "\"https://www.w3.org/ns/activitystreams#Public\"", "\"2020-01-01T00:00:00Z\"", "\"not a date\"", "true");
        Arbitrary<String> content = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("\"<p>hi</p>\"", "\"<p>caf\u00e9 #tag</p>\"")), Tuple.of(1, value));
        Arbitrary<String> to = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("[\"https://www.w3.org/ns/activitystreams#Public\"]")), Tuple.of(1, value));
        Arbitrary<String> published = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("\"2020-01-01T00:00:00Z\"")), Tuple.of(1, value));
        Arbitrary<String> item = Combinators.combine(content, to, published, value, value, value).as((c, t, p, reply, att, summary) -> """
                {"type": "Create", "object": {"type": "Note", "id": "https://old.example/statuses/%d", "content": %s, "to": %s,
                 "published": %s, "inReplyTo": %s, "attachment": %s, "summary": %s}}"""
                .formatted(Math.abs((c + t + p + reply + att + summary).hashCode()), c, t, p, reply, att, summary));
        return item.list().ofMaxSize(6).map(items -> """
                {"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection", "orderedItems": [%s]}"""
                .formatted(String.join(",", items)));
    }

    /** JSON shaped like Instagram's posts file, with values of the right type or not. */
    private Arbitrary<String> instagramPosts() {
        Arbitrary<String> value = Arbitraries.of("\"media/posts/202401/a.jpg\"", "\"../../../etc/passwd\"", "\"media/\\u0000.jpg\"", "1700000000", "-1", "null", "[]",
                "\"Caf\\u00c3\\u00a9 \\u00f0\\u009f\\u0098\\u0080\"", "\"#tag @someone\"", "{}", "\"\"");
        Arbitrary<String> media = Combinators.combine(value, value, value).as((uri, ts, title) ->
                "{\"uri\": %s, \"creation_timestamp\": %s, \"title\": %s}".formatted(uri, ts, title));
        Arbitrary<String> post = Combinators.combine(media.list().ofMaxSize(12), value).as((m, title) ->
                "{\"media\": [%s], \"title\": %s, \"creation_timestamp\": 1700000000}".formatted(String.join(",", m), title));
        return post.list().ofMaxSize(5).map(posts -> "[" + String.join(",", posts) + "]");
    }
}
