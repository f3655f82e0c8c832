package social.atoll.core.poll;

import java.time.Instant;
import java.util.List;

/**
 * A poll attached to a status. {@code votesCounts} holds one tally per option, in option order; {@code closedAt} is
 * set by the expiry job once voters were told the result.
 */
public record Poll(long id, long statusId, long accountId, List<String> options, List<Integer> votesCounts,
                   boolean multiple, boolean hideTotals, int votesCount, int votersCount, Instant expiresAt,
                   Instant closedAt, Instant createdAt) {

    public boolean expired(Instant now) { return closedAt != null || (expiresAt != null && !expiresAt.isAfter(now)); }
}
