package social.atoll.server;

/**
 * The largest request body each kind of route takes, checked against {@code Content-Length} before a byte of the
 * body is read: a 15 MB JSON status or four 100 MB forms would otherwise be read and parsed whole first. Media
 * uploads take Mastodon's video limit and its form; profile edits (API or settings page) two images; everything else is JSON or a form.
 */
final class BodyLimits {

    static final long MEDIA = 110L * 1024 * 1024;
    static final long PROFILE_IMAGES = 40L * 1024 * 1024;
    static final long INBOX = 1024 * 1024;
    static final long DEFAULT = 512 * 1024;

    private BodyLimits() {}

    static long forPath(String path) {
        if (path.equals("/api/v1/media") || path.equals("/api/v2/media") || path.startsWith("/api/v1/media/")) return MEDIA;
        if (path.equals("/api/v1/accounts/update_credentials") || path.equals("/settings/profile")) return PROFILE_IMAGES;
        if (path.equals("/inbox") || (path.startsWith("/users/") && path.endsWith("/inbox"))) return INBOX;
        return DEFAULT;
    }
}
