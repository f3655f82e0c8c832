package social.atoll.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Map;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.preferences.Preferences;
import social.atoll.core.preferences.PreferencesService;
import social.atoll.web.view.MessageView;

/**
 * Renders the server's own HTML pages from the JTE templates precompiled at build time (output is escaped by
 * default), with the headers every page carries: no caching (pages hold CSRF tokens), no framing (a framed consent
 * page could be click-jacked), and a Content-Security-Policy that runs only Atoll's own script files — no inline
 * script, no inline style — and loads images and media only from Atoll itself (remote media come through the media
 * proxy) or its S3 public address.
 *
 * <p>Every template takes two parameters: {@code page} (a {@link WebPage}, for the layout) and {@code view} (its
 * own model).
 */
public final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Settings settings;
    private final BrowserSessions sessions;
    private final AccountViews accounts;
    private final Messages messages;
    private final Assets assets;
    private final PreferencesService preferences;
    private final social.atoll.core.moderation.Roles roles;
    private final String mediaOrigins;

    public Pages(Settings settings, BrowserSessions sessions, AccountViews accounts, Messages messages, Assets assets,
                 PreferencesService preferences, social.atoll.core.moderation.Roles roles) {
        this.roles = roles;
        this.preferences = preferences;
        this.settings = settings;
        this.sessions = sessions;
        this.accounts = accounts;
        this.messages = messages;
        this.assets = assets;
        var storage = settings.storage();
        this.mediaOrigins = "'self' data: blob:" + (storage == null ? "" : origin(storage.publicUrl()) + origin(storage.endpoint()));
    }

    /** The name pages show for this server: its domain. */
    public String instance() { return settings.domain(); }

    public Messages messages() { return messages; }

    public Assets assets() { return assets; }

    /**
     * The layout's model for this request: the signed-in person (if any) with their reading preferences and theme
     * (read from the user row the session lookup already loaded, so no query of its own), a CSRF token, the default
     * head.
     */
    /** Roles: what the admin pages ask for the role of the person acting. */
    public social.atoll.core.moderation.Roles roles() { return roles; }

    public WebPage page(Context ctx, String title, String nav) { return page(ctx, title, nav, sessions.csrfToken(ctx)); }

    /**
     * The model for a fragment that a page's script fetches in the background (a post arriving on a live timeline,
     * an htmx swap). For a visitor it mints no CSRF cookie: a background fetch that replaced the browser's
     * pre-session cookie would void the token of a sign-in form open in the same browser (its POST would get 403).
     * Fragments show visitors no forms, so they need no token.
     */
    public WebPage fragmentPage(Context ctx) {
        return page(ctx, null, null, sessions.current(ctx).isPresent() ? sessions.csrfToken(ctx) : "");
    }

    private WebPage page(Context ctx, String title, String nav, String csrf) {
        var signedIn = sessions.current(ctx);
        Preferences prefs = signedIn.map(s -> preferences.of(s.user())).orElse(Preferences.DEFAULTS);
        WebPage.Me me = signedIn.map(s -> {
            var a = accounts.render(s.account());
            return new WebPage.Me(a.id(), a.username(), a.displayName().isBlank() ? a.username() : a.displayName(), a.avatar(),
                    roles.looksStaff(s.user()), prefs.expandSpoilers(), prefs.autoplayGifs());
        }).orElse(null);
        return new WebPage(messages, assets, settings.domain(), settings.baseUrl(), me, csrf, prefs.theme(), nav,
                WebPage.Head.titled(title), ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
    }

    /** Renders {@code template} with a default {@link WebPage} for this request. */
    public void render(Context ctx, int status, String template, Object view) { render(ctx, status, template, page(ctx, null, null), view, null); }

    /** Renders {@code template} with the page and view it takes. */
    public void render(Context ctx, int status, String template, WebPage page, Object view) { render(ctx, status, template, page, view, null); }

    /**
     * Renders {@code template}; {@code scriptNonce} lets that page's one inline script run (the OAuth form_post
     * answer, which must submit itself and has nothing else to load).
     */
    public void render(Context ctx, int status, String template, WebPage page, Object view, String scriptNonce) {
        send(ctx, status, template, page, view, scriptNonce, false);
    }

    /**
     * Renders a page meant to be framed by other sites (a post's {@code /embed}): any site may frame it, so it must
     * carry no form or action that a click-jacker could use. Every other page keeps {@code DENY}.
     */
    public void renderEmbeddable(Context ctx, int status, String template, WebPage page, Object view) {
        send(ctx, status, template, page, view, null, true);
    }

    private void send(Context ctx, int status, String template, WebPage page, Object view, String scriptNonce, boolean frameable) {
        StringOutput out = new StringOutput();
        engine.render(template, Map.of("page", page, "view", view), out);
        String scripts = scriptNonce == null ? "script-src 'self'" : "script-src 'self' 'nonce-" + scriptNonce + "'";
        ctx.status(status)
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'none'; " + scripts + "; style-src 'self'; img-src " + mediaOrigins
                        + "; media-src " + mediaOrigins + "; connect-src 'self'; manifest-src 'self'; base-uri 'none'; frame-ancestors "
                        + (frameable ? "*" : "'none'"))
                .contentType("text/html; charset=utf-8")
                .result(out.toString());
        if (!frameable) ctx.header("X-Frame-Options", "DENY");
    }

    /** HTML for a fragment (an htmx swap): the same escaping, no layout, no page headers beyond the type. */
    public String fragment(String template, WebPage page, Object view) {
        StringOutput out = new StringOutput();
        engine.render(template, Map.of("page", page, "view", view), out);
        return out.toString();
    }

    /** A page that only says something (errors, refusals, denials). */
    public void message(Context ctx, int status, String title, String message, String detail) {
        render(ctx, status, "web/message.jte", page(ctx, title, null), new MessageView(instance(), title, message, detail));
    }

    private static String origin(String url) {
        if (url == null || url.isBlank()) return "";
        try {
            URI u = URI.create(url);
            return u.getScheme() == null || u.getAuthority() == null ? "" : " " + u.getScheme() + "://" + u.getAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
