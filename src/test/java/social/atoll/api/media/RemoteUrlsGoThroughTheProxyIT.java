package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The privacy media proxy's coverage: of everything a remote status brings (remote avatar and header, remote
 * attachment not cached, images in its HTML, a custom emoji, a link preview), a reader's app is handed no URL it
 * would load from another server. Every URL in the Status JSON is listed by its path: those an app loads must be on
 * this server's origin; the others are links a reader follows on purpose (the status's and account's pages, the
 * card's target).
 */
class RemoteUrlsGoThroughTheProxyIT {

    /** URL fields that are links to other servers by nature: never loaded without the reader asking. */
    private static final Set<String> LINKS = Set.of("/uri", "/url", "/account/uri", "/account/url", "/card/url",
            "/card/provider_url", "/card/author_url", "/card/embed_url", "/mentions/url", "/tags/url");

    private static FakeFediServer remote;
    private static HttpServer pages;
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        remote = FakeFediServer.start();
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] png = TestImages.encode(TestImages.halves(120, 60), "png");
        pages.createContext("/article", ex -> {
            byte[] html = ("<html><head><title>Remote article</title><meta property=\"og:image\" content=\"/cover.png\">"
                    + "</head></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        pages.createContext("/cover.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        pages.start();
        // remote files are not copied into the store: every remote picture must be relayed by the proxy
        atoll = Fed.start(Map.of("ATOLL_CACHE_REMOTE_MEDIA", "false"));
    }

    @AfterAll
    static void stop() {
        atoll.close();
        remote.close();
        pages.stop(0);
    }

    @Test
    void aRemoteStatusHandsReadersOnlyUrlsOfThisServer() throws Exception {
        FakeFediServer.Actor bob = remote.actor("pictured");
        ObjectNode doc = remote.document(bob);
        doc.putObject("icon").put("type", "Image").put("mediaType", "image/png").put("url", remote.base() + "/files/avatar.png");
        doc.putObject("image").put("type", "Image").put("mediaType", "image/png").put("url", remote.base() + "/files/header.png");
        String token = atoll.createUser("reader");
        Fed.followRemote(atoll, token, remote, bob); // statuses of accounts nobody here follows are not kept

        String page = "http://127.0.0.1:" + pages.getAddress().getPort() + "/article";
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        String html = "<p>look :blob: <img src=\"" + remote.base() + "/files/inline.png\"> <a href=\"" + page + "\">" + page + "</a></p>";
        String note = Fed.createNote(bob, noteId, html, "[\"https://www.w3.org/ns/activitystreams#Public\"]", "[]",
                "[{\"type\": \"Emoji\", \"name\": \":blob:\", \"icon\": {\"type\": \"Image\", \"url\": \"" + remote.base() + "/files/blob.png\"}}]",
                null);
        ObjectNode create = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(note);
        ObjectNode attachment = ((ObjectNode) create.get("object")).putArray("attachment").addObject();
        attachment.put("type", "Document").put("mediaType", "image/png").put("url", remote.base() + "/files/photo.png")
                .put("name", "a photo").put("width", 800).put("height", 600);
        attachment.putArray("focalPoint").add(0.5).add(-0.25);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, create)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        long statusId = atoll.app().infra.db.read(h -> h.createQuery("SELECT id FROM statuses WHERE uri = :u").bind("u", noteId)
                .mapTo(Long.class).one());
        long cardId = atoll.app().infra.db.read(h -> h.createQuery("SELECT card_id FROM status_preview_cards WHERE status_id = :s")
                .bind("s", statusId).mapTo(Long.class).one());
        atoll.app().core.cards.fetch(cardId); // the queued fetch waits a random delay; run it now

        Await.until("the status is readable", () -> atoll.http().get("/api/v1/statuses/" + statusId, token).status() == 200);
        JsonNode status = atoll.http().get("/api/v1/statuses/" + statusId, token).json();
        assertThat(status.get("media_attachments")).hasSize(1);
        // the author's focal point (Mastodon's toot:focalPoint) reaches the API's meta
        assertThat(status.at("/media_attachments/0/meta/focus/x").asDouble()).isEqualTo(0.5);
        assertThat(status.at("/media_attachments/0/meta/focus/y").asDouble()).isEqualTo(-0.25);
        assertThat(status.get("card").isNull()).isFalse();
        assertThat(status.at("/account/avatar").asText()).contains("/media_proxy/");

        List<String> urls = new ArrayList<>();
        collect(status, "", urls);
        String own = atoll.baseUrl() + "/";
        for (String entry : urls) {
            String path = entry.substring(0, entry.indexOf(' '));
            String url = entry.substring(entry.indexOf(' ') + 1);
            if (LINKS.contains(path)) continue;
            assertThat(url).as(path).startsWith(own);
        }
        // every kind of picture was looked at: attachment (url, preview, remote), avatar, header, card image
        assertThat(urls).anyMatch(u -> u.startsWith("/media_attachments/url ")).anyMatch(u -> u.startsWith("/media_attachments/preview_url "))
                .anyMatch(u -> u.startsWith("/media_attachments/remote_url ")).anyMatch(u -> u.startsWith("/account/avatar_static "))
                .anyMatch(u -> u.startsWith("/account/header_static ")).anyMatch(u -> u.startsWith("/card/image "));
        // images in remote HTML are removed by the sanitizer, so the content names no picture to load
        assertThat(status.get("content").asText()).doesNotContain("<img").doesNotContain("inline.png").doesNotContain("src=");

        // the web app's pages of that status and its author: every picture, video and sound a browser loads on its
        // own (src, srcset, poster, the og:image, and data- attributes the scripts load) is on this server
        var web = new social.atoll.web.FormClient(atoll.baseUrl()).signIn("reader");
        String acct = status.at("/account/acct").asText();
        for (String path : List.of("/@" + acct + "/" + statusId, "/@" + acct, "/home")) {
            var answer = web.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            org.jsoup.nodes.Document parsed = org.jsoup.Jsoup.parse(answer.body(), atoll.baseUrl() + path);
            List<String> loaded = new ArrayList<>();
            for (org.jsoup.nodes.Element e : parsed.getAllElements()) {
                for (org.jsoup.nodes.Attribute a : e.attributes()) {
                    String k = a.getKey();
                    boolean loads = k.equals("src") || k.equals("srcset") || k.equals("poster") || (k.startsWith("data-") && !k.equals("data-href"))
                            || (e.tagName().equals("meta") && k.equals("content") && e.attr("property").startsWith("og:image"))
                            || (e.tagName().equals("link") && k.equals("href") && !e.attr("rel").contains("alternate") && !e.attr("rel").equals("canonical"));
                    if (!loads) continue;
                    for (String part : a.getValue().split(",")) {
                        String url = part.strip().split("\\s+")[0];
                        if (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("//")) loaded.add(e.tagName() + "@" + k + " " + url);
                    }
                }
            }
            assertThat(loaded).as(path).allMatch(u -> u.substring(u.indexOf(' ') + 1).startsWith(own), "on " + own);
            assertThat(answer.body()).as(path).doesNotContain(remote.base() + "/files/");
        }
        String statusPage = web.get("/@" + acct + "/" + statusId).body();
        assertThat(statusPage).contains("/media_proxy/"); // the avatar, the photo and the card image are there, proxied
    }

    /** Every string that is an absolute http(s) URL, as "path url" (array indexes left out of the path). */
    private static void collect(JsonNode n, String path, List<String> out) {
        if (n.isObject()) n.properties().forEach(e -> collect(e.getValue(), path + "/" + e.getKey(), out));
        else if (n.isArray()) n.forEach(v -> collect(v, path, out));
        else if (n.isTextual() && (n.asText().startsWith("http://") || n.asText().startsWith("https://"))) out.add(path + " " + n.asText());
    }
}
