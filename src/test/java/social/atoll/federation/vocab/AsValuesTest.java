package social.atoll.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one AS2 reader takes every shape other servers send (spec §7.1) and never throws on a surprising one. */
class AsValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception { return JSON.readTree(s.replace('\'', '"')); }

    @Test
    void referencesAreStringsObjectsOrArraysOfEither() throws Exception {
        JsonNode doc = json("""
                {'a': 'https://x.example/1', 'b': {'id': 'https://x.example/2'}, 'c': {'type': 'Link', 'href': 'https://x.example/3'},
                 'd': [{'id': 'https://x.example/4'}, 'https://x.example/5'], 'e': [], 'f': 42}""");
        assertThat(AsValues.id(doc, "a")).isEqualTo("https://x.example/1");
        assertThat(AsValues.id(doc, "b")).isEqualTo("https://x.example/2");
        assertThat(AsValues.id(doc, "c")).isEqualTo("https://x.example/3");
        assertThat(AsValues.id(doc, "d")).isEqualTo("https://x.example/4");
        assertThat(AsValues.ids(doc.get("d"))).containsExactly("https://x.example/4", "https://x.example/5");
        assertThat(AsValues.id(doc, "e")).isNull();
        assertThat(AsValues.id(doc, "f")).isNull();
        assertThat(AsValues.id(doc, "missing")).isNull();
        assertThat(AsValues.id(null, "a")).isNull();
    }

    @Test
    void typesTextsAndFlags() throws Exception {
        JsonNode doc = json("""
                {'type': ['Question', 'Note'], 'id': ['https://x.example/1'], 'votes': 3, 'sensitive': 'true',
                 'name': null, 'nameMap': {'fr': 'Bonjour'}, 'published': '2025-01-02T03:04:05+01:00', 'updated': 'yesterday'}""");
        assertThat(AsValues.types(doc)).containsExactly("Question", "Note");
        assertThat(AsValues.type(doc)).isEqualTo("Question");
        assertThat(AsValues.hasType(doc, "Article", "Note")).isTrue();
        assertThat(AsValues.type(null)).isNull();
        assertThat(AsValues.hasType(json("'Note'"), "Note")).isFalse();
        assertThat(AsValues.text(doc, "id")).isEqualTo("https://x.example/1");
        assertThat(AsValues.text(doc, "votes")).isEqualTo("3");
        assertThat(AsValues.natural(doc, "name")).isEqualTo("Bonjour");
        assertThat(AsValues.bool(doc, "sensitive")).isTrue();
        assertThat(AsValues.bool(doc, "missing")).isFalse();
        assertThat(AsValues.instant(doc, "published")).isEqualTo(Instant.parse("2025-01-02T02:04:05Z"));
        assertThat(AsValues.instant(doc, "updated")).isNull();
    }

    @Test
    void contextsAddressesAndOrigins() throws Exception {
        assertThat(AsValues.hasAsContext(json("{'@context': ['https://www.w3.org/ns/activitystreams', {'x': 'y'}]}"))).isTrue();
        assertThat(AsValues.hasAsContext(json("{'@context': 'https://example.com/other'}"))).isFalse();
        assertThat(AsValues.isPublic("as:Public")).isTrue();
        assertThat(AsValues.isPublic(AsValues.PUBLIC)).isTrue();
        assertThat(AsValues.isPublic("https://x.example/followers")).isFalse();
        assertThat(AsValues.sameOrigin("https://X.example/a", "https://x.example:443/b")).isTrue();
        assertThat(AsValues.sameOrigin("https://x.example/a", "http://x.example/b")).isFalse();
        assertThat(AsValues.authority("https://Localhost:8080/users/a")).isEqualTo("localhost:8080");
        assertThat(AsValues.authority("ftp://x.example/a")).isNull();
        assertThat(AsValues.url(json("[{'href': 'https://x.example/a.json'}, {'href': 'https://x.example/@a', 'mediaType': 'text/html'}]")))
                .isEqualTo("https://x.example/@a");
    }
}
