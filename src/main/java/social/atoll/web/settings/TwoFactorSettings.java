package social.atoll.web.settings;

import gg.jte.Content;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.common.ValidationException;
import social.atoll.core.twofactor.Passkeys;
import social.atoll.core.twofactor.TwoFactorService;
import social.atoll.core.twofactor.TwoFactorStore;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /settings/two-factor}: turning on sign-in with an authenticator app (the secret as a QR code and as text;
 * on only once a code from the app is accepted), the recovery codes (shown once, renewable with the password and
 * a code), passkeys (added through the page's script, listed, removed), and turning it all off with the password
 * and a code.
 */
public final class TwoFactorSettings implements Controller {

    static final String PATH = "/settings/two-factor";

    /** A passkey as the list shows it. */
    public record PasskeyLine(long id, String name, String added, String lastUsed) {}

    /** The page: on or off, the set-up in progress (its QR code and secret), or the recovery codes just made. */
    public record View(boolean enabled, String qrSvg, String secret, int recoveryCodesLeft, List<PasskeyLine> passkeys, List<String> codes,
                       String notice, String error, Map<String, String> errors) {
        public String fieldError(String field) { return errors.get(field); }

        public Content qr() { return out -> out.writeContent(qrSvg); }

        public boolean settingUp() { return !enabled && secret != null; }
    }

    private static final Set<String> NOTICES = Set.of("two_factor_disabled", "passkey_added", "passkey_removed");

    private final SettingsSupport support;
    private final Pages pages;
    private final TwoFactorService twoFactor;
    private final Passkeys passkeys;

    public TwoFactorSettings(BrowserSessions browsers, Pages pages, TwoFactorService twoFactor, Passkeys passkeys) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.twoFactor = twoFactor;
        this.passkeys = passkeys;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH + "/setup", this::setup);
        r.post(PATH + "/enable", this::enable);
        r.post(PATH + "/recovery-codes", this::recoveryCodes);
        r.post(PATH + "/disable", this::disable);
        r.post(PATH + "/passkeys/options", this::passkeyOptions);
        r.post(PATH + "/passkeys", this::addPasskey);
        r.post(PATH + "/passkeys/{id}/delete", this::removePasskey);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        render(ctx, 200, me.get(), null, null, Map.of(), SettingsSupport.notice(ctx, NOTICES));
    }

    private void setup(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        twoFactor.setup(me.get().user(), me.get().account(), true);
        SettingsSupport.done(ctx, PATH, null);
    }

    private void enable(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            List<String> codes = twoFactor.enable(me.get().user(), ctx.formParam("code"));
            render(ctx, 200, me.get(), codes, null, Map.of(), "settings.notice.two_factor_enabled");
        } catch (ValidationException e) {
            render(ctx, 422, me.get(), null, e.getMessage(), errors(e), null);
        }
    }

    private void recoveryCodes(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            List<String> codes = twoFactor.regenerateRecoveryCodes(me.get().user(), ctx.formParam("current_password"), ctx.formParam("code"));
            render(ctx, 200, me.get(), codes, null, Map.of(), "settings.notice.recovery_codes_renewed");
        } catch (ValidationException e) {
            render(ctx, 422, me.get(), null, e.getMessage(), prefixed("regenerate_", errors(e)), null);
        }
    }

    private void disable(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            twoFactor.disable(me.get().user(), ctx.formParam("current_password"), ctx.formParam("code"));
        } catch (ValidationException e) {
            render(ctx, 422, me.get(), null, e.getMessage(), prefixed("disable_", errors(e)), null);
            return;
        }
        SettingsSupport.done(ctx, PATH, "two_factor_disabled");
    }

    private void passkeyOptions(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            ctx.header("Cache-Control", "no-store").json(social.atoll.web.TwoFactorSignIn.json(
                    passkeys.registrationOptions(me.get().user(), me.get().account())));
        } catch (ValidationException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
        }
    }

    private void addPasskey(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            passkeys.register(me.get().user(), ctx.formParam("name"), ctx.formParam("credential"));
            ctx.header("Cache-Control", "no-store").json(Map.of("redirect", PATH + "?notice=passkey_added"));
        } catch (ValidationException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
        }
    }

    private void removePasskey(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (!passkeys.remove(me.get().user().id(), id)) {
            var t = pages.messages();
            pages.message(ctx, 404, t.get("two_factor.passkey.gone.title"), t.get("two_factor.passkey.gone.text"), null);
            return;
        }
        SettingsSupport.done(ctx, PATH, "passkey_removed");
    }

    private void render(Context ctx, int status, BrowserSessions.SignedIn me, List<String> codes, String error, Map<String, String> errors,
                        String notice) {
        TwoFactorService.Status s = twoFactor.status(me.user().id());
        String qr = null, secret = null;
        if (!s.enabled()) {
            var setup = twoFactor.pending(me.user(), me.account());
            if (setup.isPresent()) {
                secret = setup.get().secret();
                qr = QrSvg.of(setup.get().uri(), pages.messages().get("two_factor.setup.qr_label"));
            }
        }
        List<PasskeyLine> lines = s.passkeys().stream().map(TwoFactorSettings::line).toList();
        var page = pages.page(ctx, pages.messages().get("settings.two_factor.title"), "settings");
        pages.render(ctx, status, "settings/two_factor.jte", page, new View(s.enabled(), qr, grouped(secret), s.recoveryCodesLeft(), lines,
                codes, notice, error, errors));
    }

    private static PasskeyLine line(TwoFactorStore.Passkey p) {
        return new PasskeyLine(p.id(), p.name(), Times.full(p.createdAt()), p.lastUsedAt() == null ? null : Times.full(p.lastUsedAt()));
    }

    /** The secret in groups of four, as it is easier to type into an app by hand. */
    private static String grouped(String secret) {
        if (secret == null) return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) b.append(' ');
            b.append(secret, i, Math.min(secret.length(), i + 4));
        }
        return b.toString();
    }

    /** Each failing field's message (the core words them whole: "The code is not valid"). */
    private static Map<String, String> errors(ValidationException e) {
        Map<String, String> out = new java.util.HashMap<>();
        e.details().forEach((field, list) -> { if (!list.isEmpty()) out.put(field, list.get(0).description()); });
        return out;
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> errors) {
        Map<String, String> m = new java.util.HashMap<>();
        errors.forEach((k, v) -> m.put(prefix + k, v));
        return m;
    }
}
