package social.atoll.config;

/**
 * {@code ATOLL_SMTP_*}: where mail goes. Without a host, mail is not sent but written as {@code .eml} files under
 * {@code <data dir>/mail/} (and logged in one line), so a new server works before anyone configures SMTP.
 *
 * @param host     SMTP server, or null for the files
 * @param port     SMTP port (587 by default, 465 is usual with {@code tls})
 * @param user     user to authenticate as, or null for no authentication
 * @param password its password
 * @param tls      how the connection is encrypted
 * @param from     the sender address ({@code notifications@<domain>} by default)
 * @param trust    a PEM file of certificates to trust for the SMTP server besides the system's CAs (a private CA, or
 *                 the server's own self-signed certificate), or null
 */
public record MailSettings(String host, int port, String user, String password, Tls tls, String from, java.nio.file.Path trust) {

    public enum Tls { STARTTLS, TLS, NONE }

    /** True when mail goes to an SMTP server rather than to files. */
    public boolean smtp() { return host != null; }

    @Override
    public String toString() {
        // the password never reaches a log line
        return "MailSettings[host=" + host + ", port=" + port + ", user=" + user + ", tls=" + tls + ", from=" + from + ", trust=" + trust + "]";
    }
}
