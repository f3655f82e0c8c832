package social.atoll.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.instagram.ExportArchive;
import social.atoll.core.instagram.InstagramImporter;
import social.atoll.core.status.Visibility;

/**
 * Import rate of a generated Instagram export (2020–2023 layout, one JPEG per post, 1080×1080 as Instagram stores
 * them) into a throw-away instance: unpacking and reading, then the posts, run in this thread batch by batch as the
 * job would run them. Prints photos per second.
 */
public final class InstagramImportBench {

    private InstagramImportBench() {}

    public static void run(int photos, int size, String dbUrl) throws Exception {
        Path dir = Files.createTempDirectory("atoll-bench-ig");
        try {
            Map<String, String> flags = new HashMap<>();
            flags.put("ATOLL_DATA_DIR", dir.toString());
            flags.put("ATOLL_DOMAIN", "localhost:3000");
            if (dbUrl != null) flags.put("ATOLL_DB_URL", dbUrl);
            Settings settings = new SettingsLoader(flags, Map.of(), null).load();
            System.out.printf("database: %s; %d photos of %dx%d px%n", settings.isPostgres() ? "PostgreSQL" : "SQLite", photos, size, size);
            Path zip = dir.resolve("export.zip");
            long g0 = System.nanoTime();
            List<InstagramExports.Post> posts = new ArrayList<>();
            Instant t = Instant.parse("2015-01-01T00:00:00Z");
            for (int i = 0; i < photos; i++)
                posts.add(new InstagramExports.Post(t.plusSeconds(86_400L * i), "Photo " + i + " #bench caf\u00e9",
                        List.of(new InstagramExports.File("p" + i + ".jpg", photo(size, i)))));
            InstagramExports.write(zip, InstagramExports.Layout.CONTENT_2020, posts);
            System.out.printf("export written: %.1f MB (%.1f s, not measured)%n", Files.size(zip) / 1e6, (System.nanoTime() - g0) / 1e9);
            try (App app = new App(settings)) {
                User u = app.core.accountService.createLocal(new NewLocalAccount("bench", "bench@bench.test", "bench-password",
                        User.Role.USER, true, true, "en", null, null), true);
                InstagramImporter importer = app.core.instagramImport;
                long t0 = System.nanoTime();
                var started = importer.start(u.accountId(), zip, new InstagramImporter.Options(Visibility.PUBLIC, false), false);
                long t1 = System.nanoTime();
                while (!importer.step(started.importId(), 25).finished()) { /* next batch */ }
                long t2 = System.nanoTime();
                var r = importer.report(started.importId());
                double secs = (t2 - t0) / 1e9;
                System.out.printf("unpack+read %.2f s, posts %.2f s; imported %d posts, %d photos; %.1f photos/s overall%n",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, r.postsImported(), r.mediaImported(), r.mediaImported() / secs);
            }
        } finally {
            ExportArchive.delete(dir);
        }
    }

    /** A gradient with a few shapes: JPEG-compressible like a photo, different for each post. */
    private static byte[] photo(int size, int seed) throws java.io.IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 37 % 256, 120, 200), size, size, new Color(250, seed * 13 % 256, 40)));
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        for (int k = 0; k < 6; k++) g.fillOval((seed * 31 + k * 97) % size, (seed * 17 + k * 151) % size, size / 8, size / 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
