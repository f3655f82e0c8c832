package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.interaction.InteractionPolicy;

/**
 * GoToSocial's interaction policies on the wire (docs/federation/interaction_policy.md): reading a remote post's
 * {@code interactionPolicy}, the {@code Accept} (with the approval object's id as {@code result}) and {@code Reject}
 * of an interaction, the approval objects themselves ({@code LikeApproval}, {@code ReplyApproval},
 * {@code AnnounceApproval}), and the Like a held favourite sends to the author alone.
 */
public final class InteractionActivities {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private InteractionActivities() {}

    /**
     * A remote Note's {@code canLike}, {@code canReply}, {@code canAnnounce} as GoToSocial's keys: Public →
     * {@code public}, the author's followers/following collections → {@code followers}/{@code following}, the author →
     * {@code author}; other actor URIs stay. A rule that is missing (or null, or empty) is open to anyone, as the
     * document says; null when the Note has no interaction policy at all (or only Mastodon's {@code canQuote}).
     * The older names {@code always}/{@code approvalRequired} are read when the current ones are absent.
     */
    public static InteractionPolicy readPolicy(JsonNode note, Account author) {
        JsonNode policy = note.get("interactionPolicy");
        if (policy == null || !policy.isObject()) return null;
        if (!policy.has("canLike") && !policy.has("canReply") && !policy.has("canAnnounce")) return null;
        return new InteractionPolicy(rules(policy.get("canLike"), author), rules(policy.get("canReply"), author),
                rules(policy.get("canAnnounce"), author));
    }

    private static InteractionPolicy.Rules rules(JsonNode r, Account author) {
        if (r == null || !r.isObject() || r.isEmpty()) return InteractionPolicy.Rules.of(InteractionPolicy.PUBLIC);
        JsonNode automatic = r.has("automaticApproval") ? r.get("automaticApproval") : r.get("always");
        JsonNode manual = r.has("manualApproval") ? r.get("manualApproval") : r.get("approvalRequired");
        return new InteractionPolicy.Rules(keys(automatic, author), keys(manual, author));
    }

    private static List<String> keys(JsonNode values, Account author) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : AsValues.ids(values)) {
            if (AsValues.isPublic(v)) out.add(InteractionPolicy.PUBLIC);
            else if (v.equals(author.followersUrl())) out.add(InteractionPolicy.FOLLOWERS);
            else if (author.followingUrl() != null && v.equals(author.followingUrl())) out.add(InteractionPolicy.FOLLOWING);
            else if (v.equals(author.uri())) out.add(InteractionPolicy.AUTHOR);
            else if (v.startsWith("https://") || v.startsWith("http://")) out.add(v);
        }
        return new ArrayList<>(out);
    }

    /**
     * {@code Accept} (with {@code result}: the approval object) or {@code Reject} of an interaction, from the author of
     * the post interacted with; the interaction by id, the post as {@code target} (GoToSocial's optional hints).
     */
    public static ObjectNode answer(boolean accept, long requestId, Account author, String interacterUri, String interactionUri,
                                    String targetUri, String approvalUri) {
        ObjectNode a = F.objectNode();
        a.set("@context", Contexts.interactionApproval());
        a.put("id", author.uri() + (accept ? "/accepts/" : "/rejects/") + requestId);
        a.put("type", accept ? "Accept" : "Reject");
        a.put("actor", author.uri());
        a.put("to", interacterUri);
        if (accept) a.putArray("cc").add(AsValues.PUBLIC).add(author.followersUrl());
        a.put("object", interactionUri);
        a.put("target", targetUri);
        if (accept && approvalUri != null) a.put("result", approvalUri);
        return a;
    }

    /** An approval object served at its id: who approved, the interaction ({@code object}) and the post ({@code target}). */
    public static ObjectNode approval(String id, String type, Account author, String interactionUri, String targetUri) {
        ObjectNode o = F.objectNode();
        o.set("@context", Contexts.interactionApproval());
        o.put("id", id);
        o.put("type", type);
        o.put("attributedTo", author.uri());
        o.put("object", interactionUri);
        o.put("target", targetUri);
        return o;
    }

    /** The {@code Like} of a held favourite, with the id the Accept or Reject will name. */
    public static ObjectNode like(String id, Account actor, String objectUri) {
        ObjectNode o = F.objectNode();
        o.put("@context", AsValues.AS_CONTEXT);
        o.put("id", id);
        o.put("type", "Like");
        o.put("actor", actor.uri());
        o.put("object", objectUri);
        return o;
    }

    /** What an approval object says, for checking one another server cites (GoToSocial's validation steps). */
    public record ApprovalDoc(String type, String attributedTo, String object) {}

    public static ApprovalDoc readApproval(JsonNode doc) {
        return new ApprovalDoc(AsValues.type(doc), AsValues.id(doc, "attributedTo"), AsValues.id(doc, "object"));
    }
}
