package social.atoll.core.card;

import java.time.Instant;

/** One row of {@code preview_cards}: the preview of a URL, shared by every status that links to it. */
public record PreviewCard(long id, String urlHash, String url, String state, String type, String title, String description,
                          String providerName, String authorName, String imageKey, int imageWidth, int imageHeight,
                          String blurhash, Instant fetchedAt, Instant createdAt) {

    public boolean done() { return "done".equals(state); }
}
