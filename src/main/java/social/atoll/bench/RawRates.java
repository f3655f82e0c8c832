package social.atoll.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** The ceilings the federation figures are divided by: bare signing and bare inserting, measured in the same run. */
final class RawRates {

    private RawRates() {}

    /** A result: how many operations took how long. */
    record Rate(int count, long nanos) {
        double perSecond() { return count / (nanos / 1e9); }

        double seconds() { return nanos / 1e9; }
    }

    /**
     * SHA256withRSA signatures per second on one thread, each over a fresh copy of a 1 KiB text (as a delivery signs a
     * new signing string each time), after {@code count / 5} unmeasured ones to warm the JIT.
     */
    static Rate rsaSigning(PrivateKey key, int count) throws GeneralSecurityException {
        byte[] text = new byte[1024];
        Arrays.fill(text, (byte) 'a');
        byte[] prefix = "(request-target): post /inbox\nhost: example.test\ndate: ".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, text, 0, prefix.length);
        sign(key, text, Math.max(50, count / 5));
        long t0 = System.nanoTime();
        sign(key, text, count);
        return new Rate(count, System.nanoTime() - t0);
    }

    private static void sign(PrivateKey key, byte[] text, int count) throws GeneralSecurityException {
        for (int i = 0; i < count; i++) {
            text[text.length - 1] = (byte) ('0' + i % 10);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(text);
            s.sign();
        }
    }

    /**
     * Single-row INSERTs of a status row like an inbound one (remote, public, a paragraph of HTML), each in its own
     * write transaction through {@link Database}, as the inbox handlers write: rows per second.
     */
    static Rate statusInserts(Database db, IdGenerator ids, long accountId, String uriPrefix, int count) {
        String content = "<p>" + "A status of about the size a remote server sends, with some words in it. ".repeat(5) + "</p>";
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long id = ids.next();
            Instant now = Instant.now();
            db.write(h -> h.createUpdate("""
                            INSERT INTO statuses (id, uri, url, account_id, local, content, visibility, language, created_at, updated_at)
                            VALUES (:id, :uri, :uri, :account, FALSE, :content, 'public', 'en', :now, :now)""")
                    .bind("id", id).bind("uri", uriPrefix + id).bind("account", accountId).bind("content", content)
                    .bind("now", now).execute());
        }
        return new Rate(count, System.nanoTime() - t0);
    }
}
