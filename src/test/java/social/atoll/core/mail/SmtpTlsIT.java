package social.atoll.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.SmtpInbox;
import social.atoll.testing.TestInstance;

/**
 * The three {@code ATOLL_SMTP_TLS} modes against GreenMail: implicit TLS and STARTTLS with GreenMail's self-signed
 * certificate named by {@code ATOLL_SMTP_TRUST}, plain SMTP; and the refusals — an untrusted certificate, and a
 * server that offers no STARTTLS when it is asked for (never a silent fall back to clear text).
 */
class SmtpTlsIT {

    @Test
    void tlsSendsOverImplicitTlsToAServerWhoseCertificateIsNamedByAtollSmtpTrust() throws Exception {
        try (SmtpInbox inbox = SmtpInbox.startTls(); TestInstance atoll = TestInstance.start(inbox.settings())) {
            atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "tls@example.test", "tls", null, "en"));
            MimeMessage m = inbox.await("tls@example.test", 1);
            assertThat(m.getSubject()).contains(atoll.domain());
        }
    }

    @Test
    void starttlsUpgradesTheConnectionBeforeSending() throws Exception {
        try (SmtpInbox inbox = SmtpInbox.startStartTls(); TestInstance atoll = TestInstance.start(inbox.settings())) {
            assertThat(atoll.settings().mail().tls()).isEqualTo(social.atoll.config.MailSettings.Tls.STARTTLS);
            atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "starttls@example.test", "st", null, "en"));
            inbox.await("starttls@example.test", 1);
            // the front relays to GreenMail only after the TLS handshake: the mail went through an upgraded session
            assertThat(inbox.tlsUpgrades()).isEqualTo(1);
        }
    }

    @Test
    void starttlsIsTheDefaultAndRefusesAServerThatDoesNotOfferIt() throws Exception {
        try (SmtpInbox plain = SmtpInbox.start()) {
            Map<String, String> env = new HashMap<>(plain.settings());
            env.remove("ATOLL_SMTP_TLS"); // the default: starttls
            try (TestInstance atoll = TestInstance.start(env)) {
                assertThat(atoll.settings().mail().tls()).isEqualTo(social.atoll.config.MailSettings.Tls.STARTTLS);
                atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "clear@example.test", "c", null, "en"));
                awaitFailedAttempt(atoll);
                // the job failed (and will retry) rather than send the mail in clear
                assertThat(plain.received()).isZero();
            }
        }
    }

    @Test
    void tlsRefusesASelfSignedCertificateThatIsNotNamed() throws Exception {
        try (SmtpInbox inbox = SmtpInbox.startTls()) {
            Map<String, String> env = new HashMap<>(inbox.settings());
            env.remove("ATOLL_SMTP_TRUST");
            try (TestInstance atoll = TestInstance.start(env)) {
                atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "untrusted@example.test", "u", null, "en"));
                awaitFailedAttempt(atoll);
                assertThat(inbox.received()).isZero();
            }
        }
    }

    @Test
    void noneSendsInClearToARelay() throws Exception {
        try (SmtpInbox inbox = SmtpInbox.start(); TestInstance atoll = TestInstance.start(inbox.settings())) {
            atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "relay@example.test", "r", null, "en"));
            inbox.await("relay@example.test", 1);
        }
    }

    private static void awaitFailedAttempt(TestInstance atoll) {
        Await.until("a failed attempt to send", () -> atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT consecutive_failures FROM scheduled_tasks WHERE task_name = 'mail.send'").mapTo(Integer.class).findOne().orElse(0)) > 0);
    }
}
