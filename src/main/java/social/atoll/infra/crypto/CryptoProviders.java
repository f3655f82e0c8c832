package social.atoll.infra.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.SettingsException;

/**
 * Makes Amazon Corretto Crypto Provider (ACCP: AWS-LC behind the JCA) the preferred provider where its native library
 * loads (Linux x86-64). Every federation delivery signs with SHA256withRSA, and ACCP does that about three times as
 * fast as the JDK. Where ACCP cannot load, or its self-tests or a trial signature fail, the JDK's providers stay as
 * they are: the start never fails because of it.
 *
 * <p>JCA providers belong to the whole JVM, so this choice does too: the first {@link #install} decides, later calls
 * return the same answer. {@code ATOLL_CRYPTO_PROVIDER=jdk} (or {@code -Datoll.crypto.provider=jdk}) keeps the JDK's
 * providers, to compare or to rule ACCP out.
 */
public final class CryptoProviders {

    private static final Logger log = LoggerFactory.getLogger(CryptoProviders.class);

    /** What to install: ACCP when it works ({@code AUTO}), or nothing ({@code JDK}). */
    public enum Choice { AUTO, JDK }

    /**
     * The outcome: whether ACCP is installed, which provider signs SHA256withRSA, and ACCP's self-test status
     * ({@code NOT_RUN} when it did not load or was not wanted); {@code note} says why ACCP is not in use.
     */
    public record Installed(boolean accp, String rsaSigner, String selfTest, String note) {
        /** The single line logged at start. */
        public String describe() {
            String line = "crypto: SHA256withRSA signed by " + rsaSigner + "; ACCP self-test " + selfTest;
            return note == null ? line : line + " (" + note + ")";
        }
    }

    /** Guarded by the class lock; one decision per JVM, like the provider list it describes. */
    private static Installed installed;

    private CryptoProviders() {}

    /** Installs as {@code ATOLL_CRYPTO_PROVIDER} (or the system property {@code atoll.crypto.provider}) says; default auto. */
    public static Installed install() { return install(configuredChoice()); }

    /** Installs ACCP first (for {@code AUTO}) unless an earlier call decided already; logs the outcome once. */
    public static synchronized Installed install(Choice choice) {
        if (installed != null) return installed;
        installed = choice == Choice.JDK ? jdk("the JDK's providers were asked for", "NOT_RUN") : tryAccp();
        log.info(installed.describe());
        return installed;
    }

    /** The decision taken, if any call made it yet. */
    public static synchronized Installed current() { return installed; }

    static Choice configuredChoice() {
        String value = System.getProperty("atoll.crypto.provider");
        if (value == null || value.isBlank()) value = System.getenv("ATOLL_CRYPTO_PROVIDER");
        if (value == null || value.isBlank()) return Choice.AUTO;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "accp" -> Choice.AUTO;
            case "jdk" -> Choice.JDK;
            default -> throw new SettingsException("ATOLL_CRYPTO_PROVIDER: '" + value + "' is not one of auto, jdk");
        };
    }

    private static Installed tryAccp() {
        try {
            return Accp.install();
        } catch (LinkageError e) { // the ACCP jar is not on the class path
            return jdk("ACCP unavailable: " + e, "NOT_RUN");
        }
    }

    /** Every reference to ACCP's classes lives here, so a missing jar surfaces as a LinkageError in {@link #tryAccp}. */
    private static final class Accp {
        static Installed install() {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            try {
                if (accp.getLoadingError() != null) return jdk("ACCP cannot load here: " + accp.getLoadingError(), "NOT_RUN");
                SelfTestStatus selfTest = accp.runSelfTests();
                if (selfTest != SelfTestStatus.PASSED) return jdk("ACCP self-test did not pass", selfTest.name());
                Security.removeProvider(accp.getName()); // a java.security file may list it further down
                Security.insertProviderAt(accp, 1);
                String signer = trialSignature();
                if (!signer.equals(accp.getName())) {
                    Security.removeProvider(accp.getName());
                    return jdk("ACCP installed but " + signer + " was chosen to sign", selfTest.name());
                }
                return new Installed(true, accp.getName() + " " + accp.getVersionStr() + " (" + accp.getAwsLcVersionStr() + ")",
                        selfTest.name(), null);
            } catch (RuntimeException | LinkageError | GeneralSecurityException e) {
                Security.removeProvider(accp.getName());
                return jdk("ACCP failed: " + e, "FAILED");
            }
        }
    }

    private static Installed jdk(String why, String selfTest) {
        String signer;
        try {
            signer = trialSignature();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign SHA256withRSA", e);
        }
        Provider p = Security.getProvider(signer);
        return new Installed(false, signer + (p == null ? "" : " " + p.getVersionStr()) + " (JDK)", selfTest, why);
    }

    /** Signs and verifies once with a fresh 2048-bit key; returns the name of the provider that signed. */
    private static String trialSignature() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        byte[] text = "atoll crypto provider check".getBytes(StandardCharsets.UTF_8);
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(pair.getPrivate());
        sign.update(text);
        byte[] sig = sign.sign();
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(pair.getPublic());
        verify.update(text);
        if (!verify.verify(sig)) throw new GeneralSecurityException("a fresh SHA256withRSA signature does not verify");
        return sign.getProvider().getName();
    }
}
