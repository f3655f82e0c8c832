package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

class CredentialsIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void verifyCredentialsReturnsTheCredentialAccount() {
        String token = atoll.createUser("vera");
        var r = atoll.http().get("/api/v1/accounts/verify_credentials", token);
        assertThat(r.status()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.get("username").asText()).isEqualTo("vera");
        assertThat(me.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@vera");
        assertThat(me.get("avatar").asText()).isEqualTo(atoll.baseUrl() + "/avatars/original/missing.png");
        assertThat(me.get("source").get("privacy").asText()).isEqualTo("public");
        assertThat(me.get("source").get("note").asText()).isEmpty();
        assertThat(me.get("source").get("follow_requests_count").asInt()).isZero();
        assertThat(me.get("role").get("name").isTextual()).isTrue();
    }

    @Test
    void verifyCredentialsRejectsMissingBadAndNarrowTokens() {
        String narrow = atoll.createUser("narrow", "write");
        var none = atoll.http().get("/api/v1/accounts/verify_credentials");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("The access token is invalid");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", "not-a-token").status()).isEqualTo(401);
        var scoped = atoll.http().get("/api/v1/accounts/verify_credentials", narrow);
        assertThat(scoped.status()).isEqualTo(403);
        assertThat(scoped.json().get("error").asText()).isEqualTo("This action is outside the authorized scopes");

        String profileOnly = atoll.createUser("profiler", "profile");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", profileOnly).status()).isEqualTo(200);
        String app = AccountsTestSupport.appToken(atoll, "read");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", app).status()).isEqualTo(422);
    }

    @Test
    void updateCredentialsWithJson() {
        String token = atoll.createUser("jsonny");
        atoll.createUser("pal");
        var r = atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of(
                "display_name", "Jason <b>Bold</b>",
                "note", "Hello @pal, see https://example.org/x #atolls",
                "bot", true,
                "discoverable", false,
                "fields_attributes", List.of(Map.of("name", "Site", "value", "https://jsonny.example.org"),
                        Map.of("name", "Pronouns", "value", "they/them")),
                "source", Map.of("privacy", "unlisted", "sensitive", true, "language", "de")));
        assertThat(r.status()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.get("display_name").asText()).isEqualTo("Jason <b>Bold</b>");
        assertThat(me.get("note").asText()).startsWith("<p>").contains("class=\"u-url mention\"")
                .contains("href=\"https://example.org/x\"").contains("class=\"mention hashtag\"");
        assertThat(me.get("source").get("note").asText()).isEqualTo("Hello @pal, see https://example.org/x #atolls");
        assertThat(me.get("bot").asBoolean()).isTrue();
        assertThat(me.get("discoverable").asBoolean()).isFalse();
        assertThat(me.get("fields").size()).isEqualTo(2);
        assertThat(me.get("fields").get(0).get("name").asText()).isEqualTo("Site");
        assertThat(me.get("fields").get(0).get("value").asText()).startsWith("<a href=\"https://jsonny.example.org\"");
        assertThat(me.get("source").get("fields").get(1).get("value").asText()).isEqualTo("they/them");
        assertThat(me.get("source").get("privacy").asText()).isEqualTo("unlisted");
        assertThat(me.get("source").get("sensitive").asBoolean()).isTrue();
        assertThat(me.get("source").get("language").asText()).isEqualTo("de");

        // The public view shows the same profile.
        var pub = atoll.http().get("/api/v1/accounts/" + me.get("id").asText());
        assertThat(pub.json().get("display_name").asText()).isEqualTo("Jason <b>Bold</b>");
        assertThat(pub.json().get("fields").size()).isEqualTo(2);
        assertThat(pub.json().has("source")).isFalse();
    }

    @Test
    void updateCredentialsWithFormAndRailsArrayFields() {
        String token = atoll.createUser("formal");
        var r = AccountsTestSupport.form(atoll, "PATCH", "/api/v1/accounts/update_credentials", token, List.of(
                Map.entry("display_name", "Formal"),
                Map.entry("locked", "1"),
                Map.entry("fields_attributes[][name]", "One"),
                Map.entry("fields_attributes[][value]", "1"),
                Map.entry("fields_attributes[][name]", "Two"),
                Map.entry("fields_attributes[][value]", "2"),
                Map.entry("source[privacy]", "private")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("display_name").asText()).isEqualTo("Formal");
        assertThat(r.json().get("locked").asBoolean()).isTrue();
        assertThat(r.json().get("fields").get(0).get("name").asText()).isEqualTo("One");
        assertThat(r.json().get("fields").get(1).get("value").asText()).isEqualTo("2");
        assertThat(r.json().get("source").get("privacy").asText()).isEqualTo("private");
    }

    @Test
    void updateCredentialsWithMultipartAndIndexedFields() {
        String token = atoll.createUser("multi");
        var r = AccountsTestSupport.multipart(atoll, "PATCH", "/api/v1/accounts/update_credentials", token, List.of(
                Map.entry("display_name", "Multi Part"),
                Map.entry("note", "line one\nline two"),
                Map.entry("fields_attributes[0][name]", "Alpha"),
                Map.entry("fields_attributes[0][value]", "a"),
                Map.entry("fields_attributes[1][name]", "Beta"),
                Map.entry("fields_attributes[1][value]", "b"),
                Map.entry("fields_attributes[2][name]", ""),
                Map.entry("fields_attributes[2][value]", ""),
                Map.entry("hide_collections", "true")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("display_name").asText()).isEqualTo("Multi Part");
        assertThat(r.json().get("note").asText()).isEqualTo("<p>line one<br />line two</p>");
        assertThat(r.json().get("fields").size()).isEqualTo(2);
        assertThat(r.json().get("fields").get(1).get("name").asText()).isEqualTo("Beta");
        assertThat(r.json().get("hide_collections").asBoolean()).isTrue();

        // Fields given as empty clears them; fields not given are kept.
        var kept = atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("display_name", ""));
        assertThat(kept.json().get("display_name").asText()).isEmpty();
        assertThat(kept.json().get("fields").size()).isEqualTo(2);
        var cleared = atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("fields_attributes", List.of()));
        assertThat(cleared.json().get("fields").size()).isZero();
    }

    @Test
    void updateCredentialsEnforcesLimitsAndScope() {
        String token = atoll.createUser("limited");
        var longName = atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("display_name", "x".repeat(31)));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(longName.json().get("error").asText()).isEqualTo("Validation failed: Display name is too long (maximum is 30 characters)");
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("note", "y".repeat(501))).status()).isEqualTo(422);
        var five = List.of(Map.of("name", "1", "value", "1"), Map.of("name", "2", "value", "2"), Map.of("name", "3", "value", "3"),
                Map.of("name", "4", "value", "4"), Map.of("name", "5", "value", "5"));
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("fields_attributes", five)).status()).isEqualTo(422);
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", token,
                Map.of("fields_attributes", List.of(Map.of("name", "n", "value", "v".repeat(256))))).status()).isEqualTo(422);
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", token,
                Map.of("source", Map.of("privacy", "direct"))).status()).isEqualTo(422);
        // Nothing was changed by the refused updates.
        var me = atoll.http().get("/api/v1/accounts/verify_credentials", token).json();
        assertThat(me.get("display_name").asText()).isEmpty();
        assertThat(me.get("fields").size()).isZero();

        String readOnly = atoll.createUser("readonly", "read");
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", readOnly, Map.of("display_name", "x")).status()).isEqualTo(403);
    }
}
