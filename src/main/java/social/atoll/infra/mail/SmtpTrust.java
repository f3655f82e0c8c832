package social.atoll.infra.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificates {@code ATOLL_SMTP_TRUST} names, for an SMTP server whose certificate no public CA signed: a
 * private CA, or the server's own self-signed certificate. Nothing else is trusted beyond the system's CAs.
 *
 * <p>A server certificate that is itself in the file is accepted as it is (pinned): the operator named that very
 * key, so neither its names nor its dates add anything, and self-signed certificates of relays rarely carry the
 * host name. Any other certificate must chain to the system's CAs or to one in the file, and its name must match
 * the host (the endpoint identification Angus Mail asks of the trust manager with
 * {@code mail.smtp.ssl.checkserveridentity}).
 */
final class SmtpTrust {

    private SmtpTrust() {}

    /** The socket factory for TLS to the SMTP server, trusting the system's CAs and the certificates of {@code pem}. */
    static SSLSocketFactory socketFactory(Path pem) {
        try {
            List<X509Certificate> named = read(pem);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < named.size(); i++) store.setCertificateEntry("atoll-smtp-" + i, named.get(i));
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager file = trustManager(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Combined(named, system, file)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ATOLL_SMTP_TRUST: " + pem + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("ATOLL_SMTP_TRUST: cannot read " + pem, e);
        }
    }

    private static List<X509Certificate> read(Path pem) throws IOException, CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in))
                if (c instanceof X509Certificate x) out.add(x);
        }
        if (out.isEmpty()) throw new CertificateException("no certificate in the file");
        return out;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) if (tm instanceof X509ExtendedTrustManager x) return x;
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Pinned certificates first, then the system's CAs, then the file's certificates as CAs. */
    private static final class Combined extends X509ExtendedTrustManager {
        private final List<X509Certificate> pinned;
        private final X509ExtendedTrustManager system;
        private final X509ExtendedTrustManager file;

        Combined(List<X509Certificate> pinned, X509ExtendedTrustManager system, X509ExtendedTrustManager file) {
            this.pinned = pinned;
            this.system = system;
            this.file = file;
        }

        private interface Check { void run(X509ExtendedTrustManager tm) throws CertificateException; }

        private void server(X509Certificate[] chain, Check check) throws CertificateException {
            if (chain == null || chain.length == 0) throw new CertificateException("the SMTP server sent no certificate");
            if (pinned.contains(chain[0])) return;
            try {
                check.run(system);
            } catch (CertificateException bySystem) {
                try {
                    check.run(file);
                } catch (CertificateException byFile) {
                    bySystem.addSuppressed(byFile);
                    throw bySystem;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            server(chain, tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            server(chain, tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            server(chain, tm -> tm.checkServerTrusted(chain, authType));
        }

        // Atoll is only ever the client here
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() { return system.getAcceptedIssuers(); }
    }
}
