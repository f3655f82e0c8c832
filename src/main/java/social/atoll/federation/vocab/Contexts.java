package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code @context} values Atoll emits, copied term for term from what Mastodon sends (spec §2.1, §3.1). */
public final class Contexts {

    private Contexts() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Actors: ActivityStreams, security, Mastodon's extension terms, FEP-2c59 {@code webfinger} and the CID context. */
    public static ArrayNode actor() {
        ArrayNode c = F.arrayNode();
        c.add(AsValues.AS_CONTEXT).add("https://w3id.org/security/v1").add("https://www.w3.org/ns/cid/v1");
        ObjectNode t = c.addObject();
        t.put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers");
        t.put("toot", "http://joinmastodon.org/ns#");
        idType(t, "featured", "toot:featured");
        idType(t, "featuredTags", "toot:featuredTags");
        idType(t, "collections", "https://atoll.social/ns#collections");
        idType(t, "alsoKnownAs", "as:alsoKnownAs");
        idType(t, "movedTo", "as:movedTo");
        t.put("schema", "http://schema.org#");
        t.put("PropertyValue", "schema:PropertyValue");
        t.put("value", "schema:value");
        t.put("discoverable", "toot:discoverable");
        t.put("suspended", "toot:suspended");
        t.put("memorial", "toot:memorial");
        t.put("indexable", "toot:indexable");
        t.put("Hashtag", "as:Hashtag");
        t.put("Emoji", "toot:Emoji");
        ObjectNode focal = t.putObject("focalPoint");
        focal.put("@container", "@list");
        focal.put("@id", "toot:focalPoint");
        t.put("webfinger", "https://purl.archive.org/socialweb/webfinger#webfinger");
        return c;
    }

    /** Notes, questions and the activities that carry them. */
    public static ArrayNode note() {
        ArrayNode c = F.arrayNode();
        c.add(AsValues.AS_CONTEXT);
        ObjectNode t = c.addObject();
        t.put("ostatus", "http://ostatus.org#");
        t.put("atomUri", "ostatus:atomUri");
        t.put("inReplyToAtomUri", "ostatus:inReplyToAtomUri");
        t.put("conversation", "ostatus:conversation");
        t.put("sensitive", "as:sensitive");
        t.put("toot", "http://joinmastodon.org/ns#");
        t.put("votersCount", "toot:votersCount");
        t.put("blurhash", "toot:blurhash");
        ObjectNode focal = t.putObject("focalPoint");
        focal.put("@container", "@list");
        focal.put("@id", "toot:focalPoint");
        t.put("Hashtag", "as:Hashtag");
        t.put("Emoji", "toot:Emoji");
        quoteTerms(t);
        return c;
    }

    /** Mastodon's {@code quotes} and {@code interaction_policies} extensions (FEP-044f, GoToSocial's namespace). */
    private static void quoteTerms(ObjectNode t) {
        t.put("quote", "https://w3id.org/fep/044f#quote");
        t.put("quoteUri", "http://fedibird.com/ns#quoteUri");
        t.put("_misskey_quote", "https://misskey-hub.net/ns#_misskey_quote");
        idType(t, "quoteAuthorization", "https://w3id.org/fep/044f#quoteAuthorization");
        t.put("gts", "https://gotosocial.org/ns#");
        idType(t, "interactionPolicy", "gts:interactionPolicy");
        idType(t, "canQuote", "gts:canQuote");
        idType(t, "automaticApproval", "gts:automaticApproval");
        idType(t, "manualApproval", "gts:manualApproval");
        // the rest of GoToSocial's interaction policy terms (https://gotosocial.org/ns)
        idType(t, "canLike", "gts:canLike");
        idType(t, "canReply", "gts:canReply");
        idType(t, "canAnnounce", "gts:canAnnounce");
        idType(t, "approvedBy", "gts:approvedBy");
    }

    /** Accept/Reject of an interaction and GoToSocial's approval objects ({@code LikeApproval} …). */
    public static ArrayNode interactionApproval() {
        ArrayNode c = F.arrayNode();
        c.add(AsValues.AS_CONTEXT).add("https://gotosocial.org/ns");
        return c;
    }

    /** A {@code QuoteRequest} and the answers to it (Mastodon's {@code quote_requests} extension). */
    public static ArrayNode quoteRequest() {
        ArrayNode c = F.arrayNode();
        c.add(AsValues.AS_CONTEXT);
        ObjectNode t = c.addObject();
        t.put("QuoteRequest", "https://w3id.org/fep/044f#QuoteRequest");
        return c;
    }

    /** A {@code QuoteAuthorization} (Mastodon's {@code quote_authorizations} extension). */
    public static ArrayNode quoteAuthorization() {
        ArrayNode c = F.arrayNode();
        c.add(AsValues.AS_CONTEXT);
        ObjectNode t = c.addObject();
        t.put("QuoteAuthorization", "https://w3id.org/fep/044f#QuoteAuthorization");
        t.put("gts", "https://gotosocial.org/ns#");
        idType(t, "quoteAuthorization", "https://w3id.org/fep/044f#quoteAuthorization");
        t.putObject("interactingObject").put("@id", "gts:interactingObject");
        t.putObject("interactionTarget").put("@id", "gts:interactionTarget");
        return c;
    }

    /** Plain ActivityStreams (collections, simple activities). */
    public static String plain() { return AsValues.AS_CONTEXT; }

    private static void idType(ObjectNode t, String term, String id) {
        ObjectNode o = t.putObject(term);
        o.put("@id", id);
        o.put("@type", "@id");
    }
}
