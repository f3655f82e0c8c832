package social.atoll.infra.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.MailSettings;

/**
 * Mail on a server without SMTP: each mail is written as an {@code .eml} file (openable by any mail client) and its
 * subject and link are logged in one line, so that a newcomer can confirm an account from the log.
 */
final class EmlDirectory implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(EmlDirectory.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final MailSettings settings;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    EmlDirectory(Path dir, MailSettings settings, Clock clock) {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) throws Exception {
        MimeMessage m = MailTransport.mime(session, settings, mail, clock);
        Files.createDirectories(dir);
        // named by time first, so that a listing sorted by name is in the order the mails were written
        Path file = dir.resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".eml");
        // written aside, then renamed: whoever lists the directory sees whole mails only
        Path partial = dir.resolve(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
            m.writeTo(out);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("mail (no ATOLL_SMTP_HOST, written to {}) to {}: \"{}\"{}", file, mail.to(), mail.subject(),
                mail.link() == null ? "" : " " + mail.link());
    }
}
