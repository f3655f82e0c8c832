package social.atoll.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real SMTP server (GreenMail) on a free loopback port for a test class, and the reads the mail tests make of what
 * it received: the mails to one address, waiting for the n-th, the plain-text part, a link in it.
 *
 * <p>Three ways in, one per {@code ATOLL_SMTP_TLS} mode: plain SMTP ({@link #start}), implicit TLS with GreenMail's
 * own self-signed certificate ({@link #startTls}), and STARTTLS ({@link #startStartTls}) — GreenMail does not offer
 * STARTTLS, so a small front on another port answers the greeting and EHLO itself, upgrades to TLS with the same
 * certificate on STARTTLS, then relays the rest of the session to GreenMail. {@link #trustFile} is that certificate
 * as PEM, for {@code ATOLL_SMTP_TRUST}.
 */
public final class SmtpInbox implements AutoCloseable {

    private static final char[] GREENMAIL_KEYSTORE_PASSWORD = "changeit".toCharArray();

    private final GreenMail smtp;
    private final String mode;
    private final int port;
    private final StartTlsFront front;
    private Path trustFile;

    private SmtpInbox(GreenMail smtp, String mode, int port, StartTlsFront front) {
        this.smtp = smtp;
        this.mode = mode;
        this.port = port;
        this.front = front;
    }

    /** Plain SMTP ({@code ATOLL_SMTP_TLS=none}). */
    public static SmtpInbox start() {
        int port = FreePort.find();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new SmtpInbox(smtp, "none", port, null);
    }

    /** SMTP over implicit TLS ({@code ATOLL_SMTP_TLS=tls}), with GreenMail's self-signed certificate. */
    public static SmtpInbox startTls() {
        int port = FreePort.find();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtp.start();
        return new SmtpInbox(smtp, "tls", port, null);
    }

    /** SMTP with STARTTLS ({@code ATOLL_SMTP_TLS=starttls}): the front upgrades, GreenMail behind it receives. */
    public static SmtpInbox startStartTls() {
        int port = FreePort.find();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        StartTlsFront front = new StartTlsFront(port);
        return new SmtpInbox(smtp, "starttls", front.port(), front);
    }

    /** The settings that send an instance's mail here, with the certificate trusted when TLS is used. */
    public Map<String, String> settings() {
        Map<String, String> s = new HashMap<>(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port),
                "ATOLL_SMTP_TLS", mode));
        if (!mode.equals("none")) s.put("ATOLL_SMTP_TRUST", trustFile().toString());
        return s;
    }

    public int port() { return port; }

    /** How many sessions the STARTTLS front upgraded to TLS (0 without a front). */
    public int tlsUpgrades() { return front == null ? 0 : front.upgrades.get(); }

    /** Every mail received so far, to anyone. */
    public int received() { return smtp.getReceivedMessages().length; }

    /** GreenMail's self-signed certificate as a PEM file (written once, removed on close). */
    public synchronized Path trustFile() {
        if (trustFile != null) return trustFile;
        try {
            X509Certificate cert = (X509Certificate) greenMailKeys().getCertificate("greenmail");
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            trustFile = Files.createTempFile("greenmail-cert", ".pem");
            Files.writeString(trustFile, pem);
            return trustFile;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** GreenMail's key store (key and self-signed certificate), from its jar. */
    static KeyStore greenMailKeys() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (in == null) throw new IllegalStateException("greenmail.p12 is not in GreenMail's jar");
            ks.load(in, GREENMAIL_KEYSTORE_PASSWORD);
        }
        return ks;
    }

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
    public void close() {
        if (front != null) front.close();
        smtp.stop();
        if (trustFile != null) {
            try {
                Files.deleteIfExists(trustFile);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    /**
     * The STARTTLS front: greets, offers STARTTLS in its EHLO answer and refuses anything else before it, upgrades
     * the connection (server side) with GreenMail's certificate, then relays the encrypted session to GreenMail's
     * plain port (after swallowing GreenMail's own greeting: the client has had one).
     */
    private static final class StartTlsFront implements AutoCloseable {
        private final ServerSocket server;
        private final int backend;
        private final SSLContext tls;
        final AtomicInteger upgrades = new AtomicInteger();

        StartTlsFront(int backend) {
            this.backend = backend;
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(greenMailKeys(), GREENMAIL_KEYSTORE_PASSWORD);
                tls = SSLContext.getInstance("TLS");
                tls.init(kmf.getKeyManagers(), null, null);
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Thread.ofVirtual().name("starttls-front").start(this::accept);
        }

        int port() { return server.getLocalPort(); }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> session(s));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void session(Socket plain) {
            try (plain) {
                InputStream in = plain.getInputStream();
                OutputStream out = plain.getOutputStream();
                write(out, "220 starttls-front ESMTP");
                while (true) {
                    String line = readLine(in);
                    if (line == null) return;
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                    if (verb.equals("EHLO") || verb.equals("HELO")) {
                        write(out, "250-starttls-front\r\n250 STARTTLS");
                    } else if (line.equalsIgnoreCase("STARTTLS")) {
                        write(out, "220 Ready to start TLS");
                        break;
                    } else if (verb.equals("QUIT")) {
                        write(out, "221 bye");
                        return;
                    } else {
                        write(out, "530 5.7.0 Must issue a STARTTLS command first");
                    }
                }
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                upgrades.incrementAndGet();
                try (secure; Socket back = new Socket(InetAddress.getLoopbackAddress(), backend)) {
                    InputStream backIn = back.getInputStream();
                    readLine(backIn); // GreenMail's greeting
                    Thread pump = Thread.ofVirtual().start(() -> copy(backIn, secure));
                    copy(secure.getInputStream(), back);
                    pump.join();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        private static void copy(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                // either side closed (or TLS without half-close)
            }
        }

        private static void write(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One CRLF-ended line, byte by byte: nothing after it may be read off the plain socket before the upgrade. */
        private static String readLine(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') return b.toString().stripTrailing();
                b.append((char) c);
            }
            return b.isEmpty() ? null : b.toString();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
