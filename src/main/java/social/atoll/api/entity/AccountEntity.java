package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Mastodon's Account entity. Never null where Mastodon sends a string or an array (Tusky rejects the whole
 * response otherwise). {@code moved} is omitted when absent; {@code source}/{@code role} only on the credential
 * variant.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountEntity(
        String id,
        String username,
        String acct,
        String url,
        String uri,
        String displayName,
        String note,
        String avatar,
        String avatarStatic,
        String header,
        String headerStatic,
        boolean locked,
        boolean bot,
        boolean group,
        Boolean discoverable,
        boolean indexable,
        Boolean hideCollections,
        List<Field> fields,
        List<Object> emojis,
        List<Map<String, Object>> roles,
        @JsonInclude(JsonInclude.Include.NON_NULL) AccountEntity moved,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean suspended,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean memorial,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean noindex,
        String createdAt,
        String lastStatusAt,
        int statusesCount,
        int followersCount,
        int followingCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Source source,
        @JsonInclude(JsonInclude.Include.NON_NULL) Role role) {

    public record Field(String name, String value, String verifiedAt) {}

    /** The plain-text source of a credential account. */
    public record Source(String note, List<Field> fields, String privacy, boolean sensitive, String language,
                         int followRequestsCount, boolean hideCollections, boolean discoverable, boolean indexable,
                         List<String> attributionDomains, String quotePolicy) {}

    public record Role(String id, String name, String permissions, String color, boolean highlighted) {}

    public AccountEntity withCredentials(Source source, Role role) {
        return new AccountEntity(id, username, acct, url, uri, displayName, note, avatar, avatarStatic, header, headerStatic,
                locked, bot, group, discoverable, indexable, hideCollections, fields, emojis, roles, moved, suspended,
                memorial, noindex, createdAt, lastStatusAt, statusesCount, followersCount, followingCount, source, role);
    }
}
