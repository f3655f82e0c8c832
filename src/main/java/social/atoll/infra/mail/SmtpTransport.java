package social.atoll.infra.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Properties;
import social.atoll.config.MailSettings;

/**
 * Sends through the configured SMTP server with Angus Mail: STARTTLS (required: a server that does not offer it is
 * refused, never written to in clear), implicit TLS, or plain for a relay on the same host. The server's certificate
 * and name are checked, against the system's CAs and those {@code ATOLL_SMTP_TRUST} adds (see {@link SmtpTrust}).
 */
final class SmtpTransport implements MailTransport {

    private final MailSettings settings;
    private final Clock clock;
    private final Session session;

    SmtpTransport(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Properties p = MailTransport.baseProperties();
        String proto = settings.tls() == MailSettings.Tls.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.host());
        p.put("mail." + proto + ".port", Integer.toString(settings.port()));
        p.put("mail." + proto + ".auth", Boolean.toString(settings.user() != null));
        for (String key : new String[] {"connectiontimeout", "timeout", "writetimeout"})
            p.put("mail." + proto + "." + key, p.getProperty("mail.smtp." + key));
        switch (settings.tls()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> p.put("mail.smtps.ssl.checkserveridentity", "true");
            case NONE -> { }
        }
        // a private CA or a self-signed certificate named by ATOLL_SMTP_TRUST (on top of the system's CAs)
        if (settings.trust() != null && settings.tls() != MailSettings.Tls.NONE)
            p.put("mail." + proto + ".ssl.socketFactory", SmtpTrust.socketFactory(settings.trust()));
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Mail mail) throws MessagingException {
        MimeMessage m = MailTransport.mime(session, settings, mail, clock);
        String proto = settings.tls() == MailSettings.Tls.TLS ? "smtps" : "smtp";
        try (Transport t = session.getTransport(proto)) {
            t.connect(settings.host(), settings.port(), settings.user(), settings.password());
            t.sendMessage(m, m.getAllRecipients());
        }
    }
}
