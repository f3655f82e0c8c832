package social.atoll.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import social.atoll.config.Settings;
import social.atoll.web.view.MessageView;

/**
 * Renders the server's own HTML pages from the JTE templates precompiled at build time (output is escaped by
 * default), with the headers every page carries: no caching (pages hold CSRF tokens and codes), no framing
 * (a framed consent page could be click-jacked), and a CSP that allows no script unless a page brings a nonce.
 */
public final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Settings settings;

    public Pages(Settings settings) { this.settings = settings; }

    /** The name pages show for this server: its domain. */
    public String instance() { return settings.domain(); }

    public void render(Context ctx, int status, String template, Object model) { render(ctx, status, template, model, null); }

    /** Renders {@code template} with its one parameter; {@code scriptNonce} lets that page's inline script run. */
    public void render(Context ctx, int status, String template, Object model, String scriptNonce) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        String scripts = scriptNonce == null ? "" : " script-src 'nonce-" + scriptNonce + "';";
        ctx.status(status)
                .header("Cache-Control", "private, no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:;"
                        + scripts + " base-uri 'none'; frame-ancestors 'none'")
                .contentType("text/html; charset=utf-8")
                .result(out.toString());
    }

    /** A page that only says something (errors, refusals, denials). */
    public void message(Context ctx, int status, String title, String message, String detail) {
        render(ctx, status, "web/message.jte", new MessageView(instance(), title, message, detail));
    }
}
