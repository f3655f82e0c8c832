package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import social.atoll.core.collection.PhotoCollection;
import social.atoll.core.media.MediaUpload;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * A collection's RSS feed (issue 11), as the account's {@code /@alice.rss}: RSS 2.0 at
 * {@code /@alice/collections/ID.rss}, its public posts in the owner's order, photos as enclosures and Media RSS with
 * their alt text; advertised in the collection page's head; none for a private collection, and a followers-only
 * post in a public collection stays out.
 */
class CollectionFeedIT {

    private static final String MEDIA_RSS = "http://search.yahoo.com/mrss/";

    private static TestInstance atoll;
    private static String alice;
    private static long aliceId;
    private static String photoPost;
    private static String textPost;
    private static String followersPost;
    private static PhotoCollection trip;
    private static PhotoCollection hidden;
    private static PhotoCollection linkOnly;

    @BeforeAll
    static void start() throws Exception {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        atoll.createUser("bob");
        aliceId = Long.parseLong(atoll.http().get("/api/v1/accounts/verify_credentials", alice).json().get("id").asText());
        textPost = post("Notes from the reef #atoll", "public");
        followersPost = post("Only for the people who follow me", "private");
        photoPost = photo("The lagoon at dawn", "A turquoise lagoon under a pink sky");
        var collections = atoll.app().core.collections;
        trip = collections.create(aliceId, "Atoll trip", "Ten days on the reef", "public");
        collections.add(aliceId, trip.id(), Long.parseLong(textPost));
        collections.add(aliceId, trip.id(), Long.parseLong(followersPost));
        collections.add(aliceId, trip.id(), Long.parseLong(photoPost));
        collections.move(aliceId, trip.id(), Long.parseLong(photoPost), -1);
        collections.move(aliceId, trip.id(), Long.parseLong(photoPost), -1);
        hidden = collections.create(aliceId, "Close friends", "", "private");
        collections.add(aliceId, hidden.id(), Long.parseLong(textPost));
        linkOnly = collections.create(aliceId, "Drafts for friends", "", "unlisted");
        collections.add(aliceId, linkOnly.id(), Long.parseLong(textPost));
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void aPublicCollectionsFeedHoldsItsPublicPostsInTheOwnersOrderWithTheirPhotos() throws Exception {
        TestHttp.Response r = atoll.http().get("/@alice/collections/" + trip.id() + ".rss");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/rss+xml");
        Document rss = xml(r.body());
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        assertThat(rss.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(text(channel, "title")).startsWith("Atoll trip (");
        assertThat(text(channel, "link")).isEqualTo(atoll.baseUrl() + "/@alice/collections/" + trip.id());
        assertThat(text(channel, "description")).isEqualTo("Ten days on the reef");
        assertThat(text(channel, "lastBuildDate")).endsWith("GMT");

        NodeList items = channel.getElementsByTagName("item");
        List<String> links = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) links.add(text((Element) items.item(i), "link"));
        // the photo was moved first; the followers-only post is not for a feed
        assertThat(links).containsExactly(atoll.baseUrl() + "/@alice/" + photoPost, atoll.baseUrl() + "/@alice/" + textPost);

        Element photo = (Element) items.item(0);
        assertThat(text(photo, "description")).contains("The lagoon at dawn");
        Element enclosure = (Element) photo.getElementsByTagName("enclosure").item(0);
        assertThat(enclosure.getAttribute("type")).startsWith("image/");
        assertThat(Long.parseLong(enclosure.getAttribute("length"))).isPositive();
        assertThat(atoll.http().get(enclosure.getAttribute("url").substring(atoll.baseUrl().length())).status()).isEqualTo(200);
        Element content = (Element) photo.getElementsByTagNameNS(MEDIA_RSS, "content").item(0);
        assertThat(content.getAttribute("url")).isEqualTo(enclosure.getAttribute("url"));
        assertThat(content.getAttribute("medium")).isEqualTo("image");
        assertThat(content.getElementsByTagNameNS(MEDIA_RSS, "description").item(0).getTextContent())
                .isEqualTo("A turquoise lagoon under a pink sky");
        Element text = (Element) items.item(1);
        assertThat(text.getElementsByTagName("enclosure").getLength()).isZero();
        assertThat(text(text, "category")).isEqualTo("atoll");
    }

    @Test
    void theCollectionPageAdvertisesItsFeedAndAPrivateOneHasNone() throws Exception {
        String page = atoll.http().get("/@alice/collections/" + trip.id()).body();
        String feed = atoll.baseUrl() + "/@alice/collections/" + trip.id() + ".rss";
        assertThat(page).contains("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + feed + "\">");
        assertThat(page).contains("href=\"" + feed + "\">");
        // an unlisted collection is anyone's with the link, feed included
        assertThat(atoll.http().get("/@alice/collections/" + linkOnly.id()).body()).contains(linkOnly.id() + ".rss");
        TestHttp.Response unlisted = atoll.http().get("/@alice/collections/" + linkOnly.id() + ".rss");
        assertThat(unlisted.status()).isEqualTo(200);
        assertThat(xml(unlisted.body()).getElementsByTagName("item").getLength()).isEqualTo(1);
        // a private collection: no feed, whoever asks (a feed reader has no session)
        assertThat(atoll.http().get("/@alice/collections/" + hidden.id() + ".rss").status()).isEqualTo(404);
        assertThat(atoll.http().get("/@alice/collections/" + hidden.id() + ".rss", alice).status()).isEqualTo(404);
        // another account's path, and ids that name nothing
        assertThat(atoll.http().get("/@bob/collections/" + trip.id() + ".rss").status()).isEqualTo(404);
        assertThat(atoll.http().get("/@alice/collections/123.rss").status()).isEqualTo(404);
        assertThat(atoll.http().get("/@alice/collections/abc.rss").status()).isEqualTo(404);
    }

    @Test
    void aChangeToTheCollectionIsItsFeedsNewBuildDate() throws Exception {
        var collections = atoll.app().core.collections;
        PhotoCollection c = collections.create(aliceId, "Moving", "", "public");
        collections.add(aliceId, c.id(), Long.parseLong(textPost));
        String before = text((Element) xml(atoll.http().get("/@alice/collections/" + c.id() + ".rss").body())
                .getElementsByTagName("channel").item(0), "lastBuildDate");
        PhotoCollection now = collections.owned(aliceId, c.id());
        assertThat(before).isEqualTo(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC)
                .format(now.updatedAt()));
    }

    private static Document xml(String body) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagName(name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static String post(String text, String visibility) {
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "visibility", visibility));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static String photo(String text, String alt) throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0x1a6480));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.PINK);
        g.fillOval(80, 60, 160, 120);
        g.dispose();
        Path file = Files.createTempFile("lagoon", ".png");
        ImageIO.write(img, "png", file.toFile());
        var media = atoll.app().core.media.upload(aliceId, new MediaUpload(file, "lagoon.png", "image/png", Files.size(file)), null, alt, null, false);
        Files.deleteIfExists(file);
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "media_ids", List.of(Long.toString(media.id()))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }
}
