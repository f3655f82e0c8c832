package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.config.Settings;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.Policies;
import social.atoll.server.Controller;
import social.atoll.web.view.LandingView;

/**
 * The server's own pages for visitors: {@code /} (what this server is, its rules, a way to sign in; people signed in
 * go to their home timeline), {@code /about} (the same with the contact and the privacy policy) and
 * {@code /robots.txt}. The texts are the administrators' (defaults until they set them).
 */
public final class LandingController implements Controller {

    private final Settings settings;
    private final Pages pages;
    private final BrowserSessions sessions;
    private final InstanceService instance;
    private final Policies policies;

    public LandingController(Settings settings, Pages pages, BrowserSessions sessions, InstanceService instance, Policies policies) {
        this.policies = policies;
        this.settings = settings;
        this.pages = pages;
        this.sessions = sessions;
        this.instance = instance;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/", this::landing);
        r.get("/about", ctx -> show(ctx, "web/about.jte", "/about", pages.messages().get("about.title"), "about"));
        r.get("/robots.txt", this::robots);
        r.get("/privacy-policy", this::privacyPolicy);
        r.get("/terms", this::terms);
        // Mastodon's address for them
        r.get("/terms-of-service", ctx -> ctx.redirect("/terms", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
    }

    private void landing(Context ctx) {
        if (sessions.current(ctx).isPresent()) {
            ctx.redirect("/home");
            return;
        }
        show(ctx, "web/landing.jte", "/", null, null);
    }

    private void show(Context ctx, String template, String path, String title, String nav) {
        var info = instance.info();
        var contact = instance.contactAccount();
        var usage = instance.usage();
        String registrations = !instance.registrationsOpen() ? "closed" : instance.approvalRequired() ? "approval" : "open";
        LandingView view = new LandingView(info.title(), info.shortDescription(), info.extendedDescription(),
                instance.rules().stream().map(r -> new LandingView.Rule(r.text(), r.hint() == null ? "" : r.hint())).toList(),
                contact.map(a -> a.acct()).orElse(null),
                contact.map(a -> a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName()).orElse(null),
                info.contactEmail().isBlank() ? null : info.contactEmail(), registrations, info.sourceUrl().isBlank() ? null : info.sourceUrl(),
                usage.users(), usage.localPosts(), policies.termsOfService().isPresent());
        WebPage page = pages.page(ctx, title, nav);
        page = page.withHead(new WebPage.Head(title, settings.url(path), info.shortDescription(), null, "website", null, null, false));
        pages.render(ctx, 200, template, page, view);
    }

    /** The privacy policy the administrators wrote (or the default), rendered from Markdown and sanitized by core. */
    private void privacyPolicy(Context ctx) {
        var p = policies.privacyPolicy();
        String title = pages.messages().get("policy.privacy.title");
        var updated = p.updatedAt().equals(java.time.Instant.EPOCH) ? null : java.time.LocalDate.ofInstant(p.updatedAt(), java.time.ZoneOffset.UTC).toString();
        policy(ctx, 200, "/privacy-policy", title, new PolicyView(title, p.html(), updated, null, true));
    }

    private void terms(Context ctx) {
        String title = pages.messages().get("policy.terms.title");
        var t = policies.termsOfService();
        if (t.isEmpty()) {
            pages.message(ctx, 404, title, pages.messages().get("policy.terms.none", pages.instance()), null);
            return;
        }
        policy(ctx, 200, "/terms", title, new PolicyView(title, t.get().html(), null, t.get().effectiveDate().toString(), t.get().effective()));
    }

    /** A policy page: its HTML is already sanitized; {@code updated} or {@code effective} dates it. */
    public record PolicyView(String title, String html, String updated, String effectiveDate, boolean effective) {}

    private void policy(Context ctx, int status, String path, String title, PolicyView view) {
        WebPage page = pages.page(ctx, title, "about");
        page = page.withHead(new WebPage.Head(title, settings.url(path), null, null, "website", null, null, false));
        pages.render(ctx, status, "web/policy.jte", page, view);
    }

    /**
     * Crawlers may read the public pages (each account decides with {@code noindex} in its page's head), not the
     * app, the API, the media proxy or the sign-in forms.
     */
    private void robots(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=86400").contentType("text/plain; charset=utf-8").result("""
                User-agent: *
                Disallow: /api/
                Disallow: /oauth/
                Disallow: /auth/
                Disallow: /web/
                Disallow: /media_proxy/
                Disallow: /authorize_interaction
                Disallow: /home
                Disallow: /settings/
                Disallow: /notifications

                User-agent: GPTBot
                Disallow: /
                """);
    }
}
