package social.atoll.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import social.atoll.config.SettingsException;

class CryptoProvidersTest {

    @Test
    void installingTwiceKeepsTheFirstDecisionAndOneProviderEntry() {
        CryptoProviders.Installed first = CryptoProviders.install();
        CryptoProviders.Installed again = CryptoProviders.install();
        CryptoProviders.Installed forcedLater = CryptoProviders.install(CryptoProviders.Choice.JDK);

        assertThat(again).isSameAs(first);
        assertThat(forcedLater).as("the first call decides for the JVM").isSameAs(first);
        assertThat(CryptoProviders.current()).isSameAs(first);
        long accpEntries = Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals("AmazonCorrettoCryptoProvider")).count();
        assertThat(accpEntries).isEqualTo(first.accp() ? 1 : 0);
        if (first.accp()) {
            assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
            assertThat(first.selfTest()).isEqualTo("PASSED");
            assertThat(first.note()).isNull();
        } else {
            assertThat(first.note()).as("a fallback says why").isNotBlank();
        }
        assertThat(first.describe()).startsWith("crypto: SHA256withRSA signed by " + first.rsaSigner());
    }

    @Test
    void rsaSignaturesMadeWithTheInstalledProviderVerifyWithTheJdkAndBack() throws Exception {
        CryptoProviders.Installed installed = CryptoProviders.install();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        byte[] text = "(request-target): post /inbox\nhost: example.test".getBytes(StandardCharsets.UTF_8);

        Signature preferred = Signature.getInstance("SHA256withRSA");
        preferred.initSign(pair.getPrivate());
        preferred.update(text);
        byte[] sig = preferred.sign();
        assertThat(installed.rsaSigner()).startsWith(preferred.getProvider().getName());

        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initVerify(pair.getPublic());
        jdk.update(text);
        assertThat(jdk.verify(sig)).isTrue();

        jdk.initSign(pair.getPrivate());
        jdk.update(text);
        byte[] jdkSig = jdk.sign();
        assertThat(jdkSig).as("PKCS#1 v1.5 signatures are deterministic").isEqualTo(sig);
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(pair.getPublic());
        text[0] ^= 1;
        check.update(text);
        assertThat(check.verify(jdkSig)).as("a changed text does not verify").isFalse();
    }

    @Test
    void ed25519StillSignsAndVerifies() throws Exception {
        CryptoProviders.install();
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] text = "fep-521a".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(text);
        byte[] sig = s.sign();
        Signature jdk = Signature.getInstance("Ed25519", "SunEC");
        jdk.initVerify(pair.getPublic());
        jdk.update(text);
        assertThat(jdk.verify(sig)).isTrue();
    }

    @Test
    void anUnknownChoiceIsASettingsError() {
        String before = System.getProperty("atoll.crypto.provider");
        try {
            System.setProperty("atoll.crypto.provider", "openssl");
            assertThatThrownBy(CryptoProviders::configuredChoice).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("ATOLL_CRYPTO_PROVIDER");
            System.setProperty("atoll.crypto.provider", "JDK");
            assertThat(CryptoProviders.configuredChoice()).isEqualTo(CryptoProviders.Choice.JDK);
        } finally {
            if (before == null) System.clearProperty("atoll.crypto.provider");
            else System.setProperty("atoll.crypto.provider", before);
        }
    }
}
