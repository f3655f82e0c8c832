package social.atoll.api.oauth;

import java.util.List;
import social.atoll.core.auth.OAuthApp;

/**
 * Mastodon's Application entity (as {@code GET /api/v1/apps/verify_credentials} returns it, without secrets).
 * {@code redirect_uri} is the deprecated newline-joined form; {@code vapid_key} is the server's Web Push key, where
 * Mastodon puts it for apps that read it here rather than from the instance.
 */
public record ApplicationEntity(String id, String name, String website, List<String> scopes, List<String> redirectUris,
                                String redirectUri, String vapidKey) {

    public static ApplicationEntity of(OAuthApp app, String vapidKey) {
        List<String> uris = app.redirectUriList();
        return new ApplicationEntity(Long.toString(app.id()), app.name(), app.website(), List.copyOf(app.scopeSet()), uris,
                String.join("\n", uris), vapidKey);
    }
}
