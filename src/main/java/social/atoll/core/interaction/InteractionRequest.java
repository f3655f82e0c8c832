package social.atoll.core.interaction;

import java.time.Instant;

/**
 * An interaction that needed the approval of the author of the status it targets (GoToSocial's interaction request):
 * asked of a local author, or asked by a local account of a remote author.
 *
 * @param type                {@code favourite}, {@code reply} or {@code reblog}
 * @param statusId            the status interacted with
 * @param interactionStatusId the held reply or boost (null for a favourite)
 * @param interactionUri      the Like's or Announce's id, or the reply's, as other servers name it
 * @param state               {@link #PENDING}, {@link #ACCEPTED} or {@link #REJECTED}
 * @param approvalUri         the approval object a remote author's server issued; null when this server issued it
 *                            (served at {@code /users/{author}/approvals/{id}})
 */
public record InteractionRequest(long id, String type, long statusId, long targetAccountId, long accountId, Long interactionStatusId,
                                 String interactionUri, String reblogVisibility, String state, String approvalUri, Instant createdAt,
                                 Instant acceptedAt, Instant rejectedAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public boolean pending() { return PENDING.equals(state); }

    public boolean accepted() { return ACCEPTED.equals(state); }

    public InteractionPolicy.Type typeEnum() { return InteractionPolicy.Type.of(type).orElseThrow(); }
}
