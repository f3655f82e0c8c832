package social.atoll.web;

import io.javalin.http.Context;
import social.atoll.core.account.Account;
import social.atoll.server.BrowserPages;
import social.atoll.web.site.Feeds;
import social.atoll.web.site.ProfilePages;
import social.atoll.web.site.StatusPages;

/** The profile and post pages that browsers reach at an account's or a post's URL, which ActivityPub also serves. */
public final class PublicPages implements BrowserPages {

    private final ProfilePages profiles;
    private final StatusPages statuses;
    private final Feeds feeds;

    public PublicPages(ProfilePages profiles, StatusPages statuses, Feeds feeds) {
        this.profiles = profiles;
        this.statuses = statuses;
        this.feeds = feeds;
    }

    @Override
    public void profile(Context ctx, Account a) { profiles.show(ctx, a, "posts"); }

    @Override
    public void status(Context ctx, String username, String domain, long id) { statuses.page(ctx, username, domain, id); }

    @Override
    public void remoteProfile(Context ctx, String username, String domain) { profiles.remote(ctx, username, domain); }

    @Override
    public void profileFeed(Context ctx, Account account) { feeds.account(ctx, account); }
}
