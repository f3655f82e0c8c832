package social.atoll.server;

import io.javalin.http.Context;
import social.atoll.core.account.Account;

/**
 * The pages a browser gets at URLs that ActivityPub also serves: a profile ({@code /@alice}) and a post
 * ({@code /@alice/123}). The federation controllers answer ActivityStreams clients themselves and hand browsers to
 * these, so that no door imports another: the web app implements them.
 */
public interface BrowserPages {

    /** The profile page of a local account. */
    void profile(Context ctx, Account account);

    /**
     * The page of post {@code id} by {@code @username@domain} ({@code domain} null for a local author): the web app
     * decides, for the browser's own signed-in reader, whether it may be seen (a 404 page otherwise).
     */
    void status(Context ctx, String username, String domain, long id);

    /**
     * The profile page of a remote account this server knows ({@code /@bob@example.org}), from what is stored here;
     * a 404 page when it is unknown.
     */
    void remoteProfile(Context ctx, String username, String domain);

    /** The RSS feed of a local account's public posts ({@code /@alice.rss}). */
    void profileFeed(Context ctx, Account account);
}
