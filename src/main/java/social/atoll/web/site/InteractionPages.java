package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.search.RemoteLookup;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;
import social.atoll.web.WebPage;
import social.atoll.web.view.InteractView;

/**
 * Following and interacting across servers, both ways.
 * <ul>
 * <li>{@code GET /authorize_interaction?uri=…}: where other servers send their people (this server's WebFinger
 * advertises it as the subscribe template). The reader signs in, the account or post is resolved (fetched through
 * the federation client and its SSRF guard when unknown), and the reader lands on its page, with its follow and
 * action buttons.</li>
 * <li>{@code POST /web/remote_follow}: a visitor from another server types their handle on a profile; their
 * server's subscribe template is read from its WebFinger and the visitor is sent there with this account's id.</li>
 * </ul>
 */
public final class InteractionPages implements Controller {

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final AccountQueries accounts;
    private final RemoteLookup remote;

    public InteractionPages(Settings settings, BrowserSessions sessions, Pages pages, AccountQueries accounts, RemoteLookup remote) {
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.accounts = accounts;
        this.remote = remote;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/authorize_interaction", this::authorize);
        r.post("/web/remote_follow", this::remoteFollow);
    }

    private void authorize(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        String uri = ctx.queryParam("uri");
        var t = pages.messages();
        if (uri == null || uri.isBlank()) {
            pages.message(ctx, 400, t.get("interact.missing_title"), t.get("interact.missing"), null);
            return;
        }
        Optional<String> target = resolve(uri.strip(), me.get().account().id());
        if (target.isEmpty()) {
            pages.message(ctx, 404, t.get("interact.not_found_title"), t.get("interact.not_found"), uri);
            return;
        }
        ctx.redirect(target.get(), HttpStatus.SEE_OTHER);
    }

    /** The page on this server of what {@code uri} (a handle or an ActivityPub/HTML URL) names. */
    private Optional<String> resolve(String uri, long viewer) {
        String q = uri.startsWith("acct:") || !RemoteLookup.isUrl(uri) ? uri : null;
        if (q != null) {
            var handle = RemoteLookup.handle(q);
            if (handle.isEmpty()) return Optional.empty();
            String domain = handle.get()[1].equalsIgnoreCase(settings.domain()) ? null : handle.get()[1];
            var account = domain == null ? accounts.visibleByAcct(handle.get()[0], null) : remote.account(handle.get()[0], domain);
            return account.filter(a -> !a.suspended()).map(a -> "/@" + a.acct());
        }
        return remote.url(uri, viewer).flatMap(found -> {
            if (found.account() != null) return Optional.of("/@" + found.account().acct());
            return accounts.visibleById(found.status().accountId()).map(a -> "/@" + a.acct() + "/" + found.status().id());
        });
    }

    private void remoteFollow(Context ctx) {
        if (!sessions.csrfValid(ctx)) throw new ForbiddenException("This form has expired; reload the page and try again");
        String value = ctx.formParam("acct") == null ? "" : ctx.formParam("acct").strip();
        String uri = ctx.formParam("uri");
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name");
        String back = SignInForm.safeReturnTo(ctx.formParam("return_to")) ? ctx.formParam("return_to") : "/";
        if (uri == null || !RemoteLookup.isUrl(uri) || !uri.startsWith(settings.baseUrl() + "/")) {
            throw new social.atoll.core.common.NotFoundException("uri");
        }
        var t = pages.messages();
        var handle = RemoteLookup.handle(value);
        if (handle.isEmpty()) {
            form(ctx, name, uri, value, back, t.get("interact.bad_handle"));
            return;
        }
        if (handle.get()[1].equalsIgnoreCase(settings.domain())) {
            // one of our own people: no other server to ask
            ctx.redirect("/authorize_interaction?uri=" + ProfilePages.encode(uri), HttpStatus.SEE_OTHER);
            return;
        }
        Optional<String> template = remote.interactionTemplate(handle.get()[0], handle.get()[1]);
        if (template.isEmpty()) {
            form(ctx, name, uri, value, back, t.get("interact.no_template", handle.get()[1]));
            return;
        }
        ctx.redirect(template.get().replace("{uri}", ProfilePages.encode(uri)), HttpStatus.SEE_OTHER);
    }

    private void form(Context ctx, String name, String uri, String value, String back, String error) {
        WebPage page = pages.page(ctx, pages.messages().get("interact.title"), null);
        pages.render(ctx, 422, "web/interact.jte", page, new InteractView(name, "", uri, value, back, error));
    }
}
