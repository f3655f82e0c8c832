package social.atoll.server;

import io.javalin.http.Context;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;

/**
 * The pages a browser gets at URLs that ActivityPub also serves: a profile ({@code /@alice}) and a post
 * ({@code /@alice/123}). The federation controllers answer ActivityStreams clients themselves and hand browsers to
 * these, so that no door imports another: the web app implements them.
 */
public interface BrowserPages {

    /** The profile page of a local account. */
    void profile(Context ctx, Account account);

    /** The page of a local post its reader may see. */
    void status(Context ctx, Account author, Status status);
}
