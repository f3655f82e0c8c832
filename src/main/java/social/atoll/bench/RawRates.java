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

    /**
     * A result: how many operations took how long, and how much CPU they used ({@code cpuNanos}, -1 when not
     * measured). On a shared machine the wall time says how much CPU others left; the CPU per operation does not.
     */
    record Rate(int count, long nanos, long cpuNanos) {
        Rate(int count, long nanos) { this(count, nanos, -1); }

        double perSecond() { return count / (nanos / 1e9); }

        double seconds() { return nanos / 1e9; }

        /** CPU milliseconds per operation, or NaN when not measured. */
        double cpuMillisEach() { return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e6 / count; }
    }

    /** CPU time of this whole process so far (all threads: Atoll, the sinks, the senders), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
        long cpu0 = threadCpuNanos();
        sign(key, text, count);
        return new Rate(count, System.nanoTime() - t0, threadCpuNanos() - cpu0);
    }

    /**
     * SHA256withRSA verifications per second on one thread with one parsed public key, as {@link InboxSink} checks
     * each delivery: the share of the delivery figure that is the receivers' work, not Atoll's.
     */
    static Rate rsaVerifying(PrivateKey key, java.security.PublicKey publicKey, int count) throws GeneralSecurityException {
        byte[] text = new byte[1024];
        Arrays.fill(text, (byte) 'a');
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(text);
        byte[] signature = s.sign();
        verify(publicKey, text, signature, Math.max(50, count / 5));
        long t0 = System.nanoTime();
        long cpu0 = threadCpuNanos();
        verify(publicKey, text, signature, count);
        return new Rate(count, System.nanoTime() - t0, threadCpuNanos() - cpu0);
    }

    private static void verify(java.security.PublicKey key, byte[] text, byte[] signature, int count) throws GeneralSecurityException {
        for (int i = 0; i < count; i++) {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(key);
            v.update(text);
            if (!v.verify(signature)) throw new IllegalStateException("a signature did not verify");
        }
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
        long cpu0 = processCpuNanos();
        for (int i = 0; i < count; i++) {
            long id = ids.next();
            Instant now = Instant.now();
            db.write(h -> h.createUpdate("""
                            INSERT INTO statuses (id, uri, url, account_id, local, content, visibility, language, created_at, updated_at)
                            VALUES (:id, :uri, :uri, :account, FALSE, :content, 'public', 'en', :now, :now)""")
                    .bind("id", id).bind("uri", uriPrefix + id).bind("account", accountId).bind("content", content)
                    .bind("now", now).execute());
        }
        return new Rate(count, System.nanoTime() - t0, processCpuNanos() - cpu0);
    }
}
