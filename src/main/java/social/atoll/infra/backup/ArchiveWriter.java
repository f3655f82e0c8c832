package social.atoll.infra.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes zip entries as they are produced, hashing each on the way (nothing is held in memory but buffers). */
final class ArchiveWriter {

    /** Produces an entry's bytes; the stream must not be closed. */
    @FunctionalInterface
    interface Body<T> {
        T write(OutputStream out) throws Exception;
    }

    private final ZipOutputStream zip;
    private final List<BackupManifest.Entry> entries = new ArrayList<>();

    ArchiveWriter(ZipOutputStream zip) { this.zip = zip; }

    List<BackupManifest.Entry> entries() { return List.copyOf(entries); }

    <T> T entry(String name, int level, Body<T> body) throws Exception {
        zip.setLevel(level);
        zip.putNextEntry(new ZipEntry(name));
        Hashing out = new Hashing(zip);
        T result = body.write(out);
        zip.closeEntry();
        entries.add(new BackupManifest.Entry(name, out.count, HexFormat.of().formatHex(out.digest.digest())));
        return result;
    }

    /**
     * A file stored as it is, without compression: media is compressed already, and deflating gigabytes of JPEG
     * would cost CPU for nothing. A stored entry needs its CRC up front, so the file is read twice (the second
     * time from the page cache). Returns its size.
     */
    long storedFile(String name, java.nio.file.Path file) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        Hashing out = new Hashing(zip);
        try (var in = java.nio.file.Files.newInputStream(file)) {
            in.transferTo(out);
        }
        zip.closeEntry(); // fails if the file changed between the two reads (media files never change in place)
        entries.add(new BackupManifest.Entry(name, out.count, HexFormat.of().formatHex(out.digest.digest())));
        return out.count;
    }

    /** Writes the manifest, which is not listed in itself. */
    void manifest(byte[] json) throws IOException {
        zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
        zip.write(json);
        zip.closeEntry();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static final class Hashing extends OutputStream {
        private final OutputStream target;
        final MessageDigest digest = sha256();
        long count;

        Hashing(OutputStream target) { this.target = target; }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException { target.flush(); }

        @Override
        public void close() {
            // the zip stream stays open for the next entry
        }
    }
}
