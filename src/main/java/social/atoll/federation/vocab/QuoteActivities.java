package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import social.atoll.core.account.Account;
import social.atoll.core.quote.Quote;

/**
 * The FEP-044f exchange as Mastodon 4.5 writes it: {@code QuoteRequest} (with the quoting post inlined as its
 * {@code instrument}), {@code Accept} carrying the {@code QuoteAuthorization} as {@code result}, {@code Reject},
 * the authorization document itself, and its {@code Delete} when consent is revoked.
 */
public final class QuoteActivities {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private QuoteActivities() {}

    /** {@code QuoteRequest} from the quoting author to the quoted author; {@code instrument} is the quoting Note. */
    public static ObjectNode request(Quote q, Account quoter, JsonNode instrument) {
        ObjectNode a = F.objectNode();
        a.set("@context", Contexts.quoteRequest());
        a.put("id", q.activityUri());
        a.put("type", "QuoteRequest");
        a.put("actor", quoter.uri());
        a.put("object", q.quotedUri());
        a.set("instrument", instrument);
        return a;
    }

    /** The request as embedded in an answer: the quoting post by its id only. */
    private static ObjectNode embeddedRequest(String requestId, String quoterUri, String quotedUri, String quotingUri) {
        ObjectNode r = F.objectNode();
        r.put("id", requestId);
        r.put("type", "QuoteRequest");
        r.put("actor", quoterUri);
        r.put("object", quotedUri);
        r.put("instrument", quotingUri);
        return r;
    }

    /** {@code Accept} (with {@code result}: the authorization's URL) or {@code Reject} of a QuoteRequest. */
    public static ObjectNode answer(boolean accept, Quote q, Account quotedAuthor, String requestId, String quoterUri, String quotingUri,
                                    String approvalUri) {
        ObjectNode a = F.objectNode();
        a.set("@context", Contexts.quoteRequest());
        a.put("id", quotedAuthor.uri() + (accept ? "#accepts/quote_requests/" : "#rejects/quote_requests/") + q.id());
        a.put("type", accept ? "Accept" : "Reject");
        a.put("actor", quotedAuthor.uri());
        a.set("object", embeddedRequest(requestId, quoterUri, q.quotedUri(), quotingUri));
        if (accept) a.put("result", approvalUri);
        return a;
    }

    /** The {@code QuoteAuthorization} served at its own URL while the quote stands. */
    public static ObjectNode authorization(String approvalUri, Account quotedAuthor, String quotingUri, String quotedUri) {
        ObjectNode o = F.objectNode();
        o.set("@context", Contexts.quoteAuthorization());
        o.put("id", approvalUri);
        o.put("type", "QuoteAuthorization");
        o.put("attributedTo", quotedAuthor.uri());
        o.put("interactingObject", quotingUri);
        o.put("interactionTarget", quotedUri);
        return o;
    }

    /** {@code Delete} of an authorization (consent revoked), to Public, as Mastodon addresses it. */
    public static ObjectNode revoke(String approvalUri, Account quotedAuthor) {
        ObjectNode d = F.objectNode();
        d.put("@context", AsValues.AS_CONTEXT);
        d.put("id", approvalUri + "#delete");
        d.put("type", "Delete");
        d.put("actor", quotedAuthor.uri());
        d.putArray("to").add(AsValues.PUBLIC);
        d.put("object", approvalUri);
        return d;
    }

    /** {@code Update} of a post whose quote or quote policy changed; a fresh id each time. */
    public static ObjectNode updated(Account author, ObjectNode note, long unique) {
        ObjectNode u = F.objectNode();
        u.set("@context", Contexts.note());
        u.put("id", note.path("id").asText() + "#updates/quote-" + unique);
        u.put("type", "Update");
        u.put("actor", author.uri());
        ObjectNode body = note.deepCopy();
        body.remove("@context");
        if (body.has("to")) u.set("to", body.get("to").deepCopy());
        if (body.has("cc")) u.set("cc", body.get("cc").deepCopy());
        u.set("object", body);
        return u;
    }

    /** What a Note says of a quote: the quoted post's id and the authorization's, either possibly null. */
    public record QuoteRef(String quotedUri, String authorizationUri) {}

    /** Reads {@code quote} (FEP-044f), or else {@code quoteUri} / {@code _misskey_quote}, and {@code quoteAuthorization}. */
    public static QuoteRef read(JsonNode note) {
        String quoted = null;
        for (String key : new String[] {"quote", "quoteUrl", "quoteUri", "_misskey_quote"}) {
            JsonNode v = note.get(key);
            if (v == null || v.isNull()) continue;
            String id = AsValues.id(v);
            if (id != null && (id.startsWith("https://") || id.startsWith("http://"))) {
                quoted = id;
                break;
            }
        }
        String authorization = AsValues.id(note.get("quoteAuthorization"));
        return new QuoteRef(quoted, authorization);
    }

    /**
     * The {@code interactionPolicy.canQuote} of a remote Note as Mastodon's keys: Public → {@code public}, the author's
     * followers or following collection → {@code followers}/{@code following}, the author alone → nothing, anything
     * else (named accounts, other collections) → {@code unsupported_policy}. Null when the Note has no policy.
     */
    public static social.atoll.core.quote.QuotePolicy readPolicy(JsonNode note, Account author) {
        JsonNode policy = note.get("interactionPolicy");
        if (policy == null || !policy.isObject()) return null;
        JsonNode canQuote = policy.get("canQuote");
        if (canQuote == null || !canQuote.isObject()) return null;
        return new social.atoll.core.quote.QuotePolicy(keys(canQuote, "automaticApproval", author), keys(canQuote, "manualApproval", author));
    }

    private static java.util.List<String> keys(JsonNode canQuote, String field, Account author) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        // GoToSocial's older names (always, approvalRequired) mean the same two lists
        JsonNode values = canQuote.get(field);
        if (values == null) values = canQuote.get(field.equals("automaticApproval") ? "always" : "approvalRequired");
        for (String v : AsValues.ids(values)) {
            if (AsValues.isPublic(v)) out.add(social.atoll.core.quote.QuotePolicy.PUBLIC);
            else if (v.equals(author.followersUrl())) out.add(social.atoll.core.quote.QuotePolicy.FOLLOWERS);
            else if (author.followingUrl() != null && v.equals(author.followingUrl())) out.add(social.atoll.core.quote.QuotePolicy.FOLLOWING);
            else if (!v.equals(author.uri())) out.add(social.atoll.core.quote.QuotePolicy.UNSUPPORTED);
        }
        return java.util.List.copyOf(out);
    }
}
