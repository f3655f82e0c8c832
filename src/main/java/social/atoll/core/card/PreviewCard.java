package social.atoll.core.card;

import java.time.Instant;

/**
 * One row of {@code preview_cards}: the preview of a URL, shared by every status that links to it. {@code html},
 * {@code embedUrl}, {@code width} and {@code height} come from oEmbed (video and rich: a sanitized iframe; photo:
 * the picture's URL); link cards leave them empty.
 */
public record PreviewCard(long id, String urlHash, String url, String state, String type, String title, String description,
                          String providerName, String authorName, String imageKey, int imageWidth, int imageHeight,
                          String blurhash, Instant fetchedAt, Instant createdAt, String html, String embedUrl,
                          String authorUrl, String providerUrl, int width, int height) {

    public boolean done() { return "done".equals(state); }
}
