package social.atoll.web.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.NotificationEntity;
import social.atoll.web.Messages;

/**
 * One notification as the notifications page shows it, made from the API's own {@link NotificationEntity} (so it is
 * what every Mastodon app gets): who did what ({@code textKey} follows the actor's name), when, and the post it is
 * about where there is one. {@code pendingRequest} puts Accept and Reject on a follow request still waiting;
 * {@code moveTarget} is the new account of a {@code move}; {@code strikeId} the strike of a {@code moderation_warning}
 * (or of an appeal's decision), whose page it links to.
 */
public record NotificationCard(String id, String type, String icon, String textKey, StatusCard.Author actor, String createdAt,
                               String createdAtText, String createdAtFull, StatusCard status, boolean pendingRequest,
                               String reportTarget, String reportComment, StatusCard.Author moveTarget, String strikeId) {

    public static NotificationCard from(NotificationEntity n, String viewerId, Set<String> pendingRequesters, Instant now, Messages t) {
        Instant created = Times.parse(n.createdAt());
        StatusCard status = n.status() == null ? null : StatusCard.from(n.status(), viewerId, now, t);
        boolean pending = "follow_request".equals(n.type()) && pendingRequesters.contains(n.account().id());
        String target = n.report() == null || n.report().targetAccount() == null ? null : n.report().targetAccount().acct();
        String comment = n.report() == null ? null : n.report().comment();
        return new NotificationCard(n.id(), n.type(), icon(n.type()), "notification." + n.type().replace('.', '_'),
                StatusCard.Author.of(n.account()), n.createdAt(), Times.relative(created, now, t), Times.full(created), status, pending,
                target, comment == null || comment.isBlank() ? null : comment,
                n.target() == null ? null : StatusCard.Author.of(n.target()),
                n.moderationWarning() == null ? null : n.moderationWarning().id());
    }

    public static List<NotificationCard> all(List<NotificationEntity> list, String viewerId, Set<String> pendingRequesters, Instant now,
                                             Messages t) {
        List<NotificationCard> out = new ArrayList<>(list.size());
        for (NotificationEntity n : list) out.add(from(n, viewerId, pendingRequesters, now, t));
        return out;
    }

    /** A person in a list of accounts (follow requests, search results, list members). */
    public static StatusCard.Author person(AccountEntity a) { return StatusCard.Author.of(a); }

    private static String icon(String type) {
        return switch (type) {
            case "mention" -> "reply";
            case "reblog" -> "boost";
            case "favourite" -> "star";
            case "follow", "admin.sign_up", "move" -> "user";
            case "follow_request" -> "lock";
            case "poll" -> "list";
            case "update" -> "pencil";
            case "admin.report" -> "flag";
            case "atoll.instagram_imported" -> "image";
            case "atoll.archive_ready", "atoll.report_resolved" -> "check";
            case "moderation_warning", "atoll.appeal_decided" -> "flag";
            default -> "bell";
        };
    }
}
