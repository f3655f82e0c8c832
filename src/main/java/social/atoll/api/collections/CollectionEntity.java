package social.atoll.api.collections;

/**
 * A collection in Pixelfed's shape ({@code CollectionService::getCollection}): {@code pid} is the owner's account id,
 * {@code thumb} the first picture the reader may see, {@code post_count} how many of its posts the reader may see.
 * {@code visibility} is {@code public}, {@code unlisted} or {@code private} (followers only).
 */
public record CollectionEntity(String id, String pid, String visibility, String title, String description, String thumb, String url,
                               String updatedAt, String publishedAt, String avatar, String username, int postCount) {}
