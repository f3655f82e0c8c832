package social.atoll.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.json.Json;

/** oEmbed documents as providers send them, and the iframe allow-list applied to their html. */
class OEmbedTest {

    private static final JsonColumns CODEC = new JsonColumns(Json.mapper());

    private static Optional<OEmbed> parse(String json) { return OEmbed.parse(json, CODEC); }

    @Test
    void aPhotoShowsItsPictureAndAVideoKeepsOnlyItsIframe() {
        OEmbed photo = parse("""
                {"type":"photo","url":"https://pics.example/1.jpg","width":"640","height":480,"title":"Sunset","author_name":"Ann"}""").orElseThrow();
        assertThat(photo.type()).isEqualTo("photo");
        assertThat(photo.image()).isEqualTo("https://pics.example/1.jpg");
        assertThat(photo.embedUrl()).isEqualTo("https://pics.example/1.jpg");
        assertThat(photo.width()).isEqualTo(640);
        assertThat(photo.html()).isEmpty();

        OEmbed video = parse("""
                {"type":"video","html":"<div><iframe width=\\"560\\" height=\\"315\\" src=\\"https://www.youtube.com/embed/x\\" style=\\"x\\" allowfullscreen></iframe></div>","thumbnail_url":"https://i.example/t.jpg"}""").orElseThrow();
        assertThat(video.html()).isEqualTo("<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/x\" allowfullscreen=\"allowfullscreen\" "
                + "sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms\"></iframe>");
        assertThat(video.image()).isEqualTo("https://i.example/t.jpg");
    }

    @Test
    void unsafeOrUnknownEmbedsAreDroppedOrBecomeLinks() {
        assertThat(parse("{\"type\":\"rich\",\"html\":\"<iframe src=\\\"javascript:alert(1)\\\"></iframe>\"}").orElseThrow().type())
                .isEqualTo("link");
        assertThat(OEmbed.iframe("<iframe src=\"data:text/html,x\"></iframe><object data=\"x\"></object>")).isEmpty();
        assertThat(OEmbed.iframe("<iframe src=\"https://ok.example/e\" width=\"100px; evil\"></iframe>")).doesNotContain("width");
        assertThat(parse("{\"type\":\"photo\"}")).isEmpty();
        assertThat(parse("{\"type\":\"applet\",\"html\":\"x\"}")).isEmpty();
        assertThat(parse("not json")).isEmpty();
    }
}
