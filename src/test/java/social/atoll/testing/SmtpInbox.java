package social.atoll.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free loopback port for a test class, and the reads the mail tests make of what
 * it received: the mails to one address, waiting for the n-th, the plain-text part, a link in it.
 */
public final class SmtpInbox implements AutoCloseable {

    private final GreenMail smtp;
    private final int port;

    private SmtpInbox(int port) {
        this.port = port;
        this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public static SmtpInbox start() {
        SmtpInbox inbox = new SmtpInbox(FreePort.find());
        inbox.smtp.start();
        return inbox;
    }

    /** The settings that send an instance's mail here (plain SMTP on loopback). */
    public Map<String, String> settings() {
        return Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port), "ATOLL_SMTP_TLS", "none");
    }

    public int port() { return port; }

    /** Every mail received so far addressed to {@code to}, oldest first. */
    public List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits for the {@code n}-th mail to {@code to} (1: the first) and returns it. */
    public MimeMessage await(String to, int n) {
        Await.until(n + " mail(s) to " + to, () -> mailsTo(to).size() >= n);
        return mailsTo(to).get(n - 1);
    }

    /** The plain-text part of a mail Atoll sent (its first part). */
    public static String text(MimeMessage mail) {
        try {
            return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the plain-text part that starts with {@code prefix}. */
    public static String link(MimeMessage mail, String prefix) {
        String text = text(mail);
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S+").matcher(text);
        if (!m.find()) throw new AssertionError("no link starting with " + prefix + " in: " + text);
        return m.group();
    }

    @Override
    public void close() { smtp.stop(); }
}
