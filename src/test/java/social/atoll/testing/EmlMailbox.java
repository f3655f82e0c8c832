package social.atoll.testing;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The mail a test instance without SMTP writes under {@code <data dir>/mail/}, read back as a mail client would. */
public final class EmlMailbox {

    public record Received(String to, String subject, String text) {
        /** The first link of the plain-text part that starts with {@code prefix}. */
        public String link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S*").matcher(text);
            if (!m.find()) throw new AssertionError("no link starting with " + prefix + " in: " + text);
            return m.group();
        }
    }

    private final Path dir;

    public EmlMailbox(TestInstance atoll) { this.dir = atoll.dataDir().resolve("mail"); }

    /** Every mail written so far, oldest first. */
    public List<Received> all() {
        if (!Files.isDirectory(dir)) return List.of();
        List<Received> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                    String text = (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
                    out.add(new Received(m.getAllRecipients()[0].toString(), m.getSubject(), text));
                }
            }
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Waits for the {@code n}th mail (1-based) to {@code to} and answers it. */
    public Received await(String to, int n) {
        Await.until(n + " mail(s) to " + to, () -> all().stream().filter(r -> r.to().equals(to)).count() >= n);
        return all().stream().filter(r -> r.to().equals(to)).skip(n - 1).findFirst().orElseThrow();
    }
}
