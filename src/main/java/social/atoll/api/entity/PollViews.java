package social.atoll.api.entity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollService;

/** Core polls → Mastodon Poll JSON; a page of statuses' polls and the viewer's votes in two queries. */
public final class PollViews {

    private final PollService polls;
    private final Clock clock;

    public PollViews(PollService polls, Clock clock) {
        this.polls = polls;
        this.clock = clock;
    }

    /** The polls of these statuses, by status id, as {@code viewerId} (null: anonymous) sees them. */
    public Map<Long, PollEntity> byStatus(Collection<Long> statusIds, Long viewerId) {
        Map<Long, Poll> found = polls.byStatusIds(statusIds);
        Map<Long, PollEntity> out = new HashMap<>();
        if (found.isEmpty()) return out;
        Map<Long, List<Integer>> votes = viewerId == null ? Map.of()
                : polls.ownVotes(viewerId, found.values().stream().map(Poll::id).toList());
        Instant now = clock.instant();
        for (Poll p : found.values()) out.put(p.statusId(), entity(p, viewerId, votes.get(p.id()), now));
        return out;
    }

    public PollEntity render(Poll p, Long viewerId) {
        List<Integer> own = viewerId == null ? null : polls.ownVotes(viewerId, List.of(p.id())).get(p.id());
        return entity(p, viewerId, own, clock.instant());
    }

    private static PollEntity entity(Poll p, Long viewerId, List<Integer> own, Instant now) {
        boolean expired = p.expired(now);
        boolean showTotals = expired || !p.hideTotals();
        List<PollEntity.Option> options = new ArrayList<>(p.options().size());
        for (int i = 0; i < p.options().size(); i++) {
            int count = i < p.votesCounts().size() ? p.votesCounts().get(i) : 0;
            options.add(new PollEntity.Option(p.options().get(i), showTotals ? count : null));
        }
        boolean signedIn = viewerId != null;
        boolean voted = signedIn && (own != null && !own.isEmpty() || viewerId == p.accountId());
        return new PollEntity(Long.toString(p.id()), Dates.datetime(p.expiresAt()), expired, p.multiple(), p.votesCount(),
                p.multiple() ? p.votersCount() : null, options, List.of(),
                signedIn ? voted : null, signedIn ? (own == null ? List.of() : own) : null);
    }
}
