package social.atoll.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestInstance;

/** The server's mail: sent over SMTP by the mail job (GreenMail as the server), or written to .eml files without SMTP. */
class MailDeliveryIT {

    @Test
    void aLetterGoesOutOverSmtpWithAuthenticationInTextAndHtmlNamingTheServer() throws Exception {
        int port = FreePort.find();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("atoll-mailer", "s3cret-pass");
        smtp.start();
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port),
                "ATOLL_SMTP_TLS", "none", "ATOLL_SMTP_USER", "atoll-mailer", "ATOLL_SMTP_PASSWORD", "s3cret-pass"))) {
            String link = atoll.baseUrl() + "/auth/confirmation?token=abc";
            atoll.app().core.mail.send(new Letter(Letter.Kind.CONFIRM_EMAIL, "ana@example.test", "ana", link, "en"));

            assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ana@example.test");
            assertThat(m.getFrom()[0].toString()).isEqualTo("notifications@localhost");
            assertThat(m.getSubject()).isEqualTo("Confirm your e-mail address on " + atoll.domain());
            assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
            Multipart parts = (Multipart) m.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(text).contains("Hello @ana,").contains(link).contains(atoll.domain()).doesNotContain("<p");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            assertThat(html).contains("href=\"" + link + "\"").contains(">" + atoll.domain() + "</a>");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMailWaitsForTheSmtpServerAndGoesOutOnceItIsUp() throws Exception {
        int port = FreePort.find();
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port),
                "ATOLL_SMTP_TLS", "none", "ATOLL_SMTP_FROM", "Atoll <robot@mail.example.test>"))) {
            atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, "ben@example.test", "ben", null, "en"));
            // the first attempt finds no server: the job stays queued for a retry instead of being lost
            Await.until("the first attempt to fail", () -> atoll.app().infra.db.read(h -> h.createQuery(
                    "SELECT consecutive_failures FROM scheduled_tasks WHERE task_name = 'mail.send'").mapTo(Integer.class).findOne().orElse(0)) > 0);
            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                var queue = atoll.app().infra.jobs;
                String key = atoll.app().infra.db.read(h -> h.createQuery(
                        "SELECT task_instance FROM scheduled_tasks WHERE task_name = 'mail.send'").mapTo(String.class).one());
                // the retry would come in 30 s; bring it forward rather than wait
                Await.until("the retry to be brought forward", () -> atoll.app().infra.db.write(h -> queue.runNow(MailService.SEND, key)));
                assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
                MimeMessage m = smtp.getReceivedMessages()[0];
                assertThat(m.getFrom()[0].toString()).isEqualTo("Atoll <robot@mail.example.test>");
                assertThat(GreenMailUtil.getBody(m)).contains("was changed");
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void withoutSmtpEachMailIsWrittenAsAnEmlFile() throws Exception {
        // the one log line a newcomer confirms their first account from
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("social.atoll.infra.mail.EmlDirectory");
        logger.addAppender(logged);
        try (TestInstance atoll = TestInstance.start()) {
            String link = atoll.baseUrl() + "/auth/password/edit?token=xyz";
            atoll.app().core.mail.send(new Letter(Letter.Kind.PASSWORD_RESET, "cy@example.test", "cy", link, "en"));
            Path dir = atoll.dataDir().resolve("mail");
            Await.until("the .eml file", Duration.ofSeconds(30), () -> emls(dir) > 0);
            Path eml;
            try (Stream<Path> files = Files.list(dir)) {
                eml = files.filter(p -> p.toString().endsWith(".eml")).findFirst().orElseThrow();
            }
            MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), Files.newInputStream(eml));
            assertThat(m.getSubject()).isEqualTo("Reset your password on " + atoll.domain());
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("cy@example.test");
            assertThat((String) ((Multipart) m.getContent()).getBodyPart(0).getContent()).contains(link);
            Await.until("the log line", () -> logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("cy@example.test")));
            String line = logged.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains("cy@example.test")).findFirst().orElseThrow();
            assertThat(line).contains("\"Reset your password on " + atoll.domain() + "\"").endsWith(" " + link).contains(".eml");
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static long emls(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".eml")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
