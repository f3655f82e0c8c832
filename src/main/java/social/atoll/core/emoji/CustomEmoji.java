package social.atoll.core.emoji;

import java.time.Instant;

/**
 * A custom emoji: this server's own ({@code domain} null, images in the blob store) or one read from another server's
 * note or actor ({@code domain} set, image at {@code imageRemoteUrl}).
 */
public record CustomEmoji(long id, String shortcode, String domain, String uri, String imageKey, String staticKey,
                          String contentType, String imageRemoteUrl, String category, boolean visibleInPicker,
                          Instant createdAt, Instant updatedAt) {

    public boolean local() { return domain == null; }

    /** {@code :shortcode:} as it is written in text and in an Emoji tag's {@code name}. */
    public String colons() { return ":" + shortcode + ":"; }
}
