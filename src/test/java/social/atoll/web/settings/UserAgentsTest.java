package social.atoll.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import social.atoll.web.Messages;

/** User-Agent headers as the sessions page names them. */
class UserAgentsTest {

    private final Messages t = Messages.english();

    @Test
    void namesBrowserAndSystemAsPeopleKnowThem() {
        assertThat(UserAgents.summary("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", t)).isEqualTo("Firefox on Linux");
        assertThat(UserAgents.summary("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", t))
                .isEqualTo("Edge on Windows");
        assertThat(UserAgents.summary("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36", t))
                .isEqualTo("Chrome on Android");
        assertThat(UserAgents.summary("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1", t))
                .isEqualTo("Safari on iOS");
        assertThat(UserAgents.summary("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", t))
                .isEqualTo("Safari on macOS");
    }

    @Test
    void unknownOrMissingHeadersSaySo() {
        assertThat(UserAgents.summary(null, t)).isEqualTo("Unknown browser");
        assertThat(UserAgents.summary("", t)).isEqualTo("Unknown browser");
        assertThat(UserAgents.summary("SomethingElse/1.0 (Linux)", t)).isEqualTo("Unknown browser on Linux");
    }
}
