package social.atoll.core.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sealing of TOTP secrets and the keyed hashes of recovery codes. */
class TwoFactorSealTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void aSealedSecretOpensOnlyWithTheSameKeyAndForTheSameUser() {
        TwoFactorSeal seal = new TwoFactorSeal(key(1));
        String secret = Totp.newSecret();
        String sealed = seal.seal(42, secret);
        assertThat(sealed).startsWith("v1:").doesNotContain(secret);
        assertThat(seal.seal(42, secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(seal.open(42, sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> seal.open(43, sealed)).as("copied onto another user's row").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TwoFactorSeal(key(2)).open(42, sealed)).as("another installation's key")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("secrets.properties");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> seal.open(42, tampered)).isInstanceOf(IllegalStateException.class);
        // a row from before sealing reads as it is, until the start-up step seals it
        assertThat(seal.open(42, secret)).isEqualTo(secret);
    }

    @Test
    void recoveryCodeHashesDependOnSaltAndKey() {
        TwoFactorSeal seal = new TwoFactorSeal(key(1));
        String sha = TwoFactorService.hash("abcde-fghij");
        assertThat(TwoFactorService.hash("ABCDE FGHIJ")).as("typed as people copy it").isEqualTo(sha);
        String salt = TwoFactorSeal.salt();
        assertThat(TwoFactorSeal.salt()).isNotEqualTo(salt);
        String stored = seal.codeHash(salt, sha);
        assertThat(seal.codeHash(salt, sha)).isEqualTo(stored);
        assertThat(seal.codeHash(TwoFactorSeal.salt(), sha)).isNotEqualTo(stored);
        assertThat(new TwoFactorSeal(key(2)).codeHash(salt, sha)).isNotEqualTo(stored);
        assertThat(stored).isNotEqualTo(sha);
    }
}
