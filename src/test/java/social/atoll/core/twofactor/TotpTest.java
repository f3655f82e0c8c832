package social.atoll.core.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238's test vectors (appendix B), the base32 form apps read, and the drift window. */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY = "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(time));
        assertThat(Totp.code(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void sixDigitCodesOfTheBase32SecretAreTheLastSixOfTheRfcVectors() {
        // base32 of "12345678901234567890", as an authenticator app would be given it
        String secret = Totp.base32(SHA1_KEY);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32(secret)).isEqualTo(SHA1_KEY);
        assertThat(Totp.code(secret, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
    }

    @Test
    void aCodeIsAcceptedOneStepEitherSideAndNoFurther() {
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.match(secret, Totp.code(secret, step), now)).hasValue(step);
        assertThat(Totp.match(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.match(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.match(secret, Totp.code(secret, step - 2), now)).isEmpty();
        assertThat(Totp.match(secret, Totp.code(secret, step + 2), now)).isEmpty();
        String spaced = Totp.code(secret, step).substring(0, 3) + " " + Totp.code(secret, step).substring(3);
        assertThat(Totp.match(secret, spaced, now)).hasValue(step);
        assertThat(Totp.match(secret, "12345", now)).isEmpty();
        assertThat(Totp.match(secret, "abcdef", now)).isEmpty();
        assertThat(Totp.match(secret, null, now)).isEmpty();
    }

    @Test
    void theOtpauthUriNamesIssuerAccountAndParameters() {
        assertThat(Totp.uri("atoll.example", "alice@atoll.example", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/atoll.example:alice%40atoll.example?secret=JBSWY3DPEHPK3PXP&issuer=atoll.example"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
