package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon's Status entity, fields in Mastodon's order. Strings and arrays are never null where Mastodon sends
 * {@code ""} or {@code []}. The viewer flags are omitted without a user token; {@code pinned} only on the viewer's own
 * pinnable statuses; {@code text} only when the source was asked for (delete-and-redraft), and then without
 * {@code content}, as Mastodon does.
 *
 * <p>Beyond Mastodon: {@code visibility_ex} and {@code limited_scope} as kmyblue names them (a post to a circle is
 * {@code visibility: "private"}, {@code visibility_ex: "limited"}, {@code limited_scope: "circle"}), {@code local_only}
 * as glitch-soc's, and {@code circle} (id and title) for the author of a post shared with one of their circles;
 * GoToSocial's {@code interaction_policy} (with {@code me} where the viewer may interact); {@code pending_approval}
 * (Atoll's own, only when true) on a reply or boost held for the approval of the author it interacts with.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusEntity(
        String id,
        String createdAt,
        String inReplyToId,
        String inReplyToAccountId,
        boolean sensitive,
        String spoilerText,
        String visibility,
        String language,
        String uri,
        String url,
        int repliesCount,
        int reblogsCount,
        int favouritesCount,
        String editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean favourited,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reblogged,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean muted,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean bookmarked,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pinned,
        @JsonInclude(JsonInclude.Include.NON_NULL) String content,
        @JsonInclude(JsonInclude.Include.NON_NULL) String text,
        StatusEntity reblog,
        @JsonInclude(JsonInclude.Include.NON_NULL) Application application,
        AccountEntity account,
        List<Object> mediaAttachments,
        List<Mention> mentions,
        List<Tag> tags,
        List<Object> emojis,
        Object card,
        Object poll,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FilterResultEntity> filtered,
        String visibilityEx,
        @JsonInclude(JsonInclude.Include.NON_NULL) String limitedScope,
        boolean localOnly,
        @JsonInclude(JsonInclude.Include.NON_NULL) CircleRef circle,
        Object quote,
        QuoteApproval quoteApproval,
        int quotesCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Pleroma pleroma,
        @JsonInclude(JsonInclude.Include.NON_NULL) InteractionPolicyEntity interactionPolicy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pendingApproval) {

    /** Akkoma's/Pleroma's extension object; Atoll fills its {@code emoji_reactions}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Pleroma(List<Reaction> emojiReactions) {}

    /** One reaction name on a status: {@code url} for a custom emoji only, as Akkoma sends it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reaction(String name, int count, boolean me, @JsonInclude(JsonInclude.Include.NON_NULL) String url) {}

    /** Without {@code filtered} (absent from the JSON): anonymous viewers, or before filters are applied. */
    public StatusEntity(String id, String createdAt, String inReplyToId, String inReplyToAccountId, boolean sensitive,
                        String spoilerText, String visibility, String language, String uri, String url, int repliesCount,
                        int reblogsCount, int favouritesCount, String editedAt, Boolean favourited, Boolean reblogged,
                        Boolean muted, Boolean bookmarked, Boolean pinned, String content, String text, StatusEntity reblog,
                        Application application, AccountEntity account, List<Object> mediaAttachments, List<Mention> mentions,
                        List<Tag> tags, List<Object> emojis, Object card, Object poll) {
        this(id, createdAt, inReplyToId, inReplyToAccountId, sensitive, spoilerText, visibility, language, uri, url,
                repliesCount, reblogsCount, favouritesCount, editedAt, favourited, reblogged, muted, bookmarked, pinned,
                content, text, reblog, application, account, mediaAttachments, mentions, tags, emojis, card, poll, null,
                visibility, null, false, null, null, null, 0, null, null, null);
    }

    /**
     * Mastodon 4.5's {@code quote}: the state of this status's quote and, once accepted and visible to the viewer, the
     * quoted status (whose own quote is then a {@link ShallowQuote}).
     */
    public record Quote(String state, StatusEntity quotedStatus) {}

    /** The quote of a quoted status: its state and the id of what it quotes, no deeper. */
    public record ShallowQuote(String state, String quotedStatusId) {}

    /** Mastodon 4.5's {@code quote_approval}: who may quote this status, and how that applies to the viewer. */
    public record QuoteApproval(List<String> automatic, List<String> manual, String currentUser) {}

    /** The same status with its quote rendered. */
    public StatusEntity withQuote(Object q) {
        return new StatusEntity(id, createdAt, inReplyToId, inReplyToAccountId, sensitive, spoilerText, visibility, language,
                uri, url, repliesCount, reblogsCount, favouritesCount, editedAt, favourited, reblogged, muted, bookmarked,
                pinned, content, text, reblog, application, account, mediaAttachments, mentions, tags, emojis, card, poll, filtered,
                visibilityEx, limitedScope, localOnly, circle, q, quoteApproval, quotesCount, pleroma, interactionPolicy, pendingApproval);
    }

    /** The circle a post was shared with, shown to its author. */
    public record CircleRef(String id, String title) {}

    /** The same status with the viewer's filter results attached (and on the boosted status, for a boost). */
    public StatusEntity withFiltered(List<FilterResultEntity> results) {
        StatusEntity inner = reblog == null ? null : reblog.withFiltered(results);
        return new StatusEntity(id, createdAt, inReplyToId, inReplyToAccountId, sensitive, spoilerText, visibility, language,
                uri, url, repliesCount, reblogsCount, favouritesCount, editedAt, favourited, reblogged, muted, bookmarked,
                pinned, content, text, inner, application, account, mediaAttachments, mentions, tags, emojis, card, poll, results,
                visibilityEx, limitedScope, localOnly, circle, quote, quoteApproval, quotesCount, pleroma, interactionPolicy, pendingApproval);
    }

    public record Mention(String id, String username, String url, String acct) {}

    public record Tag(String name, String url) {}

    public record Application(String name, String website) {}

    /** The same status with its plain-text source instead of its HTML (the answer to DELETE). */
    public StatusEntity withSource(String source) {
        return new StatusEntity(id, createdAt, inReplyToId, inReplyToAccountId, sensitive, spoilerText, visibility, language,
                uri, url, repliesCount, reblogsCount, favouritesCount, editedAt, favourited, reblogged, muted, bookmarked,
                pinned, null, source, reblog, application, account, mediaAttachments, mentions, tags, emojis, card, poll, filtered,
                visibilityEx, limitedScope, localOnly, circle, quote, quoteApproval, quotesCount, pleroma, interactionPolicy, pendingApproval);
    }
}
