package social.atoll.federation.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.ApiException;
import social.atoll.server.BrowserPages;
import social.atoll.server.Controller;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.vocab.ActorWriter;

/**
 * Actor documents: {@code /users/{name}} (the actor id) and {@code /@{name}} (the profile URL) answer ActivityStreams
 * clients with the actor and browsers with the profile page ({@code /users/{name}} redirects them to it, as Mastodon
 * does). The instance actor {@code /actor} is always public. In authorized fetch mode an unsigned request still gets
 * a bare actor with its key (id, type, preferredUsername, inbox, outbox, publicKey, endpoints), so that servers can
 * verify our signatures without signing first. Browsers also get {@code /@{name}.rss} (the feed) and
 * {@code /@{name}@{domain}} (a remote account as stored here) from the web pages.
 */
public final class ActorDocumentsController implements Controller {

    private final Settings settings;
    private final AccountStore accounts;
    private final ActorWriter writer;
    private final InstanceActor instanceActor;
    private final FetchAccess access;
    private final BrowserPages pages;

    public ActorDocumentsController(Settings settings, AccountStore accounts, ActorWriter writer, InstanceActor instanceActor,
                                    FetchAccess access, BrowserPages pages) {
        this.settings = settings;
        this.accounts = accounts;
        this.writer = writer;
        this.instanceActor = instanceActor;
        this.access = access;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/actor", ctx -> ActivityJson.send(ctx, writer.writeInstanceActor(instanceActor)));
        r.get("/users/{username}", ctx -> actor(ctx, true));
        r.get("/@{username}", ctx -> actor(ctx, false));
    }

    private void actor(Context ctx, boolean atId) {
        String name = ctx.pathParam("username");
        if (!atId && name.endsWith(".rss")) {
            pages.profileFeed(ctx, local(name.substring(0, name.length() - 4)));
            return;
        }
        int at = name.indexOf('@');
        if (!atId && at > 0) {
            // a remote account's page on this server: browsers only, ActivityPub clients ask its own server
            if (ActivityJson.wanted(ctx)) throw ApiException.notFound();
            pages.remoteProfile(ctx, name.substring(0, at), name.substring(at + 1));
            return;
        }
        Account account = local(name);
        if (!ActivityJson.wanted(ctx)) {
            if (atId) {
                ctx.redirect(account.url() != null ? account.url() : settings.url("/@" + account.username()), io.javalin.http.HttpStatus.FOUND);
                return;
            }
            pages.profile(ctx, account);
            return;
        }
        // a suspended person's actor is gone for other servers, as the issue asks (Mastodon serves a stub instead)
        if (account.suspended()) throw new ApiException(410, "Gone");
        ObjectNode doc = writer.write(account);
        FetchAccess.Fetcher fetcher = access.optionalFetcher(ctx);
        if (fetcher.anonymous() && accessRequired()) doc = bare(doc);
        ActivityJson.send(ctx, doc);
    }

    private boolean accessRequired() { return settings.federation().requireSignedFetch(); }

    /** What Mastodon serves an unsigned fetch in secure mode: enough to verify signatures and deliver, no profile. */
    private static ObjectNode bare(ObjectNode full) {
        ObjectNode d = full.objectNode();
        for (String f : new String[] {"@context", "id", "type", "preferredUsername", "inbox", "outbox", "publicKey", "endpoints", "url"}) {
            if (full.has(f)) d.set(f, full.get(f));
        }
        return d;
    }

    /** A local account; a deleted one (a suspended stub without sign-in) is 410 Gone, as Mastodon answers. */
    private Account local(String username) {
        return accounts.visibleByAcct(username, null).orElseThrow(() -> accounts.byAcct(username, null).filter(Account::suspended).isPresent()
                ? new ApiException(410, "Gone") : ApiException.notFound());
    }
}
