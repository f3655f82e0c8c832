package social.atoll.api.instance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.Version;
import social.atoll.api.accounts.AccountsTestSupport;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestInstance;

class InstanceIT {

    private static final String VERSION = "^\\d+\\.\\d+\\.\\d+ \\(compatible; Atoll .+\\)$";

    @Test
    void v2InstanceDescribesTheServer() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "approval"))) {
            atoll.app().core.accountService.createLocal(new NewLocalAccount("boss", "boss@example.test", "password-boss",
                    User.Role.OWNER, true, true, "en", null, null), true);
            atoll.app().infra.db.write(h -> h.execute("INSERT INTO instance_rules (id, text, hint, position, created_at) VALUES (7, 'Be kind', 'Really', 0, 0)"));
            var r = atoll.http().get("/api/v2/instance/");
            assertThat(r.status()).isEqualTo(200);
            JsonNode i = r.json();
            assertThat(i.get("domain").asText()).isEqualTo(atoll.domain());
            assertThat(i.get("title").asText()).isEqualTo(atoll.domain());
            assertThat(i.get("version").asText()).matches(VERSION);
            assertThat(i.get("description").asText()).isNotEmpty();
            assertThat(i.get("source_url").isTextual()).isTrue();
            assertThat(i.get("usage").get("users").get("active_month").isIntegralNumber()).isTrue();
            assertThat(i.get("languages").get(0).asText()).isEqualTo("en");
            assertThat(i.get("api_versions").get("mastodon").asInt()).isEqualTo(Version.MASTODON_API_LEVEL);
            assertThat(i.get("api_versions").size()).isEqualTo(1);

            JsonNode conf = i.get("configuration");
            assertThat(conf.get("urls").get("streaming").asText()).isEqualTo(atoll.settings().streamingOrigin()).startsWith("ws");
            assertThat(conf.get("statuses").get("max_characters").asInt()).isEqualTo(atoll.settings().maxStatusChars());
            assertThat(conf.get("statuses").get("max_media_attachments").asInt()).isEqualTo(4);
            assertThat(conf.get("statuses").get("characters_reserved_per_url").asInt()).isEqualTo(23);
            assertThat(conf.get("polls").get("max_options").asInt()).isEqualTo(4);
            assertThat(conf.get("media_attachments").get("supported_mime_types").toString()).contains("image/png");
            assertThat(conf.get("accounts").get("max_profile_fields").asInt()).isEqualTo(4);

            assertThat(i.get("registrations").get("enabled").asBoolean()).isTrue();
            assertThat(i.get("registrations").get("approval_required").asBoolean()).isTrue();
            assertThat(i.get("contact").get("account").get("username").asText()).isEqualTo("boss");
            assertThat(i.get("contact").get("email").isTextual()).isTrue();
            assertThat(i.get("rules").get(0).get("id").asText()).isEqualTo("7");
            assertThat(i.get("rules").get(0).get("text").asText()).isEqualTo("Be kind");

            var thumbnail = AccountsTestSupport.image(i.get("thumbnail").get("url").asText());
            assertThat(thumbnail.getWidth()).isGreaterThan(thumbnail.getHeight());
            JsonNode icon = i.get("icon").get(0);
            var iconImage = AccountsTestSupport.image(icon.get("src").asText());
            assertThat(iconImage.getWidth() + "x" + iconImage.getHeight()).isEqualTo(icon.get("size").asText());

            var rules = atoll.http().get("/api/v1/instance/rules");
            assertThat(rules.json().get(0).get("hint").asText()).isEqualTo("Really");
        }
    }

    @Test
    void v1InstanceIsFullyPopulated() {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_REGISTRATIONS", "closed"))) {
            atoll.createUser("one");
            atoll.createUser("two");
            atoll.app().core.siteSettings.put("site_title", "Coral Reef");
            var r = atoll.http().get("/api/v1/instance");
            assertThat(r.status()).isEqualTo(200);
            JsonNode i = r.json();
            assertThat(i.get("uri").asText()).isEqualTo(atoll.domain());
            assertThat(i.get("title").asText()).isEqualTo("Coral Reef");
            assertThat(i.get("version").asText()).matches(VERSION);
            assertThat(i.get("urls").get("streaming_api").asText()).isEqualTo(atoll.settings().streamingOrigin());
            assertThat(i.get("stats").get("user_count").asLong()).isEqualTo(2);
            assertThat(i.get("stats").get("status_count").asLong()).isZero();
            assertThat(i.get("stats").get("domain_count").asLong()).isZero();
            assertThat(i.get("registrations").asBoolean()).isFalse();
            assertThat(i.get("approval_required").asBoolean()).isFalse();
            assertThat(i.get("invites_enabled").asBoolean()).isTrue();
            assertThat(i.get("thumbnail").asText()).startsWith(atoll.baseUrl());
            assertThat(i.get("configuration").get("statuses").get("max_characters").asInt()).isEqualTo(atoll.settings().maxStatusChars());
            assertThat(i.has("contact_account")).isTrue();
            assertThat(i.get("contact_account").isNull()).isTrue();
            assertThat(i.get("rules").isArray()).isTrue();
            for (String key : new String[] {"short_description", "description", "email", "languages"})
                assertThat(i.has(key)).as(key).isTrue();
            // No field anywhere is left without a key or with a null where a string is expected.
            assertThat(i.get("short_description").isTextual()).isTrue();

            assertThat(atoll.http().get("/api/v2/instance").json().get("registrations").get("enabled").asBoolean()).isFalse();
        }
    }

    @Test
    void instanceEndpointsIgnoreStaleTokensAndCustomEmojisAreEmpty() {
        try (TestInstance atoll = TestInstance.start()) {
            assertThat(atoll.http().get("/api/v1/instance", "stale-token").status()).isEqualTo(200);
            var emojis = atoll.http().get("/api/v1/custom_emojis");
            assertThat(emojis.status()).isEqualTo(200);
            assertThat(emojis.json().isArray()).isTrue();
            assertThat(emojis.json().size()).isZero();
        }
    }
}
