package social.atoll.infra.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
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

    /**
     * Signs and verifies once with a fixed 2048-bit key; returns the name of the provider that signed. The key is a
     * test vector, not a secret: it signs nothing but this check. A fresh key cost a 2048-bit prime search (a tenth
     * of a second or more of the start, at random) to learn which provider signs.
     */
    private static String trialSignature() throws GeneralSecurityException {
        KeyFactory keys = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(TRIAL_KEY)));
        PublicKey publicKey = keys.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        byte[] text = "atoll crypto provider check".getBytes(StandardCharsets.UTF_8);
        Signature sign = Signature.getInstance("SHA256withRSA");
        sign.initSign(key);
        sign.update(text);
        byte[] sig = sign.sign();
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(publicKey);
        verify.update(text);
        if (!verify.verify(sig)) throw new GeneralSecurityException("a SHA256withRSA signature does not verify");
        return sign.getProvider().getName();
    }

    /** PKCS#8 of the trial signature's RSA key (2048 bits). */
    private static final String TRIAL_KEY =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCew+i+C2L81YY/O6DZV3l9Mp1y5fbKiGJuEAFkPD0XFBMzYd9L" +
            "2dv8XXNXc95C7dqKKrPj/o5p7p+pkANrqBTXFT1NrNwqN41exgNeC1DGCePHN8nhq0jwQixrx6HwUbTmydRWpQ7eTwUPsb9AUhZn" +
            "HHngOoPTos3jw05iVEVmbP6UFiOSkvhikBuTbzRdZdh0hirRJuTkqsLog2MYTlf+yFwHO1euoC0KpPbdknzhEM8cnmctg5jqN3VM" +
            "FZT7mwjVmGdiHElOC9XF6aaIDd8P3czp0gncS0V7NCZ4Aw9PX2Z3FZRosivxnFYVERBvhW/dX6fqe8T198xjVzNbU/n1AgMBAAEC" +
            "ggEAD5PUzPrEiF6x+JfS6ShQSwSxlqGyJH6bu8VVwZ44d0B4vtCiTmiukTUhGUpM2z/HsslMU7k5A3NOlp5C+6fm/ZB/rpSgmILR" +
            "W+RtVaeiEgBL6VLTu9Doy+wOPDf+71uw9nkEnMi+q/jQXBEaXQcA3DaazbGoGBaQAYI6+WJf2dP91CqNeZzu5gFUKhGxCz9OszRz" +
            "XLGhHkSvPlgHod9ys/wdPIjMhcP9HJurYUC9ifxrWb8anFxa6ElJTbNNWXmSbaZvbAWm1spL4OebQwFyPWbzS3dNYTtSP62yxVLH" +
            "9CTp+vIqtqQk1wOz5hIAVtKD07CwNbnuZKa/WZouNoxZiQKBgQDQZ2SIlJNiNsfj1A8SqmzTdzefjs0SIHztC13192ax7J1kEhFJ" +
            "haEcwAEwdu+3W9oVCf6S/796WE4/H0dh5ET6GNt1ZZ4/KpNiEOMZPzzSPHVkke01/1pfBhkyDXgqLCy91lImGSoRk6HGFd0MdHI9" +
            "lAygXW+bdedSmsjMkLzleQKBgQDDBlRwrPH15qjjmXDJ068e8kDGwJCNWTjzz6i07E9s2BmAlgCtuS8zdiIHW2Tm/jvCdNygjd+K" +
            "Aao+4mclCVhuIzB01urAVvYzbEUjsGYQ4fithQvrQtdhsej2i5WVXhW4cuTyNHcdMohLydHLHdiybC3RwjXo9kUgdiymo/NFXQKB" +
            "gD0VYQErUzuhRNuBR124OCePNO1+hJsAjL1J7KNwfVg/Oy6eoRSEp2Fu4apb4g1DTduGz2g0r+HjSiP0Pg7yQklvybtSKpznFMXU" +
            "n0vCHkic0efFYdrG2q0pc28ZRZRO2FpYHEHwdEUsmWke9Wh2JRnpb/39BP5zA3dRyPM0pTk5AoGBAJCeIwOi25HzR43u/JpNZPDX" +
            "x30a0pZecUMq2/m9unAGF3MoyLwKNJw+n6FA/qPkJsBeFDTiv78A2RPko4PtWCvj4EzkChQy6ELdqK98YVNnnhZeMKZ2XGzPlucs" +
            "PvISYJz0Zh3NFf8Kt9Mrh2zNZyF34spG798er8gQma/Ap+bpAoGALIovoW2WPmmjVI4llw3gn4+9W2B+RfErO23+FaWcAg7S7/LA" +
            "WJMd12IVvVj/y8w6q6ql5A0QJRJy4AZTtQuRR9itmULqE2X/rvZgG5EziVHG+yLahQSNarv9/GfkMnSOyUsDC1N6sySKxtgUqcAI" +
            "oSnkgP1B6Y0yUBXKnG+vis8=";
}
