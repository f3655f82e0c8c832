package social.atoll.infra.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import social.atoll.config.MailSettings;

/** Hands a {@link Mail} on: to an SMTP server, or to a file when none is configured. */
public interface MailTransport {

    void send(Mail mail) throws Exception;

    /** The transport the settings ask for. */
    static MailTransport of(MailSettings settings, java.nio.file.Path dataDir, java.time.Clock clock) {
        return settings.smtp() ? new SmtpTransport(settings, clock) : new EmlDirectory(dataDir.resolve("mail"), settings, clock);
    }

    /**
     * The MIME message of a mail: multipart/alternative with the plain text first (the part a client shows last is
     * the one it prefers), UTF-8 throughout.
     */
    static MimeMessage mime(Session session, MailSettings settings, Mail mail, java.time.Clock clock) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from(), true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        // automated mail: no vacation replies, no bounces of auto-replies (RFC 3834)
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    static Properties baseProperties() {
        Properties p = new Properties();
        // a stuck server must not hold a worker thread forever; the job retries later
        p.put("mail.smtp.connectiontimeout", "20000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        return p;
    }
}
