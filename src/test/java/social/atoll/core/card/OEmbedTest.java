package social.atoll.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** oEmbed documents as providers send them, and the iframe allow-list applied to their html. */
class OEmbedTest {

    @Test
    void aPhotoShowsItsPictureAndAVideoKeepsOnlyItsIframe() {
        OEmbed photo = OEmbed.parse("""
                {"type":"photo","url":"https://pics.example/1.jpg","width":"640","height":480,"title":"Sunset","author_name":"Ann"}""").orElseThrow();
        assertThat(photo.type()).isEqualTo("photo");
        assertThat(photo.image()).isEqualTo("https://pics.example/1.jpg");
        assertThat(photo.embedUrl()).isEqualTo("https://pics.example/1.jpg");
        assertThat(photo.width()).isEqualTo(640);
        assertThat(photo.html()).isEmpty();

        OEmbed video = OEmbed.parse("""
                {"type":"video","html":"<div><iframe width=\\"560\\" height=\\"315\\" src=\\"https://www.youtube.com/embed/x\\" style=\\"x\\" allowfullscreen></iframe></div>","thumbnail_url":"https://i.example/t.jpg"}""").orElseThrow();
        assertThat(video.html()).isEqualTo("<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/x\" allowfullscreen=\"allowfullscreen\" "
                + "sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms\"></iframe>");
        assertThat(video.image()).isEqualTo("https://i.example/t.jpg");
    }

    @Test
    void unsafeOrUnknownEmbedsAreDroppedOrBecomeLinks() {
        assertThat(OEmbed.parse("{\"type\":\"rich\",\"html\":\"<iframe src=\\\"javascript:alert(1)\\\"></iframe>\"}").orElseThrow().type())
                .isEqualTo("link");
        assertThat(OEmbed.iframe("<iframe src=\"data:text/html,x\"></iframe><object data=\"x\"></object>")).isEmpty();
        assertThat(OEmbed.iframe("<iframe src=\"https://ok.example/e\" width=\"100px; evil\"></iframe>")).doesNotContain("width");
        assertThat(OEmbed.parse("{\"type\":\"photo\"}")).isEmpty();
        assertThat(OEmbed.parse("{\"type\":\"applet\",\"html\":\"x\"}")).isEmpty();
        assertThat(OEmbed.parse("not json")).isEmpty();
    }
}
