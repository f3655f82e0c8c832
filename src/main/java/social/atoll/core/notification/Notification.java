package social.atoll.core.notification;

import java.time.Instant;

/**
 * Something that happened to a local account. Mirrors the {@code notifications} table; {@code reportId} is set only
 * for {@link #ADMIN_REPORT}.
 */
public record Notification(long id, long accountId, long fromAccountId, String type, Long statusId, Instant createdAt, Long reportId,
                           Long accountWarningId, String groupKey) {

    /** Types whose notifications share a group key (Mastodon 4.3's groupable types). */
    public static final java.util.List<String> GROUPABLE = java.util.List.of("favourite", "follow", "reblog");
    /** Hours one group spans at most: a later favourite of the same post starts a new group. */
    static final long GROUP_SPAN_HOURS = 12;

    /**
     * The group a new notification joins: favourites and boosts of one status, or follows, within one 12-hour window
     * (Mastodon slides its window through Redis; a fixed window needs no lookup and groups the same bursts). Null for
     * the types that are never grouped, which show as {@code ungrouped-<id>}.
     */
    public static String groupKeyFor(String type, Long statusId, Instant at) {
        if (!GROUPABLE.contains(type)) return null;
        long bucket = Math.floorDiv(at.getEpochSecond() / 3600, GROUP_SPAN_HOURS) * GROUP_SPAN_HOURS;
        return (FOLLOW.equals(type) || statusId == null ? type : type + "-" + statusId) + "-" + bucket;
    }

    /** The key Mastodon shows: the stored group, else {@code ungrouped-<id>}. */
    public String effectiveGroupKey() { return groupKey != null ? groupKey : "ungrouped-" + id; }

    /** Mastodon's notification types that Atoll creates. */
    public static final String MENTION = "mention";
    public static final String STATUS = "status";
    public static final String REBLOG = "reblog";
    public static final String FAVOURITE = "favourite";
    public static final String FOLLOW = "follow";
    public static final String FOLLOW_REQUEST = "follow_request";
    public static final String POLL = "poll";
    public static final String UPDATE = "update";
    /** To staff: a local account signed up ({@code account} is the new account). */
    public static final String ADMIN_SIGN_UP = "admin.sign_up";
    /** To staff: a report was filed ({@code account} is the reporter, {@code report} the report). */
    public static final String ADMIN_REPORT = "admin.report";
    /**
     * An account the recipient followed moved, and they now follow (or asked to follow) its new account: {@code account}
     * is the old account, the new one is where it moved to (its {@code moved}), shown as the notification's
     * {@code target} (Pleroma's and Akkoma's {@code move}, which megalodon and Mastodon's own web app read).
     */
    public static final String MOVE = "move";
    /** A strike against the account (Mastodon 4.3); {@code accountWarningId} names it. */
    public static final String MODERATION_WARNING = "moderation_warning";
    /** Atoll's own: the archive the person asked for is ready in settings (Mastodon only mails it). */
    public static final String ARCHIVE_READY = "atoll.archive_ready";
    /** Atoll's own: an Instagram import the person started from the web settings has ended (done or failed). */
    public static final String INSTAGRAM_IMPORTED = "atoll.instagram_imported";
    /**
     * Atoll's own: a report the person filed was handled ({@code report} is their report). Mastodon tells reporters
     * nothing; issue 12 asks for it.
     */
    public static final String REPORT_RESOLVED = "atoll.report_resolved";
    /** Atoll's own: the person's appeal of a strike was decided; {@code moderation_warning} carries the strike and its appeal's state. */
    public static final String APPEAL_DECIDED = "atoll.appeal_decided";
}
