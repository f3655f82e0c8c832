package social.atoll.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.core.common.ValidationException;
import social.atoll.core.poll.NewPoll;

/** The content rules posting, scheduled publication and edits share. */
class StatusRulesTest {

    private final StatusRules rules = new StatusRules(20);

    @Test
    void textIsRequiredUnlessMediaComeWithIt() {
        assertThatThrownBy(() -> rules.checkText(" ", "", false)).isInstanceOf(ValidationException.class).hasMessage("Text can't be blank");
        assertThatCode(() -> rules.checkText("", "", true)).doesNotThrowAnyException();
    }

    @Test
    void textAndContentWarningCountTogetherAgainstTheLimit() {
        assertThatCode(() -> rules.checkText("a".repeat(10), "b".repeat(10), false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> rules.checkText("a".repeat(11), "b".repeat(10), false))
                .isInstanceOf(ValidationException.class).hasMessage("Text character limit of 20 exceeded");
    }

    @Test
    void aPostIsRefusedFromItsRawLengthBeforeAnyParsing() {
        StatusRules thirty = new StatusRules(30);
        String link = "https://example.com/" + "a".repeat(700); // counts 23, but 720 raw characters are more than 30 × 20
        assertThat(StatusLength.of(link, "")).isEqualTo(23);
        assertThatThrownBy(() -> thirty.checkText(link, "", false))
                .isInstanceOf(ValidationException.class).hasMessage("Text character limit of 30 exceeded");
        assertThatCode(() -> thirty.checkText("https://example.com/" + "a".repeat(500), "", false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> thirty.checkText("a", "b".repeat(600), false)).isInstanceOf(ValidationException.class);
    }

    @Test
    void lengthBypassesOfIssue17AreCountedInFull() {
        StatusRules mastodon = new StatusRules(500);
        // a "mention" whose domain cannot be one is text of its full length, not "@a"
        String fakeMention = "@a@" + "b.".repeat(50_000) + "-";
        assertThatThrownBy(() -> mastodon.checkText(fakeMention, "", false)).isInstanceOf(ValidationException.class);
        assertThat(StatusLength.of("@a@" + "b.".repeat(200) + "-", "")).isEqualTo(404);
        assertThat(StatusLength.of("@bob@" + "sub.".repeat(10) + "example", "")).isEqualTo(4);
        // thirty thousand emoji joined by zero-width joiners are one grapheme cluster, but not one character
        assertThatThrownBy(() -> mastodon.checkText("👩\u200d".repeat(30_000), "", false)).isInstanceOf(ValidationException.class);
        assertThat(StatusLength.of("👩\u200d".repeat(100), "")).isEqualTo(20);
        assertThat(StatusLength.of("👩🏽\u200d❤️\u200d💋\u200d👨🏿", "")).as("the longest emoji sequences are one").isEqualTo(1);
        assertThatCode(() -> mastodon.checkText("👩🏽\u200d❤️\u200d💋\u200d👨🏿".repeat(500), "", false)).doesNotThrowAnyException();
    }

    @Test
    void aPollComesAloneAndByThePollRules() {
        NewPoll poll = new NewPoll(List.of("a", "b"), 600L, false, false);
        assertThatThrownBy(() -> rules.checkPoll(poll, true)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Cannot attach more than 4 files.");
            assertThat(e.isBare()).isTrue();
        });
        assertThatThrownBy(() -> rules.checkPoll(new NewPoll(List.of("a"), 600L, false, false), false))
                .isInstanceOf(ValidationException.class).hasMessage("Poll options must have more than one item");
        assertThatCode(() -> rules.checkPoll(poll, false)).doesNotThrowAnyException();
        assertThatCode(() -> rules.checkPoll(null, true)).doesNotThrowAnyException();
    }

    @Test
    void aLanguageTagIsLowerCasedAndAnythingElseFallsBack() {
        assertThat(StatusRules.language("EN-gb", "fr")).isEqualTo("en-gb");
        assertThat(StatusRules.language("not a language", "fr")).isEqualTo("fr");
        assertThat(StatusRules.language(null, "fr")).isEqualTo("fr");
    }

    @Test
    void theContentWarningIsStrippedAndMissingTextIsEmpty() {
        assertThat(StatusRules.spoiler("  cw  ")).isEqualTo("cw");
        assertThat(StatusRules.spoiler(null)).isEmpty();
        assertThat(StatusRules.text(null)).isEmpty();
    }
}
