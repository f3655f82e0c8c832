package social.atoll.infra.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/** Builds and checks blob keys. A checked key cannot climb out of the store's root or hide a different path. */
public final class BlobKeys {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9_\\-]+(\\.[a-z0-9]+)?(/[a-z0-9_\\-]+(\\.[a-z0-9]+)?)*");

    private BlobKeys() {}

    public static boolean isValid(String key) {
        return key != null && key.length() <= 512 && SAFE.matcher(key).matches();
    }

    public static String check(String key) {
        if (!isValid(key)) throw new IllegalArgumentException("invalid blob key: " + key);
        return key;
    }

    /**
     * Mastodon's id partition: {@code 110123456789012345} → {@code 110/123/456/789/012/345}, so no directory grows
     * to millions of entries.
     */
    public static String partition(long id) {
        String s = String.format(Locale.ROOT, "%018d", id);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i += 3) {
            if (i > 0) out.append('/');
            out.append(s, i, Math.min(i + 3, s.length()));
        }
        return out.toString();
    }

    /** The content type of a key from its extension (local files are served with it). */
    public static String contentType(String key) {
        int dot = key.lastIndexOf('.');
        String ext = dot < 0 ? "" : key.substring(dot + 1);
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "mp4" -> "video/mp4";
            case "mp3" -> "audio/mpeg";
            case "webm" -> "video/webm";
            case "ogg" -> "audio/ogg";
            default -> "application/octet-stream";
        };
    }
}
