package social.atoll.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Visibility;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * No query per post on the photo views: Discover, a collection's posts over the API and its page, and an account's
 * collections cost the same number of SQL statements with few items as with many (the database's statement counter,
 * as {@link QueryCountIT} uses it).
 */
class PhotoQueryCountIT {

    private record Unit(String name, int statements) {}

    private static final List<Unit> units = new CopyOnWriteArrayList<>();
    private static TestInstance atoll;
    private static long alice;
    private static String token;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        token = atoll.createUser("alice");
        alice = atoll.app().core.accounts.byAcct("alice", null).orElseThrow().id();
        atoll.app().infra.db.statements().listen((unit, n) -> units.add(new Unit(unit, n)));
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static int get(String unit, String path) {
        units.clear();
        TestHttp.Response r = atoll.http().get(path, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Await.until(unit + " is counted", () -> units.stream().anyMatch(u -> u.name().equals(unit)));
        int n = units.stream().filter(u -> u.name().equals(unit)).findFirst().orElseThrow().statements();
        System.out.printf("statements: %-50s %d%n", path, n);
        return n;
    }

    @Test
    void photoViewsCostTheSameForFewAndManyPosts() throws Exception {
        var collections = atoll.app().core.collections;
        var few = collections.create(alice, "Few", "", "public");
        var many = collections.create(alice, "Many", "", "public");
        for (int i = 0; i < 2; i++) collections.add(alice, few.id(), photo(i));
        // the token's first use stamps it (one more statement, once): out of the way before counting
        atoll.http().get("/api/v1/accounts/verify_credentials", token);
        int discoverFew = get("GET /discover", "/discover");
        for (int i = 0; i < 8; i++) collections.add(alice, many.id(), photo(10 + i));
        int discoverMany = get("GET /discover", "/discover");
        assertThat(discoverMany).as("Discover with 10 photos against 2").isEqualTo(discoverFew);

        int itemsFew = get("GET /api/v1.1/collections/items/{id}", "/api/v1.1/collections/items/" + few.id());
        int itemsMany = get("GET /api/v1.1/collections/items/{id}", "/api/v1.1/collections/items/" + many.id());
        assertThat(itemsMany).as("a collection of 8 posts against 2").isEqualTo(itemsFew);

        int pageFew = get("GET /@{acct}/collections/{id}", "/@alice/collections/" + few.id());
        int pageMany = get("GET /@{acct}/collections/{id}", "/@alice/collections/" + many.id());
        assertThat(pageMany).as("a collection's page of 8 posts against 2").isEqualTo(pageFew);

        int two = get("GET /api/v1.1/collections/accounts/{id}", "/api/v1.1/collections/accounts/" + alice);
        for (int i = 0; i < 3; i++) collections.add(alice, collections.create(alice, "More " + i, "", "public").id(), photo(30 + i));
        int five = get("GET /api/v1.1/collections/accounts/{id}", "/api/v1.1/collections/accounts/" + alice);
        assertThat(five).as("five collections against two").isEqualTo(two);
    }

    private static long photo(int n) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(n * 40 % 256, 120, 200));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        Path file = Files.createTempFile("qc", ".png");
        ImageIO.write(img, "png", file.toFile());
        var media = atoll.app().core.media.upload(alice, new MediaUpload(file, "qc.png", "image/png", Files.size(file)), null, "photo " + n, null, false);
        Files.deleteIfExists(file);
        var posted = atoll.app().core.posting.post(alice, new NewStatus("photo " + n, null, null, Visibility.PUBLIC, null, "en", null,
                List.of(Long.toString(media.id())), null, null, null));
        return ((PostStatusService.Published) posted).status().id();
    }
}
