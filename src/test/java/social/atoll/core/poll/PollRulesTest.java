package social.atoll.core.poll;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.core.common.ValidationException;

class PollRulesTest {

    private static NewPoll poll(List<String> options, Long expiresIn) { return new NewPoll(options, expiresIn, false, false); }

    @Test
    void acceptsTheLimitsThemselves() {
        assertThatCode(() -> PollRules.check(poll(List.of("a", "b"), 300L))).doesNotThrowAnyException();
        assertThatCode(() -> PollRules.check(poll(List.of("a".repeat(50), "b", "c", "d"), 2_629_746L))).doesNotThrowAnyException();
        // 50 characters counted as code points: emoji are one each
        assertThatCode(() -> PollRules.check(poll(List.of("😀".repeat(50), "b"), 600L))).doesNotThrowAnyException();
    }

    @Test
    void refusesWhatMastodonRefuses() {
        assertThatThrownBy(() -> PollRules.check(poll(List.of("a", "a"), 600L)))
                .isInstanceOf(ValidationException.class).hasMessage("Poll options contain duplicate items");
        assertThatThrownBy(() -> PollRules.check(poll(List.of("a", "b"), null)))
                .isInstanceOf(ValidationException.class).hasMessage("Poll expires at is too soon");
        assertThatThrownBy(() -> PollRules.check(poll(List.of("a"), 600L))).hasMessage("Poll options must have more than one item");
        assertThatThrownBy(() -> PollRules.check(poll(List.of("a", "b"), 2_629_747L))).hasMessage("Poll expires at is too far into the future");
    }
}
