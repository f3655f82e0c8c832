package social.atoll.api.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.core.account.AccountCredentials;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * {@code POST /api/v1/emails/confirmations}: mails a new confirmation link to the person who signed up through an
 * app and has not confirmed yet (their token works for nothing else until then). A confirmed account gets
 * Mastodon's 403.
 */
public final class EmailConfirmationsController implements Controller {

    private final Auth auth;
    private final AccountCredentials credentials;

    public EmailConfirmationsController(Auth auth, AccountCredentials credentials) {
        this.auth = auth;
        this.credentials = credentials;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/emails/confirmations", this::resend);
    }

    private void resend(Context ctx) {
        long accountId = auth.accountOfUnconfirmed(ctx, "write:accounts");
        switch (credentials.resendConfirmation(accountId)) {
            case SENT -> ctx.json(Map.of());
            case ALREADY_CONFIRMED -> throw ApiException.forbidden();
            case NO_USER -> throw ApiException.invalidToken();
        }
    }
}
