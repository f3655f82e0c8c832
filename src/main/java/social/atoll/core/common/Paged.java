package social.atoll.core.common;

import java.util.List;

/**
 * One page of a list read through an index: the items to show and the ids it was paged on (follow rows, block
 * rows, statuses …), newest first, for the {@code Link} header. Items the viewer may not see are left out of
 * {@code items}, but their ids still move the cursor, so that the next page starts after them.
 */
public record Paged<T>(List<T> items, List<Long> cursorIds) {

    public static <T> Paged<T> empty() { return new Paged<>(List.of(), List.of()); }
}
