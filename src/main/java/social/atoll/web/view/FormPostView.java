package social.atoll.web.view;

import java.util.Map;

/**
 * The {@code response_mode=form_post} answer: a form that posts the result to the client's redirect URI,
 * submitted by a script allowed through its CSP nonce (or by hand without scripts).
 */
public record FormPostView(String instance, String action, Map<String, String> fields, String nonce) {}
