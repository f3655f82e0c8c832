package social.atoll.core.instance;

import java.util.List;

/**
 * Limits published in the instance document, Mastodon's defaults. Clients size their composers from them, so the
 * status, poll and media features must enforce the same numbers.
 */
public final class InstanceLimits {
    private InstanceLimits() {}

    public static final int MAX_MEDIA_ATTACHMENTS = 4;
    public static final int CHARACTERS_RESERVED_PER_URL = 23;
    public static final int MAX_FEATURED_TAGS = 10;
    public static final int MAX_PINNED_STATUSES = 5;

    public static final int POLL_MAX_OPTIONS = 4;
    public static final int POLL_MAX_CHARACTERS_PER_OPTION = 50;
    public static final int POLL_MIN_EXPIRATION = 300;
    public static final int POLL_MAX_EXPIRATION = 2_629_746;

    public static final int MEDIA_DESCRIPTION_LIMIT = 1_500;
    public static final long IMAGE_SIZE_LIMIT = 16L * 1024 * 1024;
    public static final long IMAGE_MATRIX_LIMIT = 33_177_600;
    public static final long VIDEO_SIZE_LIMIT = 99L * 1024 * 1024;
    public static final int VIDEO_FRAME_RATE_LIMIT = 120;
    public static final long VIDEO_MATRIX_LIMIT = 8_294_400;

    /**
     * The types every server here takes. HEIC/HEIF is added by {@link #supportedMimeTypes(boolean)} when libheif's
     * {@code heif-convert} is installed (the upload is converted to JPEG); AVIF is never listed: no decoder for it is
     * available here, and clients that see a type missing convert such photos to JPEG before uploading.
     */
    public static final List<String> SUPPORTED_MIME_TYPES = List.of(
            "image/jpeg", "image/png", "image/gif", "image/webp",
            "video/webm", "video/mp4", "video/quicktime", "video/ogg",
            "audio/wave", "audio/wav", "audio/x-wav", "audio/x-pn-wave", "audio/vnd.wave", "audio/ogg", "audio/vorbis",
            "audio/mpeg", "audio/mp3", "audio/webm", "audio/flac", "audio/aac", "audio/m4a", "audio/x-m4a",
            "audio/mp4", "audio/3gpp", "video/x-ms-asf");

    /** The iPhone's photo types, taken (and converted to JPEG) when this server can decode them. */
    public static final List<String> HEIF_MIME_TYPES = List.of("image/heic", "image/heif");

    /** What {@code configuration.media_attachments.supported_mime_types} lists: with HEIC when {@code heif} is decodable. */
    public static List<String> supportedMimeTypes(boolean heif) {
        if (!heif) return SUPPORTED_MIME_TYPES;
        List<String> all = new java.util.ArrayList<>(SUPPORTED_MIME_TYPES);
        all.addAll(4, HEIF_MIME_TYPES); // beside the other still images
        return List.copyOf(all);
    }
}
