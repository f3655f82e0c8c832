package social.atoll.core.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;

/**
 * The ActivityStreams side of an archive in Mastodon's format, which the federation layer writes and reads (all AS2
 * lives there): the actor, the outbox of {@code Create}s, the collections of liked and bookmarked posts, and the
 * posts read back from an outbox.
 */
public interface ArchiveDocuments {

    /** {@code actor.json}: the actor as this server serves it, avatar and header pointing at archive paths (null: none). */
    String actor(Account account, String avatarPath, String headerPath);

    /**
     * {@code outbox.json}: an {@code OrderedCollection} of the {@code Create}s of {@code statuses}, oldest first, with
     * each attachment's URL replaced by its path in the archive ({@code mediaPaths}: stored URL → path), and an
     * {@code Announce} for each boost among them ({@code boosted}: the boosted posts by id), as Mastodon writes it.
     */
    String outbox(List<Status> statuses, Map<Long, Status> boosted, Map<String, String> mediaPaths);

    /** {@code likes.json} or {@code bookmarks.json}: an {@code OrderedCollection} of post URIs named {@code id}. */
    String uris(String id, List<String> uris);

    /**
     * The posts of an archive's {@code outbox.json}, oldest first: {@code Create}s of notes by the archive's actor.
     * Throws {@link social.atoll.core.instagram.ImportException} with one line when the file is not such a collection.
     */
    List<ArchivePost> posts(Path outbox);

    /** The post at {@code uri}, known here or fetched from its server now, when {@code viewerId} may see it. */
    java.util.Optional<Status> status(String uri, long viewerId);

    /** One post read from an archive. */
    record ArchivePost(String uri, String contentHtml, String spoilerText, boolean sensitive, social.atoll.core.status.Visibility visibility,
                       String language, java.time.Instant published, String inReplyTo, List<ArchiveMedia> media, String boostOf) {

        /** A post of the author's own (not a boost). */
        public ArchivePost(String uri, String contentHtml, String spoilerText, boolean sensitive, social.atoll.core.status.Visibility visibility,
                           String language, java.time.Instant published, String inReplyTo, List<ArchiveMedia> media) {
            this(uri, contentHtml, spoilerText, sensitive, visibility, language, published, inReplyTo, media, null);
        }
    }

    /** An attachment: its path in the archive (as written in the outbox), alt text and focal point ({@code "x,y"} or null). */
    record ArchiveMedia(String path, String mediaType, String description, String focus) {}

    /** For wiring without federation. */
    ArchiveDocuments NONE = new ArchiveDocuments() {
        @Override public String actor(Account account, String avatarPath, String headerPath) { throw new IllegalStateException("no federation"); }
        @Override public String outbox(List<Status> statuses, Map<Long, Status> boosted, Map<String, String> mediaPaths) { throw new IllegalStateException("no federation"); }
        @Override public String uris(String id, List<String> uris) { throw new IllegalStateException("no federation"); }
        @Override public List<ArchivePost> posts(Path outbox) { throw new IllegalStateException("no federation"); }
        @Override public java.util.Optional<Status> status(String uri, long viewerId) { return java.util.Optional.empty(); }
    };
}
