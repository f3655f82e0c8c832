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
     * HEIC/HEIF and AVIF are not listed: no decoder for them is available on the JVM here, and clients that see them
     * missing convert such photos to JPEG before uploading.
     */
    public static final List<String> SUPPORTED_MIME_TYPES = List.of(
            "image/jpeg", "image/png", "image/gif", "image/webp",
            "video/webm", "video/mp4", "video/quicktime", "video/ogg",
            "audio/wave", "audio/wav", "audio/x-wav", "audio/x-pn-wave", "audio/vnd.wave", "audio/ogg", "audio/vorbis",
            "audio/mpeg", "audio/mp3", "audio/webm", "audio/flac", "audio/aac", "audio/m4a", "audio/x-m4a",
            "audio/mp4", "audio/3gpp", "video/x-ms-asf");
}
