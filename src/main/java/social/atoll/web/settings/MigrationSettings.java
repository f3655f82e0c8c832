package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.common.ValidationException;
import social.atoll.core.migration.AccountMove;
import social.atoll.core.migration.AliasService;
import social.atoll.core.migration.MoveService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * Moving between servers. {@code /settings/aliases}: the accounts this one also is ({@code alsoKnownAs}), to add
 * before moving here from one of them, each removable. {@code /settings/move}: moving this account to another one
 * that lists it as an alias, with the password; afterwards the page says where it moved and until when it cannot
 * move again.
 */
public final class MigrationSettings implements Controller {

    static final String ALIASES = "/settings/aliases";
    static final String MOVE = "/settings/move";

    public record AliasesView(String handle, List<String> aliases, String value, String error, String notice) {}

    /** {@code movedTo}: the account this one moved to (its address), {@code cooldownUntil}: when it may move again. */
    public record MoveView(String handle, String movedTo, String movedToPath, String movedAt, String cooldownUntil, String target,
                           String error, String notice) {}

    private final Settings settings;
    private final SettingsSupport support;
    private final Pages pages;
    private final AliasService aliases;
    private final MoveService moves;
    private final social.atoll.core.account.AccountQueries accounts;

    public MigrationSettings(Settings settings, BrowserSessions browsers, Pages pages, AliasService aliases, MoveService moves,
                             social.atoll.core.account.AccountQueries accounts) {
        this.settings = settings;
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.aliases = aliases;
        this.moves = moves;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(ALIASES, this::showAliases);
        r.post(ALIASES, this::addAlias);
        r.post(ALIASES + "/remove", this::removeAlias);
        r.get(MOVE, this::showMove);
        r.post(MOVE, this::move);
    }

    private void showAliases(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        renderAliases(ctx, 200, me.get().account().id(), "", null,
                SettingsSupport.notice(ctx, Set.of("alias_added", "alias_removed")));
    }

    private void addAlias(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        String value = ctx.formParam("alias");
        try {
            aliases.add(me.get().account().id(), value);
        } catch (ValidationException e) {
            renderAliases(ctx, 422, me.get().account().id(), value == null ? "" : value, e.getMessage(), null);
            return;
        }
        SettingsSupport.done(ctx, ALIASES, "alias_added");
    }

    private void removeAlias(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        aliases.remove(me.get().account().id(), ctx.formParam("uri"));
        SettingsSupport.done(ctx, ALIASES, "alias_removed");
    }

    private void showMove(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        renderMove(ctx, 200, me.get().account().id(), "", null, SettingsSupport.notice(ctx, Set.of("moved")));
    }

    private void move(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        String target = ctx.formParam("target");
        try {
            moves.moveOut(me.get().account().id(), ctx.formParam("current_password"), target);
        } catch (ValidationException e) {
            renderMove(ctx, 422, me.get().account().id(), target == null ? "" : target, e.getMessage(), null);
            return;
        }
        SettingsSupport.done(ctx, MOVE, "moved");
    }

    private void renderAliases(Context ctx, int status, long accountId, String value, String error, String notice) {
        var page = pages.page(ctx, pages.messages().get("settings.aliases.title"), "settings");
        pages.render(ctx, status, "settings/aliases.jte", page,
                new AliasesView(handle(accountId), aliases.aliases(accountId), value, error, notice));
    }

    private void renderMove(Context ctx, int status, long accountId, String target, String error, String notice) {
        Account a = accounts.byId(accountId).orElseThrow();
        String movedTo = null;
        String movedToPath = null;
        String movedAt = null;
        if (a.movedToAccountId() != null) {
            Optional<Account> to = accounts.byId(a.movedToAccountId());
            if (to.isPresent()) {
                movedTo = "@" + to.get().acct() + (to.get().local() ? "@" + settings.domain() : "");
                movedToPath = "/@" + to.get().acct();
            }
            movedAt = moves.latest(accountId).map(AccountMove::createdAt).map(Times::full).orElse(null);
        }
        String until = moves.cooldownUntil(accountId).map(Times::full).orElse(null);
        var page = pages.page(ctx, pages.messages().get("settings.move.title"), "settings");
        pages.render(ctx, status, "settings/move.jte", page,
                new MoveView(handle(accountId), movedTo, movedToPath, movedAt, until, target, error, notice));
    }

    private String handle(long accountId) {
        return "@" + accounts.byId(accountId).map(Account::username).orElse("") + "@" + settings.domain();
    }
}
