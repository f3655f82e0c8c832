package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;

/**
 * Inbox forwarding, as Mastodon does it: a remote activity about a conversation of a local account is re-sent,
 * unchanged, to servers that follow that conversation through us but were not addressed by its sender. Only public
 * or unlisted posts, and only activities that carry a Linked Data {@code signature}, for the receivers to check
 * that the sender wrote it (the HTTP signature is then ours). Never back to the sender's own server.
 */
public final class InboxForwarding {

    private final OutboxServices s;

    public InboxForwarding(OutboxServices s) { this.s = s; }

    /** A {@code Create} of a reply to a local account's post: to that account's followers, signed by it. */
    public void replyCreated(JsonNode activity, Status reply, Account sender) {
        if (!forwardable(activity, reply) || reply.inReplyToId() == null) return;
        Account parentAuthor = s.statuses.byId(reply.inReplyToId()).flatMap(p -> s.audience.local(p.accountId())).orElse(null);
        if (parentAuthor == null) return;
        s.deliveries.send(activity, parentAuthor, withoutSender(s.audience.followerInboxes(parentAuthor.id()), sender));
    }

    /**
     * An {@code Update} or {@code Delete} of a remote post (call before it is deleted): to the followers of the local
     * author it replies to and of its local boosters, signed by the former, else by the first booster.
     */
    public void statusChanged(JsonNode activity, Status status, Account sender) {
        if (!forwardable(activity, status)) return;
        Account parentAuthor = status.inReplyToId() == null ? null
                : s.statuses.byId(status.inReplyToId()).flatMap(p -> s.audience.local(p.accountId())).orElse(null);
        List<Account> boosters = s.statuses.reblogsOf(status.id()).stream().filter(Status::local)
                .flatMap(b -> s.audience.local(b.accountId()).stream()).toList();
        Account signer = parentAuthor != null ? parentAuthor : boosters.isEmpty() ? null : boosters.get(0);
        if (signer == null) return;
        Set<String> inboxes = parentAuthor == null ? new LinkedHashSet<>() : s.audience.followerInboxes(parentAuthor.id());
        for (Account booster : boosters) inboxes.addAll(s.audience.followerInboxes(booster.id()));
        s.deliveries.send(activity, signer, withoutSender(inboxes, sender));
    }

    private static boolean forwardable(JsonNode activity, Status status) {
        Visibility v = status.visibilityEnum();
        return activity.hasNonNull("signature") && (v == Visibility.PUBLIC || v == Visibility.UNLISTED);
    }

    private Set<String> withoutSender(Set<String> inboxes, Account sender) {
        inboxes.removeAll(s.audience.inboxesOf(List.of(sender.id())));
        return inboxes;
    }
}
