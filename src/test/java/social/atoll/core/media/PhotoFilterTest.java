package social.atoll.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import social.atoll.core.common.ValidationException;

/** Pixelfed's filter names and classes, as clients send them and as stored rows are read back. */
class PhotoFilterTest {

    @Test
    void pixelfedsFortyOneFiltersWithTheirClasses() {
        assertThat(PhotoFilter.ALL).hasSize(41);
        assertThat(PhotoFilter.ALL.getFirst()).isEqualTo(new PhotoFilter("1977", "filter-1977"));
        assertThat(PhotoFilter.parse("lo-fi")).contains(new PhotoFilter("Lo-Fi", "filter-lofi"));
        assertThat(PhotoFilter.parse(" filter-xpro2 ")).contains(new PhotoFilter("X-Pro II", "filter-xpro2"));
    }

    @Test
    void noneIsEmptyAndAnUnknownNameIsRefusedWhenSentButNotWhenRead() {
        assertThat(PhotoFilter.parse(null)).isEmpty();
        assertThat(PhotoFilter.parse("No Filter")).isEmpty();
        assertThatThrownBy(() -> PhotoFilter.parse("Sparkle")).isInstanceOf(ValidationException.class);
        assertThat(PhotoFilter.find("Sparkle")).isEmpty();
    }

    @Test
    void theNameIsKeptInTheMetaColumnAndSurvivesItsOtherChanges() {
        var json = new social.atoll.infra.db.JsonColumns(social.atoll.infra.json.Json.mapper());
        MediaMeta m = MediaMeta.NONE.withFilter("Moon").withFocus(Focus.CENTER).withSmall(MediaMeta.Size.of(4, 3));
        assertThat(MediaMeta.read(json, m.write(json)).filter()).isEqualTo("Moon");
    }
}
