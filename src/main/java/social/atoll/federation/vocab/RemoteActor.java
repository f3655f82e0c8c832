package social.atoll.federation.vocab;

import java.time.Instant;
import java.util.List;

/**
 * A remote actor document read into plain, safe values: HTML sanitized, names trimmed, references reduced to ids.
 * What {@code ActorResolver} stores in {@code accounts}.
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

    /** The host (with port) of the actor id. */
    public String host() { return AsValues.authority(uri); }
}
