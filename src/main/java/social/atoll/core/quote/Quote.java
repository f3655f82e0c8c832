package social.atoll.core.quote;

import java.time.Instant;

/**
 * One quoting status and the status it quotes, with the consent it has (Mastodon 4.5's {@code quotes} row, FEP-044f).
 * {@code quotedStatusId} is null while only the quoted post's URI is known, or once it is deleted.
 *
 * @param state       {@link #PENDING}, {@link #ACCEPTED}, {@link #REJECTED} or {@link #REVOKED}
 * @param activityUri the id of the QuoteRequest (sent or received), null for a quote between two local accounts
 * @param approvalUri the QuoteAuthorization issued by another server; null when this server issued it (it is then
 *                    served at {@code /users/{quoted}/quote_authorizations/{id}})
 */
public record Quote(long id, long statusId, long accountId, Long quotedStatusId, Long quotedAccountId, String quotedUri,
                    String state, String activityUri, String approvalUri, Instant createdAt, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String REVOKED = "revoked";

    public boolean accepted() { return ACCEPTED.equals(state); }
}
