package social.atoll.api.entity;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.moderation.Report;

/** Core reports → Mastodon Report JSON, target accounts batched. */
public final class ReportViews {

    private final AccountViews accounts;

    public ReportViews(AccountViews accounts) {
        this.accounts = accounts;
    }

    /** One report; empty when its target account can no longer be rendered. */
    public java.util.Optional<ReportEntity> render(Report r) {
        return java.util.Optional.ofNullable(renderAll(List.of(r)).get(r.id()));
    }

    /** By report id; a report whose target account can no longer be rendered is left out. */
    public Map<Long, ReportEntity> renderAll(Collection<Report> reports) {
        Set<Long> targetIds = new HashSet<>();
        for (Report r : reports) targetIds.add(r.targetAccountId());
        Map<Long, AccountEntity> targets = accounts.renderByIds(targetIds);
        Map<Long, ReportEntity> out = new HashMap<>();
        for (Report r : reports) {
            AccountEntity target = targets.get(r.targetAccountId());
            if (target == null) continue;
            out.put(r.id(), new ReportEntity(Long.toString(r.id()), r.actionTakenAt() != null, Dates.datetime(r.actionTakenAt()),
                    r.category(), r.comment(), r.forwarded(), Dates.datetime(r.createdAt()),
                    r.statusIds().isEmpty() ? null : r.statusIds().stream().map(String::valueOf).toList(),
                    r.ruleIds().isEmpty() ? null : r.ruleIds().stream().map(String::valueOf).toList(),
                    target));
        }
        return out;
    }
}
