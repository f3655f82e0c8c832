package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.invite.Invite;
import social.atoll.core.moderation.ActionLog;
import social.atoll.core.moderation.HeldPost;
import social.atoll.core.moderation.HeldPostStore;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.status.Status;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The admin pages of the last part of issue 12 in a real browser: trends review ({@code /admin/trends}), everyone's
 * invites ({@code /admin/invites}) and the posts the spam defence holds ({@code /admin/held_posts}), each decision
 * audited, the dashboard counting the waiting work; the pages pass axe and fit a phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AdminReviewBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        atoll.app().core.accountService.createLocal(new NewLocalAccount("boss", "boss@example.test", "password-boss", User.Role.ADMIN, true, true,
                "en", null, null), true);
        alice = seed.user("alice");
        bob = seed.user("bob");
        browser = new WebBrowser(atoll.baseUrl());
        browser.size(WebBrowser.DESKTOP);
        browser.signIn("boss");
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    private void awaitNotice(String text) {
        browser.waitUntil(10, d -> browser.all("p.notice").stream().anyMatch(e -> e.getText().equals(text)));
    }

    private List<ActionLog> audit(String type) {
        return atoll.app().core.actionLog.list(null, null, 100).stream().filter(l -> l.targetType().equals(type)).toList();
    }

    private void checkLooks(String name) {
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot(name + "-desktop");
        browser.size(WebBrowser.PHONE);
        try {
            browser.screenshot(name + "-phone");
            assertThat(browser.scrollsSideways()).isFalse();
            assertThat(browser.accessibilityViolations()).isEmpty();
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    @Test
    void staffRejectATrendingTagAndItLeavesThePublicTrends() {
        seed.post(alice, "#coralreef spawning tonight");
        seed.post(bob, "#CoralReef photos");
        Status popular = seed.post(alice, "the reef at dawn");
        atoll.app().core.favourites.favourite(bob.id(), popular.id());

        browser.open("/admin/dashboard");
        assertThat(browser.awaitText(".dash-pending", 10)).contains("trending items waiting for review");

        browser.open("/admin/trends");
        var tag = browser.await("li.trend-item a[href='/tags/coralreef']", 10);
        assertThat(tag.getText()).isEqualToIgnoringCase("#coralreef");
        assertThat(browser.all("li.trend-pending").size()).isGreaterThanOrEqualTo(2);
        checkLooks("admin-trends");

        String item = "#" + browser.find("li.trend-item a[href='/tags/coralreef']").findElement(org.openqa.selenium.By.xpath("ancestor::li")).getAttribute("id");
        browser.find(item + " button.danger").click();
        awaitNotice("Rejected: it no longer trends.");
        assertThat(browser.find(item + " .trend-state").getText()).isEqualTo("Rejected");
        assertThat(atoll.http().get("/api/v1/trends/tags").body().toLowerCase()).doesNotContain("coralreef");
        assertThat(audit("Tag")).extracting(ActionLog::action).containsExactly("reject");

        browser.find(item + " button[type=submit]").click();
        awaitNotice("Approved: it may trend.");
        assertThat(atoll.http().get("/api/v1/trends/tags").body().toLowerCase()).contains("coralreef");
    }

    @Test
    void staffSeeEveryInviteAndExpireOne() {
        User aliceUser = atoll.app().core.accounts.userByAccountId(alice.id()).orElseThrow();
        Invite invite = atoll.app().core.invites.create(atoll.app().core.roles.actor(alice.id(), aliceUser), 5, null);
        atoll.app().core.invites.create(StaffAccess.Actor.SYSTEM, null, null);

        browser.open("/admin/invites");
        browser.await("#admin-invite-" + invite.id(), 10);
        assertThat(browser.find("#admin-invite-" + invite.id()).getText()).contains("Made by @alice");
        assertThat(browser.all("li.invite-item").size()).isEqualTo(2);
        checkLooks("admin-invites");

        browser.find("#admin-invite-" + invite.id() + " button").click();
        awaitNotice("The invite link no longer works.");
        assertThat(atoll.app().core.invites.valid(invite.code())).isFalse();
        assertThat(browser.all("#admin-invite-" + invite.id() + " button")).isEmpty();
        assertThat(audit("Invite")).extracting(ActionLog::action).contains("expire");
    }

    @Test
    void aHeldPostIsReleasedFromTheQueue() {
        Status spam = seed.post(bob, "Cheap watches for @alice");
        // the hold itself is decided on arrival from another server (HeldPostsFederationIT); the queue is seeded here
        atoll.app().infra.db.write(h -> {
            new HeldPostStore(atoll.app().infra.db).insert(h, new HeldPost(spam.id(), bob.id(), 3, Instant.now()));
            return null;
        });
        atoll.app().infra.db.write(h -> h.createUpdate("DELETE FROM notifications WHERE status_id = :s").bind("s", spam.id()).execute());

        browser.open("/admin/dashboard");
        assertThat(browser.awaitText(".dash-pending", 10)).contains("1 posts held for review");
        browser.open("/admin/held_posts");
        var row = browser.await("#held-" + spam.id(), 10);
        assertThat(row.getText()).contains("@bob", "Cheap watches", "3 people mentioned here");
        checkLooks("admin-held-posts");

        browser.find("#held-" + spam.id() + " form[action$='/release'] button").click();
        awaitNotice("Released: the people mentioned were notified.");
        assertThat(browser.all("#held-" + spam.id())).isEmpty();
        assertThat(atoll.app().core.heldPosts.held(spam.id())).isFalse();
        var mentions = atoll.http().get("/api/v1/notifications?types[]=mention", atoll.token(alice.id(), "read")).json();
        assertThat(mentions.toString()).contains(Long.toString(spam.id()));
        assertThat(audit("Status")).extracting(ActionLog::action).contains("release");

        // the audit log reads it in words
        browser.open("/admin/audit");
        browser.waitUntil(10, d -> browser.path().equals("/admin/audit")
                && browser.all("main").stream().anyMatch(e -> e.getText().contains("released the held post")));
    }
}
