package social.atoll.web;

import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.follow.FollowOptions;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;

/**
 * Seeds what a web test needs through the core services (not through HTTP: these doors are not under test here),
 * the way a person would have made it.
 */
final class WebSeed {

    private final TestInstance atoll;

    WebSeed(TestInstance atoll) { this.atoll = atoll; }

    /** A confirmed local account that signs in with {@code password-<username>}. */
    Account user(String username) {
        atoll.createUser(username);
        return atoll.app().core.accountQueries.visibleByAcct(username, null).orElseThrow();
    }

    Status post(Account author, String text) { return post(author, text, null, Visibility.PUBLIC); }

    Status post(Account author, String text, String spoiler, Visibility visibility) {
        var posted = atoll.app().core.posting.post(author.id(),
                new NewStatus(text, spoiler, null, visibility, null, "en", null, List.of(), null, null, null));
        return ((PostStatusService.Published) posted).status();
    }

    void follow(Account follower, Account followed) {
        atoll.app().core.follows.follow(follower.id(), followed.id(), FollowOptions.DEFAULTS);
    }
}
