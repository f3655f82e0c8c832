package social.atoll.web;

import io.javalin.http.Context;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.server.BrowserPages;
import social.atoll.web.view.ProfileView;
import social.atoll.web.view.StatusPageView;

/** The profile and post pages that visitors reach at an account's or a post's URL. */
public final class PublicPages implements BrowserPages {

    private final Settings settings;
    private final Pages pages;

    public PublicPages(Settings settings, Pages pages) {
        this.settings = settings;
        this.pages = pages;
    }

    @Override
    public void profile(Context ctx, Account a) {
        String handle = "@" + a.username() + "@" + settings.domain();
        pages.render(ctx, 200, "web/profile.jte", new ProfileView(settings.domain(), displayName(a), handle,
                a.suspended() ? "" : (a.note() == null ? "" : a.note()), a.uri(), a.statusesCount(), a.followersCount(), a.followingCount()));
    }

    @Override
    public void status(Context ctx, Account a, Status s) {
        pages.render(ctx, 200, "web/status.jte", new StatusPageView(settings.domain(), displayName(a), "@" + a.username() + "@" + settings.domain(),
                a.url() != null ? a.url() : a.uri(), s.spoilerText() == null ? "" : s.spoilerText(), s.content(), s.uri(),
                s.createdAt().toString()));
    }

    private static String displayName(Account a) {
        return a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName();
    }
}
