package social.atoll.core.collection;

import java.time.Instant;
import java.util.Set;

/**
 * A collection as Pixelfed has them: a named, ordered set of the owner's own posts. {@code visibility} is who may see
 * the collection itself ({@code public}: anyone, listed on the profile; {@code unlisted}: anyone with the link;
 * {@code private}: the owner's followers). Mirrors the {@code collections} table.
 */
public record PhotoCollection(long id, long accountId, String title, String description, String visibility, Instant createdAt,
                              Instant updatedAt) {

    public static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private");
}
