package social.atoll.federation.outbox;

import java.util.List;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.moderation.Report;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.status.Status;
import social.atoll.infra.events.EventBus;

/**
 * A report filed with {@code forward}: a {@code Flag} from the instance actor to the reported account's server, and
 * to the servers of the replied-to accounts the reporter chose (Mastodon's {@code forward_to_domains}).
 */
final class ReportDeliveries implements OutboxHandler {

    private final OutboxServices s;

    ReportDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(ReportService.ReportCreated.class, (h, e) -> { if (e.forward()) forward(e.report(), e.alsoForwardTo()); });
    }

    private void forward(Report report, List<Long> alsoForwardTo) {
        Account target = s.audience.remote(report.targetAccountId()).orElse(null);
        if (target == null) return;
        List<String> statusUris = s.statuses.listByIds(report.statusIds()).stream().map(Status::uri).toList();
        var flag = s.activities.flag(s.instanceActor.uri() + "#flags/" + report.id(), s.instanceActor.uri(), target.uri(), statusUris,
                report.comment());
        Set<String> inboxes = s.audience.inboxesOf(List.of(target.id()));
        inboxes.addAll(s.audience.inboxesOf(alsoForwardTo));
        s.deliveries.sendAsInstance(flag, inboxes);
    }
}
