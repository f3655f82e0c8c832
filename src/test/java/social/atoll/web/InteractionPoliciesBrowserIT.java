package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.support.ui.Select;
import social.atoll.core.account.Account;
import social.atoll.core.interaction.InteractionPolicy;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Interaction policies in a real browser: choosing "anyone, with my approval" for replies in the composer, the held
 * reply shown with its "Pending approval" mark on the requests page, and approving it there. axe-core on each page,
 * desktop and phone. The account's defaults edited on the settings page (and used by the composer), and the
 * composer keeping its choices when a post is refused.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class InteractionPoliciesBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account alice;
    private Account bob;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        alice = seed.user("alice");
        bob = seed.user("bob");
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void aReplyNeedingApprovalIsApprovedFromTheRequestsPage() {
        browser.signIn("alice");
        browser.open("/compose");
        browser.await("#compose-text", 10);
        browser.find("details.compose-interactions summary").click();
        new Select(browser.find("#compose-int-reply")).selectByValue("approval");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("compose-interaction-policy");
        browser.find("#compose-text").sendKeys("Replies welcome, after a look");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long postId = Long.parseLong(browser.path().substring("/@alice/".length()));
        Status post = atoll.app().core.statuses.byId(postId).orElseThrow();
        InteractionPolicy policy = atoll.app().core.interactionPolicies.policyOf(post);
        assertThat(policy.canReply().manual()).containsExactly(InteractionPolicy.PUBLIC);
        assertThat(policy.canReply().automatic()).contains(InteractionPolicy.AUTHOR).doesNotContain(InteractionPolicy.PUBLIC);

        // bob replies: held for alice
        var posted = atoll.app().core.posting.post(bob.id(), new NewStatus("@alice may I add something?", null, null, null, postId, "en",
                null, List.of(), null, null, null));
        Status reply = ((PostStatusService.Published) posted).status();
        assertThat(reply.pendingApproval()).isTrue();

        browser.open("/notifications");
        browser.find("a[href='/interaction_requests']").click();
        browser.waitUntil(15, d -> browser.path().equals("/interaction_requests"));
        browser.await(".interaction-request", 10);
        assertThat(browser.find(".interaction-request").getText()).contains("may I add something?").contains("@bob")
                .contains("Pending approval");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("interaction-requests");
        browser.size(WebBrowser.PHONE);
        try {
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("interaction-requests-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }

        browser.find(".interaction-request > .request-actions button:not(.secondary)").click();
        assertThat(browser.awaitText(".request-actions.done", 10)).isEqualTo("Approved.");
        assertThat(atoll.app().core.statuses.byId(reply.id()).orElseThrow().pendingApproval()).isFalse();
        browser.open("/interaction_requests");
        assertThat(browser.awaitText(".feed-empty", 10)).contains("Nothing is waiting");
    }

    @Test
    void theDefaultPolicyIsEditedInTheSettingsAndNewPostsGetIt() {
        Account carol = seed.user("carol");
        browser.signIn("carol");
        browser.open("/settings/interactions");
        browser.await("#public-reply", 10);
        // GoToSocial's defaults read as the presets they amount to
        assertThat(new Select(browser.find("#public-reply")).getFirstSelectedOption().getAttribute("value")).isEqualTo("anyone");
        assertThat(new Select(browser.find("#private-boost")).getFirstSelectedOption().getAttribute("value")).isEqualTo("nobody");
        assertThat(new Select(browser.find("#direct-like")).getFirstSelectedOption().getAttribute("value")).isEqualTo("anyone");
        assertThat(browser.accessibilityViolations()).isEmpty();
        // a forged form (no CSRF token) changes nothing
        Object status = browser.js("return fetch('/settings/interactions', {method: 'POST', headers: {'Content-Type': "
                + "'application/x-www-form-urlencoded'}, body: 'public_reply=mentioned'}).then(r => r.status)");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(atoll.app().core.interactionPolicies.defaults(carol.id()).get(Visibility.PUBLIC).canReply().automatic())
                .containsExactly(InteractionPolicy.PUBLIC);

        new Select(browser.find("#public-reply")).selectByValue("approval");
        new Select(browser.find("#public-boost")).selectByValue("nobody");
        new Select(browser.find("#private-like")).selectByValue("approval");
        browser.find(".settings-form button[type=submit]").click();
        assertThat(browser.awaitText(".notice", 10)).isEqualTo("Your interaction settings were saved.");
        assertThat(new Select(browser.find("#public-reply")).getFirstSelectedOption().getAttribute("value")).isEqualTo("approval");
        assertThat(new Select(browser.find("#public-boost")).getFirstSelectedOption().getAttribute("value")).isEqualTo("nobody");
        assertThat(new Select(browser.find("#private-like")).getFirstSelectedOption().getAttribute("value")).isEqualTo("approval");
        assertThat(new Select(browser.find("#unlisted-reply")).getFirstSelectedOption().getAttribute("value")).isEqualTo("anyone");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("settings-interactions");
        browser.size(WebBrowser.PHONE);
        try {
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("settings-interactions-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }

        // saved through the service the API's PATCH uses: the API reads it back
        var defaults = atoll.app().core.interactionPolicies.defaults(carol.id());
        InteractionPolicy pub = defaults.get(Visibility.PUBLIC);
        // mentioned accounts may always reply (GoToSocial's check adds them)
        assertThat(pub.canReply().automatic()).containsExactlyInAnyOrder(InteractionPolicy.AUTHOR, InteractionPolicy.MENTIONED);
        assertThat(pub.canReply().manual()).containsExactly(InteractionPolicy.PUBLIC);
        assertThat(pub.canReblog().automatic()).containsExactly(InteractionPolicy.AUTHOR);
        assertThat(defaults.get(Visibility.PRIVATE).canFavourite().manual())
                .containsExactlyInAnyOrder(InteractionPolicy.FOLLOWERS, InteractionPolicy.MENTIONED);
        assertThat(defaults.get(Visibility.UNLISTED)).isEqualTo(InteractionPolicy.defaultFor(Visibility.UNLISTED));

        // the composer's "as in my settings" gives a new public post the saved default
        browser.open("/compose");
        browser.await("#compose-text", 10);
        browser.find("#compose-text").sendKeys("Defaults from my settings");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@carol/"));
        long postId = Long.parseLong(browser.path().substring("/@carol/".length()));
        InteractionPolicy policy = atoll.app().core.interactionPolicies.policyOf(atoll.app().core.statuses.byId(postId).orElseThrow());
        assertThat(policy.canReply().manual()).containsExactly(InteractionPolicy.PUBLIC);
        assertThat(policy.canReblog().automatic()).containsExactly(InteractionPolicy.AUTHOR);
    }

    @Test
    void theComposerKeepsItsChoicesWhenThePostIsRefused() {
        seed.user("dave");
        browser.signIn("dave");
        browser.open("/compose");
        browser.await("#compose-text", 10);
        browser.find("details.compose-interactions summary").click();
        new Select(browser.find("#compose-int-reply")).selectByValue("mentioned");
        new Select(browser.find("#compose-int-boost")).selectByValue("nobody");
        new Select(browser.find("#compose-int-like")).selectByValue("approval");
        // nothing written: refused, and the form comes back
        browser.find("[data-submit]").click();
        browser.await("#compose-error", 10);
        assertThat(browser.find("details.compose-interactions").getAttribute("open")).isNotNull();
        assertThat(new Select(browser.find("#compose-int-reply")).getFirstSelectedOption().getAttribute("value")).isEqualTo("mentioned");
        assertThat(new Select(browser.find("#compose-int-boost")).getFirstSelectedOption().getAttribute("value")).isEqualTo("nobody");
        assertThat(new Select(browser.find("#compose-int-like")).getFirstSelectedOption().getAttribute("value")).isEqualTo("approval");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.find("#compose-text").sendKeys("Only the people I name may answer");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@dave/"));
        long postId = Long.parseLong(browser.path().substring("/@dave/".length()));
        InteractionPolicy policy = atoll.app().core.interactionPolicies.policyOf(atoll.app().core.statuses.byId(postId).orElseThrow());
        assertThat(policy.canReply().automatic()).containsExactlyInAnyOrder(InteractionPolicy.AUTHOR, InteractionPolicy.MENTIONED);
        assertThat(policy.canReblog().automatic()).containsExactly(InteractionPolicy.AUTHOR);
        assertThat(policy.canFavourite().manual()).containsExactly(InteractionPolicy.PUBLIC);
    }
}
