package social.atoll.core.account;

import java.time.Instant;
import java.util.List;

/**
 * A remote actor document read by the federation layer into plain, safe values: HTML sanitized, names trimmed,
 * references reduced to ids. What {@link RemoteAccountStore} stores in {@code accounts}.
 */
public record RemoteActor(
        String uri,
        String type,
        String username,
        String displayName,
        String note,
        String url,
        String inbox,
        String outbox,
        String sharedInbox,
        String followers,
        String following,
        String featured,
        String featuredTags,
        String publicKeyId,
        String publicKeyPem,
        String avatarUrl,
        String headerUrl,
        boolean locked,
        boolean bot,
        boolean discoverable,
        boolean indexable,
        boolean memorial,
        boolean suspended,
        List<Field> fields,
        List<String> alsoKnownAs,
        String movedTo,
        Instant published,
        String webfinger) {

    /** A profile field; {@code value} is sanitized HTML. */
    public record Field(String name, String value) {}
}
