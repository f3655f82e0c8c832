package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon's Poll entity. {@code voters_count} is null for single-choice polls; option tallies are null while the
 * author hides totals and the poll is open; {@code voted} and {@code own_votes} only with a user token.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PollEntity(
        String id,
        String expiresAt,
        boolean expired,
        boolean multiple,
        int votesCount,
        Integer votersCount,
        List<Option> options,
        List<Object> emojis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean voted,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> ownVotes) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Option(String title, Integer votesCount) {}
}
