package social.atoll.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    /** Loads with an explicit (possibly empty) properties file, so a stray ./atoll.properties cannot leak in. */
    private Settings load(Map<String, String> flags, Map<String, String> env, String file) throws IOException {
        Path f = dir.resolve("atoll.properties");
        Files.writeString(f, file);
        return new SettingsLoader(flags, env, f).load();
    }

    private Settings load(Map<String, String> env) throws IOException { return load(Map.of(), env, ""); }

    @Test
    void precedenceIsFlagThenEnvironmentThenFileThenDefault() throws IOException {
        String file = "ATOLL_PORT=1003\n";
        assertThat(load(Map.of("ATOLL_PORT", "1001"), Map.of("ATOLL_PORT", "1002"), file).port()).isEqualTo(1001);
        assertThat(load(Map.of(), Map.of("ATOLL_PORT", "1002"), file).port()).isEqualTo(1002);
        assertThat(load(Map.of(), Map.of(), file).port()).isEqualTo(1003);
        assertThat(load(Map.of(), Map.of(), "").port()).isEqualTo(8080);
        // A blank value counts as not given, so the next source wins.
        assertThat(load(Map.of("ATOLL_PORT", " "), Map.of("ATOLL_PORT", "1002"), file).port()).isEqualTo(1002);
    }

    @Test
    void theFileAcceptsDottedNames() throws IOException {
        Settings s = load(Map.of(), Map.of(), "registrations=closed\nmax.status.chars=1000\n");
        assertThat(s.registrations()).isEqualTo(Settings.Registrations.CLOSED);
        assertThat(s.maxStatusChars()).isEqualTo(1000);
    }

    @Test
    void defaultsWorkWithNoConfiguration() throws IOException {
        Settings s = load(Map.of());
        assertThat(s.domain()).isEqualTo("localhost:8080");
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.isSqlite()).isTrue();
        assertThat(s.dbUrl()).endsWith("atoll.db");
        assertThat(s.registrations()).isEqualTo(Settings.Registrations.OPEN);
        assertThat(s.role()).isEqualTo(Settings.Role.ALL);
        assertThat(s.allowPrivateAddresses()).isFalse();
        assertThat(s.metricsToken()).isNull();
    }

    @Test
    void everyInvalidValueGivesOneLineNamingTheSetting() {
        Map<String, String> bad = Map.of(
                "ATOLL_PORT", "eighty",
                "ATOLL_MAX_STATUS_CHARS", "0",
                "ATOLL_DOMAIN", "not a domain!",
                "ATOLL_URL", "ftp://social.example",
                "ATOLL_DB_URL", "mysql://db/atoll",
                "ATOLL_REGISTRATIONS", "sometimes",
                "ATOLL_ROLE", "boss",
                "ATOLL_ALLOW_PRIVATE_ADDRESSES", "perhaps",
                "ATOLL_METRICS_TOKEN", "short");
        bad.forEach((name, value) -> assertThatThrownBy(() -> load(Map.of(name, value)))
                .as(name)
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(name + ":")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
        // Out of range counts as invalid too.
        assertThatThrownBy(() -> load(Map.of("ATOLL_PORT", "70000"))).hasMessageStartingWith("ATOLL_PORT:");
        assertThatThrownBy(() -> new SettingsLoader(Map.of(), Map.of(), dir.resolve("missing.properties")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("--config:");
    }

    @Test
    void loopbackDomainsGetHttpAndOthersHttps() throws IOException {
        Map<String, String> expected = new HashMap<>();
        expected.put("localhost:3000", "http://localhost:3000");
        expected.put("127.0.0.1:8081", "http://127.0.0.1:8081");
        expected.put("atoll.localhost", "http://atoll.localhost");
        expected.put("[::1]:8080", "http://[::1]:8080");
        expected.put("social.example", "https://social.example");
        expected.put("Social.Example", "https://social.example");
        expected.put("localhost.example.com", "https://localhost.example.com");
        for (var e : expected.entrySet()) {
            assertThat(load(Map.of("ATOLL_DOMAIN", e.getKey())).baseUrl()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // An explicit URL wins and loses its trailing slash.
        Settings s = load(Map.of("ATOLL_DOMAIN", "social.example", "ATOLL_URL", "https://social.example/"));
        assertThat(s.baseUrl()).isEqualTo("https://social.example");
        assertThat(s.streamingOrigin()).isEqualTo("wss://social.example");
    }

    @Test
    void postgresqlUrlsAreSplitIntoJdbcUrlAndCredentials() throws IOException {
        Settings s = load(Map.of("ATOLL_DB_URL", "postgresql://user:pass@host:5432/db"));
        assertThat(s.dbUrl()).isEqualTo("jdbc:postgresql://host:5432/db");
        assertThat(s.dbUser()).isEqualTo("user");
        assertThat(s.dbPassword()).isEqualTo("pass");
        assertThat(s.isPostgres()).isTrue();

        Settings encoded = load(Map.of("ATOLL_DB_URL", "postgres://atoll:p%40ss%3Aword@db.internal/atoll?sslmode=require"));
        assertThat(encoded.dbUrl()).isEqualTo("jdbc:postgresql://db.internal/atoll?sslmode=require");
        assertThat(encoded.dbUser()).isEqualTo("atoll");
        assertThat(encoded.dbPassword()).isEqualTo("p@ss:word");

        Settings jdbc = load(Map.of("ATOLL_DB_URL", "jdbc:postgresql://h/d", "ATOLL_DB_USER", "u", "ATOLL_DB_PASSWORD", "p"));
        assertThat(jdbc.dbUrl()).isEqualTo("jdbc:postgresql://h/d");
        assertThat(jdbc.dbUser()).isEqualTo("u");

        assertThatThrownBy(() -> load(Map.of("ATOLL_DB_URL", "postgresql://user:pass@host:5432/")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("ATOLL_DB_URL:");
    }

    @Test
    void booleansAndEnumsAreLenientAboutCase() throws IOException {
        assertThat(load(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "TRUE")).allowPrivateAddresses()).isTrue();
        assertThat(load(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "1")).allowPrivateAddresses()).isTrue();
        assertThat(load(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "off")).allowPrivateAddresses()).isFalse();
        assertThat(load(Map.of("ATOLL_REGISTRATIONS", "Approval")).registrations()).isEqualTo(Settings.Registrations.APPROVAL);
        assertThat(load(Map.of("ATOLL_ROLE", "worker")).role().web()).isFalse();
    }

    @Test
    void s3StorageNeedsItsBucketAndKeysAndNamesWhatIsMissing() throws IOException {
        assertThat(load(Map.of()).storage().driver()).isEqualTo(StorageSettings.Driver.LOCAL);
        assertThat(load(Map.of()).maxMediaAttachments()).isEqualTo(4);
        assertThat(load(Map.of("ATOLL_MAX_MEDIA_ATTACHMENTS", "20")).maxMediaAttachments()).isEqualTo(20);
        assertThatThrownBy(() -> load(Map.of("ATOLL_MAX_MEDIA_ATTACHMENTS", "21"))).hasMessageStartingWith("ATOLL_MAX_MEDIA_ATTACHMENTS:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_BUCKET", "media")))
                .hasMessage("ATOLL_STORAGE: s3 needs ATOLL_S3_ACCESS_KEY, ATOLL_S3_SECRET_KEY");
        assertThatThrownBy(() -> load(Map.of("ATOLL_STORAGE", "ftp"))).hasMessageStartingWith("ATOLL_STORAGE: 'ftp' is not one of");
        Map<String, String> s3 = Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_BUCKET", "media", "ATOLL_S3_ACCESS_KEY", "k",
                "ATOLL_S3_SECRET_KEY", "sekrit-value", "ATOLL_S3_ENDPOINT", "https://s3.example.net/");
        StorageSettings st = load(s3).storage();
        assertThat(st.endpoint()).isEqualTo("https://s3.example.net");
        assertThat(st.pathStyle()).isTrue();
        assertThat(st.region()).isEqualTo("us-east-1");
        assertThat(st.toString()).doesNotContain("sekrit");
        Map<String, String> badUrl = new HashMap<>(s3);
        badUrl.put("ATOLL_S3_PUBLIC_URL", "files.example.net");
        assertThatThrownBy(() -> load(badUrl)).hasMessageStartingWith("ATOLL_S3_PUBLIC_URL:");
    }

    @Test
    void mailGoesToFilesUntilAnSmtpHostIsSetAndItsSettingsAreChecked() throws IOException {
        MailSettings none = load(Map.of("ATOLL_DOMAIN", "social.example")).mail();
        assertThat(none.smtp()).isFalse();
        assertThat(none.from()).isEqualTo("notifications@social.example");
        assertThat(none.port()).isEqualTo(587);
        assertThat(none.tls()).isEqualTo(MailSettings.Tls.STARTTLS);

        MailSettings smtp = load(Map.of("ATOLL_SMTP_HOST", "smtp.example", "ATOLL_SMTP_PORT", "465", "ATOLL_SMTP_TLS", "tls",
                "ATOLL_SMTP_USER", "me", "ATOLL_SMTP_PASSWORD", "pw-secret", "ATOLL_SMTP_FROM", "Atoll <a@b.example>")).mail();
        assertThat(smtp.smtp()).isTrue();
        assertThat(smtp.tls()).isEqualTo(MailSettings.Tls.TLS);
        assertThat(smtp.from()).isEqualTo("Atoll <a@b.example>");
        assertThat(smtp.toString()).doesNotContain("pw-secret");

        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_TLS", "ssl"))).hasMessageStartingWith("ATOLL_SMTP_TLS:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_PORT", "0"))).hasMessageStartingWith("ATOLL_SMTP_PORT:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_HOST", "smtp example"))).hasMessageStartingWith("ATOLL_SMTP_HOST:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_USER", "me"))).hasMessageStartingWith("ATOLL_SMTP_PASSWORD:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_FROM", "not an address"))).hasMessageStartingWith("ATOLL_SMTP_FROM:");
    }

    @Test
    void smtpTrustIsAReadablePemFileForATlsMode() throws IOException {
        assertThat(load(Map.of("ATOLL_SMTP_HOST", "smtp.example")).mail().trust()).isNull();
        Path pem = Files.writeString(dir.resolve("smtp.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(load(Map.of("ATOLL_SMTP_HOST", "smtp.example", "ATOLL_SMTP_TRUST", pem.toString())).mail().trust()).isEqualTo(pem);
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_TRUST", dir.resolve("missing.pem").toString())))
                .hasMessageStartingWith("ATOLL_SMTP_TRUST:");
        assertThatThrownBy(() -> load(Map.of("ATOLL_SMTP_TLS", "none", "ATOLL_SMTP_TRUST", pem.toString())))
                .hasMessageStartingWith("ATOLL_SMTP_TRUST:").hasMessageContaining("none");
    }
}
