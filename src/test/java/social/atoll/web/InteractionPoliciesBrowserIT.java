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
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Interaction policies in a real browser: choosing "anyone, with my approval" for replies in the composer, the held
 * reply shown with its "Pending approval" mark on the requests page, and approving it there. axe-core on each page,
 * desktop and phone.
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
}
