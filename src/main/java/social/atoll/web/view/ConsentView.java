package social.atoll.web.view;

import java.util.List;

/**
 * The consent page: which app asks for what, on behalf of whom, and the hidden fields that replay the
 * authorization request when the user decides.
 */
public record ConsentView(String instance, String appName, String appWebsite, String account, List<ScopeLine> scopes,
                          String clientId, String redirectUri, String scope, String state, String codeChallenge,
                          String codeChallengeMethod, String responseType, String responseMode, String csrf,
                          String switchAccountUrl) {

    /** One requested scope and what it lets the app do. */
    public record ScopeLine(String name, String description) {}
}
