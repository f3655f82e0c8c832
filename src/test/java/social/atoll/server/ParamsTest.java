package social.atoll.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.infra.json.Json;

class ParamsTest {

    /** Parameters as a form or query string would deliver them, pair by pair. */
    private static Params form(String... pairs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < pairs.length; i += 2) Params.put(root, pairs[i], pairs[i + 1]);
        return Params.of(root);
    }

    @Test
    void bracketKeysBuildArrays() {
        Params p = form("media_ids[]", "1", "media_ids[]", "2", "status", "hi");
        assertThat(p.list("media_ids")).containsExactly("1", "2");
        assertThat(p.string("status")).contains("hi");
        // One plain value reads as a one-element list.
        assertThat(form("media_ids", "7").list("media_ids")).containsExactly("7");
        assertThat(p.list("absent")).isEmpty();
    }

    @Test
    void indexedKeysBuildArraysToo() {
        Params p = form("media_ids[0]", "a", "media_ids[1]", "b");
        assertThat(p.list("media_ids")).containsExactly("a", "b");
    }

    @Test
    void nestedKeysBuildHashes() {
        Params p = form("poll[options][]", "yes", "poll[options][]", "no", "poll[expires_in]", "300", "poll[multiple]", "1",
                "source[privacy]", "unlisted");
        Params poll = p.group("poll");
        assertThat(poll.list("options")).containsExactly("yes", "no");
        assertThat(poll.integer("expires_in")).contains(300);
        assertThat(poll.bool("multiple", false)).isTrue();
        assertThat(p.group("source").string("privacy")).contains("unlisted");
        assertThat(p.group("absent").has("anything")).isFalse();
    }

    @Test
    void arraysOfHashesFromIndexedAndEmptyBrackets() {
        Params indexed = form("fields_attributes[0][name]", "Site", "fields_attributes[0][value]", "https://a.example",
                "fields_attributes[1][name]", "Pronouns", "fields_attributes[1][value]", "they/them");
        List<Params> fields = indexed.groups("fields_attributes");
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).string("name")).contains("Site");
        assertThat(fields.get(1).string("value")).contains("they/them");

        Params bare = form("keywords_attributes[][keyword]", "spoiler", "keywords_attributes[][whole_word]", "true",
                "keywords_attributes[][keyword]", "leak");
        List<Params> keywords = bare.groups("keywords_attributes");
        assertThat(keywords).hasSize(2);
        assertThat(keywords.get(0).string("keyword")).contains("spoiler");
        assertThat(keywords.get(0).bool("whole_word", false)).isTrue();
        assertThat(keywords.get(1).string("keyword")).contains("leak");
    }

    @Test
    void jsonBodiesReadTheSameWay() throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree("""
                {"media_ids": ["1", 2], "poll": {"options": ["a", "b"], "expires_in": 60}, "sensitive": true,
                 "fields_attributes": [{"name": "x", "value": "y"}]}""");
        Params p = Params.of(root);
        assertThat(p.list("media_ids")).containsExactly("1", "2");
        assertThat(p.group("poll").list("options")).containsExactly("a", "b");
        assertThat(p.group("poll").integer("expires_in")).contains(60);
        assertThat(p.bool("sensitive", false)).isTrue();
        assertThat(p.groups("fields_attributes")).singleElement().satisfies(f -> assertThat(f.string("value")).contains("y"));
    }

    @Test
    void booleansAreLenient() {
        for (String t : List.of("1", "true", "TRUE", "on", "t", "yes")) assertThat(form("b", t).bool("b")).as(t).contains(true);
        for (String f : List.of("0", "false", "off", "f", "no")) assertThat(form("b", f).bool("b")).as(f).contains(false);
        assertThat(form("b", "").bool("b")).isEmpty();
        assertThat(form().bool("b", true)).isTrue();
        assertThatThrownBy(() -> form("b", "maybe").bool("b"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    }

    @Test
    void emptyStringsMeanNotGiven() {
        Params p = form("spoiler_text", "", "display_name", "");
        assertThat(p.has("spoiler_text")).isFalse();
        assertThat(p.string("spoiler_text")).isEmpty();
        // ...except where clearing a value is meaningful.
        assertThat(p.rawString("display_name")).contains("");
        assertThat(p.rawString("absent")).isEmpty();
    }

    @Test
    void numbersMayComeAsStrings() {
        assertThat(form("limit", "40").integer("limit")).contains(40);
        assertThat(form("limit", "").integer("limit")).isEmpty();
        assertThatThrownBy(() -> form("limit", "forty").integer("limit"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }
}
