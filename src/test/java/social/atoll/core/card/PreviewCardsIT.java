package social.atoll.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.testing.TestInstance;

/** Link previews: one card and one fetch per URL however many statuses link to it; OpenGraph read; image stored. */
class PreviewCardsIT {

    private static HttpServer origin;
    private static String originUrl;
    private static final AtomicInteger pageHits = new AtomicInteger();
    private static final AtomicInteger imageHits = new AtomicInteger();
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        BufferedImage img = new BufferedImage(1200, 630, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 1200, 630);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/article", ex -> {
            pageHits.incrementAndGet();
            byte[] html = """
                    <!doctype html><html><head><title>Fallback title</title>
                    <meta property="og:title" content="Cats &amp; Dogs">
                    <meta property='og:description' content='Everything about &quot;pets&quot;'>
                    <meta property="og:image" content="/cover.png"><meta property="og:site_name" content="Pet News">
                    <script>document.write('<meta property="og:title" content="injected">')</script>
                    </head><body>hi</body></html>""".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        serve("/clip", "text/html", """
                <html><head><title>A clip</title><meta property="og:description" content="Watch this">
                <link rel="alternate" type="application/json+oembed" href="/oembed.json?url=clip&amp;format=json" title="oEmbed">
                </head><body></body></html>""");
        serve("/oembed.json", "application/json", """
                {"version": "1.0", "type": "video", "title": "Clip title", "author_name": "Clip Maker",
                 "author_url": "https://videos.example/@maker", "provider_name": "Videos", "provider_url": "https://videos.example/",
                 "width": 480, "height": 270, "thumbnail_url": "/cover.png",
                 "html": "<iframe src=\\"https://videos.example/embed/1\\" width=\\"480\\" height=\\"270\\" onload=\\"steal()\\" allowfullscreen></iframe><script>steal()</script><img src=\\"https://tracker.example/p.gif\\">"}
                """);
        serve("/picture", "text/html", """
                <html><head><link href="/photo-oembed.json" type="application/json+oembed" rel="alternate"></head></html>""");
        serve("/photo-oembed.json", "application/json", """
                {"type": "photo", "title": "A picture", "url": "/cover.png", "width": 1200, "height": 630}""");
        serve("/scripted", "text/html", """
                <html><head><title>Scripted</title>
                <link rel="alternate" type="application/json+oembed" href="/bad-oembed.json"></head></html>""");
        serve("/bad-oembed.json", "application/json", """
                {"type": "rich", "title": "Only script", "html": "<script>alert(1)</script><iframe src=\\"javascript:alert(1)\\"></iframe>"}
                """);
        origin.createContext("/cover.png", ex -> {
            imageHits.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        origin.start();
        originUrl = "http://127.0.0.1:" + origin.getAddress().getPort();
        // no workers: the queued fetch stays queued, and the test runs it itself (no race with the random delay)
        atoll = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true", "ATOLL_ROLE", "web"));
    }

    @AfterAll
    static void stop() {
        atoll.close();
        origin.stop(0);
    }

    private static void serve(String path, String type, String body) {
        origin.createContext(path, ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    private static long count(String sql, Object... binds) {
        return atoll.app().infra.db.read(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < binds.length; i++) q.bind(i, binds[i]);
            return q.mapTo(Long.class).one();
        });
    }

    /**
     * A status with this HTML, announced as created, as statuses arriving from other servers are (Atoll's own
     * formatter does not link bare IP addresses, and the test page lives on one).
     */
    private static String created(String username, String html) {
        long accountId = atoll.app().core.accounts.byAcct(username, null).orElseThrow().id();
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO statuses (id, uri, account_id, local, text, content, visibility, created_at, updated_at) "
                            + "VALUES (:id, :uri, :a, TRUE, '', :html, 'public', 0, 0)")
                    .bind("id", id).bind("uri", atoll.baseUrl() + "/users/" + username + "/statuses/" + id).bind("a", accountId)
                    .bind("html", html).execute();
            Status s = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", id).map(StatusStore.STATUS).one();
            atoll.app().infra.events.publish(new StatusEvents.StatusCreated(s, null, List.of()));
            return null;
        });
        return Long.toString(id);
    }

    @Test
    void aFloodOfStatusesLinkingOnePageCausesOneFetch() throws Exception {
        atoll.createUser("linker");
        String url = originUrl + "/article";
        List<String> ids = new ArrayList<>();
        long jobsBefore = count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'card.fetch'");
        for (int i = 0; i < 12; i++) {
            ids.add(created("linker", "<p><a href=\"https://x.example/tags/news\" class=\"mention hashtag\" rel=\"tag\">#news</a> number " + i
                    + " <a href=\"" + url + "\" rel=\"nofollow noopener\">" + url + "</a></p>"));
        }
        assertThat(count("SELECT COUNT(*) FROM preview_cards WHERE url = ?", url)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM status_preview_cards sp JOIN preview_cards c ON c.id = sp.card_id WHERE c.url = ?", url)).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'card.fetch'")).isEqualTo(jobsBefore + 1);
        // not shown before it is fetched
        assertThat(atoll.http().get("/api/v1/statuses/" + ids.get(0), null).json().get("card").isNull()).isTrue();

        long cardId = count("SELECT id FROM preview_cards WHERE url = ?", url);
        int pagesBefore = pageHits.get();
        int imagesBefore = imageHits.get();
        atoll.app().core.cards.fetch(cardId);
        atoll.app().core.cards.fetch(cardId);
        assertThat(pageHits.get()).isEqualTo(pagesBefore + 1);
        assertThat(imageHits.get()).isEqualTo(imagesBefore + 1);

        for (String id : List.of(ids.get(0), ids.get(11))) {
            JsonNode card = atoll.http().get("/api/v1/statuses/" + id, null).json().get("card");
            assertThat(card.get("title").asText()).isEqualTo("Cats & Dogs");
            assertThat(card.get("description").asText()).isEqualTo("Everything about \"pets\"");
            assertThat(card.get("provider_name").asText()).isEqualTo("Pet News");
            assertThat(card.get("type").asText()).isEqualTo("link");
            assertThat(card.get("url").asText()).isEqualTo(url);
            assertThat(card.get("blurhash").asText()).isNotEmpty();
            assertThat((long) card.get("width").asInt() * card.get("height").asInt()).isLessThanOrEqualTo(230_400L).isPositive();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<byte[]> image = client.send(HttpRequest.newBuilder(URI.create(card.get("image").asText())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(image.statusCode()).isEqualTo(200);
                assertThat(ImageIO.read(new java.io.ByteArrayInputStream(image.body())).getWidth()).isEqualTo(card.get("width").asInt());
            }
        }
    }

    @Test
    void anOEmbedVideoBecomesAVideoCardWithOnlyASandboxedIframe() {
        atoll.createUser("videolinker");
        String url = originUrl + "/clip";
        String id = created("videolinker", "<p>see <a href=\"" + url + "\">" + url + "</a></p>");
        atoll.app().core.cards.fetch(count("SELECT id FROM preview_cards WHERE url = ?", url));
        JsonNode card = atoll.http().get("/api/v1/statuses/" + id, null).json().get("card");
        assertThat(card.get("type").asText()).isEqualTo("video");
        assertThat(card.get("title").asText()).isEqualTo("Clip title");
        assertThat(card.get("description").asText()).isEqualTo("Watch this");
        assertThat(card.get("author_name").asText()).isEqualTo("Clip Maker");
        assertThat(card.get("author_url").asText()).isEqualTo("https://videos.example/@maker");
        assertThat(card.get("provider_name").asText()).isEqualTo("Videos");
        assertThat(card.get("width").asInt()).isEqualTo(480);
        assertThat(card.get("height").asInt()).isEqualTo(270);
        String html = card.get("html").asText();
        assertThat(html).startsWith("<iframe").contains("src=\"https://videos.example/embed/1\"").contains("sandbox=")
                .doesNotContain("onload").doesNotContain("<script").doesNotContain("steal").doesNotContain("<img").doesNotContain("tracker");
        // the thumbnail went through the media pipeline: readers load it from this server
        assertThat(card.get("image").asText()).startsWith(atoll.baseUrl());

        // a photo: its picture is the card's image (stored here), and embed_url, the remote picture, is relayed
        String picture = originUrl + "/picture";
        String photoStatus = created("videolinker", "<p><a href=\"" + picture + "\">" + picture + "</a></p>");
        atoll.app().core.cards.fetch(count("SELECT id FROM preview_cards WHERE url = ?", picture));
        JsonNode photo = atoll.http().get("/api/v1/statuses/" + photoStatus, null).json().get("card");
        assertThat(photo.get("type").asText()).isEqualTo("photo");
        assertThat(photo.get("title").asText()).isEqualTo("A picture");
        assertThat(photo.get("width").asInt()).isEqualTo(1200);
        assertThat(photo.get("image").asText()).startsWith(atoll.baseUrl());
        assertThat(photo.get("embed_url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");

        // an embed with nothing safe in it is a plain link card
        String scripted = originUrl + "/scripted";
        String other = created("videolinker", "<p><a href=\"" + scripted + "\">" + scripted + "</a></p>");
        atoll.app().core.cards.fetch(count("SELECT id FROM preview_cards WHERE url = ?", scripted));
        JsonNode plain = atoll.http().get("/api/v1/statuses/" + other, null).json().get("card");
        assertThat(plain.get("type").asText()).isEqualTo("link");
        assertThat(plain.get("title").asText()).isEqualTo("Only script");
        assertThat(plain.get("html").asText()).isEmpty();
    }

    @Test
    void somethingThatIsNotAPageGetsNoCard() {
        atoll.createUser("imagelinker");
        String url = originUrl + "/cover.png";
        String id = created("imagelinker", "<p>look <a href=\"" + url + "\">" + url + "</a></p>");
        long cardId = count("SELECT id FROM preview_cards WHERE url = ?", url);
        atoll.app().core.cards.fetch(cardId);
        assertThat(atoll.http().get("/api/v1/statuses/" + id, null).json().get("card").isNull()).isTrue();
        assertThat(atoll.app().core.cards.byId(cardId).orElseThrow().state()).isEqualTo("failed");
    }

    @Test
    void mentionsAndHashtagsAreNotPreviewed() {
        assertThat(PreviewCardService.firstLink("<p><a href=\"https://x.example/tags/a\" class=\"mention hashtag\" rel=\"tag\">#a</a> "
                + "<span class=\"h-card\"><a href=\"https://x.example/@b\" class=\"u-url mention\">@b</a></span> "
                + "<a href=\"https://news.example/a?x=1&amp;y=2\" target=\"_blank\">news</a></p>")).contains("https://news.example/a?x=1&y=2");
        assertThat(PreviewCardService.firstLink("<p>no links</p>")).isEmpty();
    }
}
