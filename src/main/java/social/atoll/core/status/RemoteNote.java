package social.atoll.core.status;

import social.atoll.core.media.Focus;

import java.time.Instant;
import java.util.List;

/**
 * A status from another server, already parsed and made safe by the federation layer (HTML sanitized, accounts
 * resolved): what {@link RemoteStatusService} stores.
 *
 * @param uri                 the object's ActivityPub id
 * @param url                 its HTML permalink, may be null
 * @param accountId           the (remote) author
 * @param inReplyToUri        id of the status it answers, may be null
 * @param content             sanitized HTML
 * @param mentionedAccountIds accounts named by {@code Mention} tags (they are notified)
 * @param silentAccountIds    accounts addressed without a {@code Mention} (they may see it, nobody is notified)
 * @param tags                hashtag names without {@code #}
 * @param media               attachments, referenced by their remote URL
 */
public record RemoteNote(
        String uri,
        String url,
        long accountId,
        String inReplyToUri,
        String content,
        String spoilerText,
        boolean sensitive,
        Visibility visibility,
        String language,
        Instant createdAt,
        List<Long> mentionedAccountIds,
        List<Long> silentAccountIds,
        List<String> tags,
        List<Media> media) {

    /** One remote attachment. {@code type} is Mastodon's: image, gifv, video, audio or unknown. */
    /** {@code focus}: the focal point the author set (Mastodon's {@code focalPoint}); null when none. */
    public record Media(String type, String url, String contentType, String description, String blurhash, Integer width, Integer height,
                        Focus focus) {}
}
