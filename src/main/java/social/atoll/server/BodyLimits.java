package social.atoll.server;

/**
 * The largest request body each kind of route takes, checked against {@code Content-Length} before a byte of the
 * body is read (and, for a body without one, counted as it is read: {@link StreamedBodyLimit}): a 15 MB JSON status
 * or four 100 MB forms would otherwise be read and parsed whole first. Media uploads (API and the web composer) take
 * Mastodon's video limit and its form; profile edits (API or settings page) two images; everything else is JSON or a
 * form.
 */
final class BodyLimits {

    static final long MEDIA = 110L * 1024 * 1024;
    static final long PROFILE_IMAGES = 40L * 1024 * 1024;
    static final long INBOX = 1024 * 1024;
    /** A CSV import (Mastodon takes files of 20,000 lines). */
    static final long CSV_IMPORT = 20L * 1024 * 1024;
    static final long DEFAULT = 512 * 1024;
    /** How far over its limit a declared body is still read (and discarded) before the 413, see HttpServer. */
    static final long DRAIN = 8L * 1024 * 1024;

    private BodyLimits() {}

    /** The error text of a body over {@code limit}. */
    static String tooLarge(long limit) { return "Request body is too large (at most " + limit / 1024 + " KB here)"; }

    static long forPath(String path) {
        if (path.equals("/api/v1/media") || path.equals("/api/v2/media") || path.startsWith("/api/v1/media/")) return MEDIA;
        if (path.equals("/api/v1/accounts/update_credentials") || path.equals("/settings/profile")) return PROFILE_IMAGES;
        // the web composer: one file from its script, or the form with its files when the browser runs no script
        if (path.equals("/web/media") || path.equals("/compose") || (path.startsWith("/statuses/") && path.endsWith("/edit"))) return MEDIA;
        if (path.equals("/api/v1/import") || path.equals("/settings/export/import")) return CSV_IMPORT;
        // an archive from the settings page: as large as the server's request limit; a larger one goes through the CLI
        if (path.equals("/settings/export/archive/import") || path.equals("/settings/import/instagram")) return MEDIA;
        if (path.equals("/inbox") || (path.startsWith("/users/") && path.endsWith("/inbox"))) return INBOX;
        return DEFAULT;
    }
}
