package social.atoll.api.oauth;

import java.util.List;
import social.atoll.core.auth.OAuthApp;

/** Mastodon's CredentialApplication: the Application plus its client credentials, returned once by {@code POST /api/v1/apps}. */
public record CredentialApplicationEntity(String id, String name, String website, List<String> scopes,
                                          List<String> redirectUris, String redirectUri, String clientId,
                                          String clientSecret, long clientSecretExpiresAt, String vapidKey) {

    public static CredentialApplicationEntity of(OAuthApp app, String vapidKey) {
        ApplicationEntity a = ApplicationEntity.of(app, vapidKey);
        return new CredentialApplicationEntity(a.id(), a.name(), a.website(), a.scopes(), a.redirectUris(), a.redirectUri(),
                app.clientId(), app.clientSecret(), 0, vapidKey);
    }
}
