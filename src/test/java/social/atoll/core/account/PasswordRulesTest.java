package social.atoll.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password rules: the 10,000 most common passwords refused, the username, and the meter's score. */
class PasswordRulesTest {

    @Test
    void theTenThousandMostCommonPasswordsOfEightOrMoreCharactersAreRefused() {
        // zxcvbn's ranked list holds some 3,400 passwords of 8+ characters among its first 10,000 (shorter ones fail
        // on length); a few deep in the list, well past the 135 of Atoll's own file
        assertThat(PasswordRules.commonCount()).isGreaterThan(3_000);
        for (String common : new String[] {"password", "iloveyou", "sunshine1", "baseball", "trustno1", "superman", "Qwertyuiop"})
            assertThat(PasswordRules.check(common, "someone")).as(common).hasValueSatisfying(b -> assertThat(b.code()).isEqualTo("ERR_TOO_COMMON"));
        assertThat(PasswordRules.check("a quiet reef at dawn", "someone")).isEmpty();
    }

    @Test
    void theMeterScoresWhatTheRulesWouldRefuseAsZero() {
        assertThat(PasswordRules.strength("password1", "ana").score()).isZero();
        assertThat(PasswordRules.strength("password1", "ana").broken()).isPresent();
        assertThat(PasswordRules.strength("my-ana-secret-phrase", "ana").broken().orElseThrow().code()).isEqualTo("ERR_CONTAINS_USERNAME");
        PasswordRules.Strength strong = PasswordRules.strength("a quiet reef at dawn", "ana");
        assertThat(strong.broken()).isEmpty();
        assertThat(strong.score()).isGreaterThanOrEqualTo(3);
        assertThat(PasswordRules.strength("", "ana").score()).isZero();
    }
}
