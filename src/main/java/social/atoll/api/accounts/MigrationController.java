package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.migration.AliasService;
import social.atoll.core.migration.MoveService;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * GoToSocial's account migration API (Mastodon has none): {@code POST /api/v1/accounts/alias} sets the aliases
 * ({@code also_known_as_uris[]}, also read as {@code also_known_as[]}; handles or actor URIs; empty clears them) and
 * answers with the CredentialAccount; {@code POST /api/v1/accounts/move} ({@code password}, {@code moved_to_uri})
 * moves the account and answers 202. Refusals (wrong password, an alias or target that cannot be found, a target
 * that does not alias back, the cooldown) are 422 with Mastodon's {@code {"error": …}}.
 */
public final class MigrationController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final AccountViews views;
    private final AliasService aliases;
    private final MoveService moves;

    public MigrationController(Auth auth, ObjectMapper json, AccountQueries accounts, AccountViews views, AliasService aliases,
                               MoveService moves) {
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.views = views;
        this.aliases = aliases;
        this.moves = moves;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/accounts/alias", this::alias);
        r.post("/api/v1/accounts/move", this::move);
    }

    private void alias(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:accounts");
        Params p = Params.from(ctx, json);
        List<String> refs = new ArrayList<>(p.list("also_known_as_uris"));
        refs.addAll(p.list("also_known_as"));
        Account updated = aliases.replace(v.accountId(), refs);
        ctx.json(views.credential(updated, accounts.user(updated.id()).orElseThrow(), accounts.pendingFollowRequests(updated.id())));
    }

    private void move(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:accounts");
        Params p = Params.from(ctx, json);
        moves.moveOut(v.accountId(), p.string("password").orElse(""), p.require("moved_to_uri"));
        ctx.status(202).json(Map.of());
    }
}
