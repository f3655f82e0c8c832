package social.atoll.federation.inbox;

import java.util.ArrayList;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.moderation.RemoteReports;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Flag}: a report about local accounts. The first local account among {@code object} is the reported one;
 * local posts of that account among {@code object} are attached; {@code content} is the comment.
 */
final class FlagHandler implements ActivityHandler {

    private final InboxServices s;
    private final RemoteReports reports;

    FlagHandler(InboxServices s, RemoteReports reports) {
        this.s = s;
        this.reports = reports;
    }

    @Override
    public void handle(InboundActivity a) {
        List<String> objects = AsValues.ids(a.json().get("object"));
        Account target = null;
        for (String uri : objects) {
            target = s.localAccount(uri).orElse(null);
            if (target != null) break;
        }
        if (target == null) {
            // Mastodon also lets a Flag name only posts: their author is the reported account
            for (String uri : objects) {
                Status st = s.remoteStatuses().byUri(uri).filter(Status::local).orElse(null);
                if (st != null) {
                    target = s.accounts().byId(st.accountId()).orElse(null);
                    break;
                }
            }
        }
        if (target == null) return;
        List<Long> statusIds = new ArrayList<>();
        for (String uri : objects) {
            Status st = s.remoteStatuses().byUri(uri).orElse(null);
            if (st != null && st.local() && st.accountId() == target.id()) statusIds.add(st.id());
        }
        reports.file(a.actor().id(), a.actor().domain(), target.id(), statusIds, AsValues.natural(a.json(), "content"), a.id());
    }
}
