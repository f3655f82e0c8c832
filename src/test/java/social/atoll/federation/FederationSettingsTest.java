package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.config.FederationSettings;
import social.atoll.config.SettingsException;
import social.atoll.config.SettingsLoader;

/** {@code ATOLL_AUTHORIZED_FETCH}, {@code ATOLL_LIMITED_FEDERATION} and {@code ATOLL_ALLOWED_DOMAINS}. */
class FederationSettingsTest {

    static FederationSettings load(Map<String, String> env) {
        return new SettingsLoader(Map.of(), env, null).load().federation();
    }

    @Test
    void openByDefault() {
        FederationSettings f = load(Map.of());
        assertThat(f.authorizedFetch()).isFalse();
        assertThat(f.limitedFederation()).isFalse();
        assertThat(f.requireSignedFetch()).isFalse();
        assertThat(f.allows("anything.example")).isTrue();
    }

    @Test
    void authorizedFetchRequiresSignatures() {
        FederationSettings f = load(Map.of("ATOLL_AUTHORIZED_FETCH", "true"));
        assertThat(f.requireSignedFetch()).isTrue();
        assertThat(f.allows("anything.example")).isTrue();
    }

    @Test
    void limitedFederationAllowsListedDomainsAndTheirSubdomainsOnly() {
        FederationSettings f = load(Map.of("ATOLL_LIMITED_FEDERATION", "yes", "ATOLL_ALLOWED_DOMAINS", "Friends.example, other.example:8443"));
        assertThat(f.requireSignedFetch()).isTrue();
        assertThat(f.allows("friends.example")).isTrue();
        assertThat(f.allows("social.friends.example")).isTrue();
        assertThat(f.allows("other.example")).isTrue();
        assertThat(f.allows("notfriends.example")).isFalse();
        assertThat(f.allows("friends.example.evil")).isFalse();
    }

    @Test
    void badValuesStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> load(Map.of("ATOLL_AUTHORIZED_FETCH", "maybe"))).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("ATOLL_AUTHORIZED_FETCH");
        assertThatThrownBy(() -> load(Map.of("ATOLL_ALLOWED_DOMAINS", "ok.example, not a domain/"))).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("ATOLL_ALLOWED_DOMAINS");
    }
}
