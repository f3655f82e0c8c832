package social.atoll.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.infra.json.Json;

/** The JSON-column codec: typed values in and out, empty columns, and one exception for what cannot be read. */
class JsonColumnsTest {

    record Params(String spoilerText, List<Long> mediaIds, boolean sensitive) {}

    private final JsonColumns json = new JsonColumns(Json.mapper());

    @Test
    void recordsListsAndMapsRoundTripInTheStoredShape() {
        String column = json.write(new Params("cw", List.of(1L, 2L), true));
        assertThat(column).isEqualTo("{\"spoiler_text\":\"cw\",\"media_ids\":[1,2],\"sensitive\":true}");
        assertThat(json.read(column, Params.class)).isEqualTo(new Params("cw", List.of(1L, 2L), true));
        assertThat(json.readList("[\"home\",\"public\"]", String.class)).containsExactly("home", "public");
        assertThat(json.readMap("{\"reading:expand:media\":\"show_all\",\"n\":1}")).containsEntry("reading:expand:media", "show_all").containsEntry("n", 1);
    }

    @Test
    void emptyColumnsReadAsNothing() {
        assertThat(json.read(null, Params.class)).isNull();
        assertThat(json.read("  ", Params.class)).isNull();
        assertThat(json.readList(null, Long.class)).isEmpty();
        assertThat(json.readMap("")).isEmpty();
    }

    @Test
    void whatCannotBeReadFailsWithOneException() {
        assertThatThrownBy(() -> json.readList("{not json", String.class)).isInstanceOf(JsonColumns.JsonColumnException.class);
        assertThatThrownBy(() -> json.readMap("[1,2]")).isInstanceOf(JsonColumns.JsonColumnException.class);
    }
}
