package social.atoll.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.json.Json;

/** The typed {@code meta} column: what Atoll wrote before (Mastodon's shape) still reads, and a broken one is none. */
class MediaMetaTest {

    private final JsonColumns json = new JsonColumns(Json.mapper());

    @Test
    void readsColumnsWrittenInMastodonsShape() {
        MediaMeta m = MediaMeta.read(json, """
                {"original":{"width":640,"height":480,"size":"640x480","aspect":1.3333333333333333,"frame_rate":"30/1",
                "duration":2.5,"bitrate":128000},"small":{"width":400,"height":300,"size":"400x300","aspect":1.3333333333333333},
                "focus":{"x":0.5,"y":-0.25}}""");
        assertThat(m.original()).isEqualTo(new MediaMeta.Size(640, 480, "30/1", 2.5, 128000L));
        assertThat(m.small()).isEqualTo(MediaMeta.Size.of(400, 300));
        assertThat(m.focus()).isEqualTo(new Focus(0.5, -0.25));
    }

    @Test
    void writesAndReadsBackTheSameMeta() {
        MediaMeta m = MediaMeta.NONE.withOriginal(new MediaMeta.Size(null, null, null, 12.0, 64000L)).withFocus(Focus.CENTER);
        assertThat(MediaMeta.read(json, m.write(json))).isEqualTo(m);
    }

    @Test
    void anEmptyOrBrokenColumnIsNoMeta() {
        assertThat(MediaMeta.read(json, null)).isEqualTo(MediaMeta.NONE);
        assertThat(MediaMeta.read(json, "{\"original\":")).isEqualTo(MediaMeta.NONE);
    }
}
