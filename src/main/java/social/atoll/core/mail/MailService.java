package social.atoll.core.mail;

import java.time.Duration;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.mail.Mail;
import social.atoll.infra.mail.MailTransport;

/**
 * Sends the server's mail: a {@link Letter} is put into words by the {@link Templates} (HTML and plain text, with
 * the server's name) and stored as a durable job in the caller's transaction, so a mail goes out only when what it
 * announces was committed, and is retried while the SMTP server is down.
 */
public final class MailService {

    /** Puts a letter into words; implemented by the web layer, which owns the templates and texts. */
    public interface Templates {
        Mail render(Letter letter);
    }

    /** Retried over about a day: an SMTP server being restarted or a greylisting relay must not lose a mail. */
    static final JobType<Mail> SEND = new JobType<>("mail.send", Mail.class, 12, Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofDays(2));

    private final Database db;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final MailTransport transport;
    private Templates templates;

    public MailService(Database db, JobQueue jobs, IdGenerator ids, MailTransport transport) {
        this.db = db;
        this.jobs = jobs;
        this.ids = ids;
        this.transport = transport;
    }

    /** Set once at wiring: the templates live in the web layer, which is built after core. */
    public void templates(Templates templates) { this.templates = templates; }

    public void register() { jobs.register(SEND, transport::send); }

    /** Queues the letter, in the caller's write transaction or in one of its own. */
    public void send(Letter letter) {
        if (templates == null) throw new IllegalStateException("mail templates not wired");
        Mail mail = templates.render(letter);
        db.write(h -> jobs.enqueue(SEND, Long.toString(ids.next()), mail));
    }
}
