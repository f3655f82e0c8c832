package social.atoll.core.media;

import java.util.Optional;

/** The still-image formats Atoll decodes, recognised by their first bytes (never by name or declared type). */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    public final String contentType;
    public final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) return Optional.of(JPEG);
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(PNG);
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) return Optional.of(GIF);
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) return Optional.of(WEBP);
        return Optional.empty();
    }

    static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) if ((data[offset + i] & 0xFF) != expected[i]) return false;
        return true;
    }
}
