package social.atoll.api.interactions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.interaction.InteractionRequest;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/** Interaction requests as GoToSocial's entity, rendered for the author they are addressed to, a page at a time. */
public final class InteractionRequestViews {

    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountViews accounts;

    public InteractionRequestViews(StatusQueries statuses, StatusViews statusViews, AccountViews accounts) {
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.accounts = accounts;
    }

    public InteractionRequestEntity render(InteractionRequest r, long viewerId) { return renderAll(List.of(r), viewerId).get(0); }

    public List<InteractionRequestEntity> renderAll(List<InteractionRequest> list, long viewerId) {
        if (list.isEmpty()) return List.of();
        Set<Long> statusIds = new HashSet<>();
        Set<Long> accountIds = new HashSet<>();
        for (InteractionRequest r : list) {
            statusIds.add(r.statusId());
            if (r.interactionStatusId() != null && "reply".equals(r.type())) statusIds.add(r.interactionStatusId());
            accountIds.add(r.accountId());
        }
        Map<Long, Status> rows = statuses.byIds(statusIds);
        List<Status> ordered = new ArrayList<>(rows.values());
        Map<Long, StatusEntity> rendered = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(ordered, viewerId)) rendered.put(Long.parseLong(e.id()), e);
        Map<Long, AccountEntity> who = accounts.renderByIds(accountIds);
        List<InteractionRequestEntity> out = new ArrayList<>();
        for (InteractionRequest r : list) {
            StatusEntity reply = "reply".equals(r.type()) && r.interactionStatusId() != null ? rendered.get(r.interactionStatusId()) : null;
            out.add(new InteractionRequestEntity(Long.toString(r.id()), r.type(), Dates.datetime(r.createdAt()), who.get(r.accountId()),
                    rendered.get(r.statusId()), reply, Dates.datetime(r.acceptedAt()), Dates.datetime(r.rejectedAt())));
        }
        return out;
    }
}
