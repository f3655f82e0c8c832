package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * The photo filter's name as Pixelfed keeps it (issue 11): sent with an upload ({@code filter_name}, as Pixelfed's
 * apps send it), shown on the attachment next to Mastodon's fields ({@code filter_name}, {@code filter_class}) and on
 * the post, kept when the description changes (it lives in the attachment's meta); a name outside the set is refused.
 */
class PhotoFilterNameIT {

    private static TestInstance atoll;
    private static String token;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        token = atoll.createUser("filters");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static Multipart photo() {
        return new Multipart().file("file", "p.jpg", "image/jpeg", TestImages.encode(TestImages.halves(40, 30), "jpg"));
    }

    @Test
    void theFilterNameIsKeptAndShownAsPixelfedDoes() {
        var up = photo().field("filter_name", "x-pro ii").send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("filter_name").asText()).isEqualTo("X-Pro II");
        assertThat(up.json().get("filter_class").asText()).isEqualTo("filter-xpro2");
        String id = up.json().get("id").asText();
        var posted = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "cross-processed", "media_ids", List.of(id)));
        assertThat(posted.json().at("/media_attachments/0/filter_name").asText()).isEqualTo("X-Pro II");
        var plain = photo().send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(plain.json().get("filter_name").isNull()).isTrue();
        assertThat(plain.json().get("filter_class").isNull()).isTrue();
        // a class name is understood too, and a later description and focus keep the filter
        var moon = photo().field("filter_name", "filter-moon").send("POST", atoll.baseUrl() + "/api/v1/media", token, atoll.app().infra.json);
        String moonId = moon.json().get("id").asText();
        var described = atoll.http().putJson("/api/v1/media/" + moonId, token, Map.of("description", "the moon", "focus", "0.1,0.2"));
        assertThat(described.json().get("filter_name").asText()).isEqualTo("Moon");
        assertThat(described.json().get("description").asText()).isEqualTo("the moon");
    }

    @Test
    void aNameOutsideTheSetIsRefusedAndNothingIsStored() {
        var r = photo().field("filter_name", "Sparkle").send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).contains("Sparkle").contains("not one of the filters");
        // "No Filter" (Pixelfed's own word for none) is no filter
        var none = photo().field("filter_name", "No Filter").send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("filter_name").isNull()).isTrue();
    }
}
