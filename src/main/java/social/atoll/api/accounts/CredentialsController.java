package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.media.ProfileEditor;
import social.atoll.core.account.ProfileUpdate;
import social.atoll.core.account.User;

/**
 * The signed-in user's own account: {@code verify_credentials} and {@code update_credentials}, both answering with
 * the CredentialAccount (the account plus its plain-text source and role). Profile changes arrive as JSON, form or
 * multipart (masto.js sends multipart even without files); {@code avatar} and {@code header} files go through
 * {@link ProfileEditor} with the rest, as on the settings page.
 */
public final class CredentialsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final AccountViews views;
    private final ProfileEditor profiles;

    private final social.atoll.core.preferences.PreferencesService preferences;

    public CredentialsController(Auth auth, ObjectMapper json, AccountQueries accounts, AccountViews views, ProfileEditor profiles,
                                 social.atoll.core.preferences.PreferencesService preferences) {
        this.preferences = preferences;
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.views = views;
        this.profiles = profiles;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/accounts/verify_credentials", this::verify);
        r.addHttpHandler(HandlerType.PATCH, "/api/v1/accounts/update_credentials", this::update);
    }

    private void verify(Context ctx) {
        Viewer v = auth.requireUser(ctx, "profile", "read:accounts");
        ctx.json(credential(v.account(), v.user()));
    }

    private void update(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:accounts");
        Params p = Params.from(ctx, json);
        Params source = p.group("source");
        ProfileUpdate update = new ProfileUpdate(
                p.rawString("display_name").orElse(null),
                p.rawString("note").orElse(null),
                p.bool("locked").orElse(null),
                p.bool("bot").orElse(null),
                p.bool("discoverable").orElse(null),
                p.bool("indexable").orElse(null),
                p.bool("hide_collections").orElse(null),
                fields(p),
                source.string("privacy").orElse(null),
                source.bool("sensitive").orElse(null),
                source.rawString("language").orElse(null));
        // Mastodon 4.5's source[quote_policy]: a preference of the user, checked before the profile changes
        String quotePolicy = source.string("quote_policy").orElse(null);
        if (quotePolicy != null) preferences.setDefaultQuotePolicy(v.accountId(), quotePolicy);
        Account updated;
        try (var uploads = new social.atoll.server.Uploads()) {
            updated = profiles.edit(v.accountId(), update, uploads.get(p, "avatar"), uploads.get(p, "header"));
        }
        User user = accounts.user(updated.id()).orElseThrow();
        ctx.json(credential(updated, user));
    }

    /**
     * {@code fields_attributes} in any of its forms: indexed ({@code [0][name]}), Rails array ({@code [][name]}),
     * or a JSON array or object of {@code {name, value}}. Present but empty clears the fields; absent keeps them.
     */
    private static List<ProfileUpdate.FieldInput> fields(Params p) {
        JsonNode node = p.node("fields_attributes");
        if (node == null || node.isNull()) return null;
        List<ProfileUpdate.FieldInput> out = new ArrayList<>();
        for (Params f : p.groups("fields_attributes"))
            out.add(new ProfileUpdate.FieldInput(f.rawString("name").orElse(""), f.rawString("value").orElse("")));
        return out;
    }

    private Object credential(Account a, User u) {
        return views.credential(a, u, accounts.pendingFollowRequests(a.id()), preferences.of(u).defaultQuotePolicy());
    }
}
