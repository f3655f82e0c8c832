package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import social.atoll.core.account.Account;
import social.atoll.core.notification.NotificationPolicy;
import social.atoll.core.status.Visibility;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * Filtered notifications in a real browser: the notifications page links to them, the requests page lists each
 * sender with Accept and Dismiss, one request shows its mentions; the notification settings set the policy and the
 * mail choices; CSRF refusals; accessibility on desktop and phone.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class NotificationRequestsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    private void accessible(String name) {
        browser.size(WebBrowser.DESKTOP);
        assertThat(browser.accessibilityViolations()).as(name).isEmpty();
        browser.screenshot(name + "-desktop");
        browser.size(WebBrowser.PHONE);
        try {
            assertThat(browser.scrollsSideways()).as(name + " on a phone").isFalse();
            assertThat(browser.accessibilityViolations()).as(name + " on a phone").isEmpty();
            browser.screenshot(name + "-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    @Test
    void filteredMentionsAreReviewedAcceptedAndDismissed() {
        Account nina = seed.user("nina");
        Account olaf = seed.user("olaf");
        Account pia = seed.user("pia");
        seed.post(olaf, "@nina a quiet word about the boat", null, Visibility.DIRECT);
        seed.post(olaf, "@nina and another one", null, Visibility.DIRECT);
        seed.post(pia, "@nina selling shells, cheap", null, Visibility.DIRECT);

        browser.signIn("nina");
        browser.open("/notifications");
        assertThat(browser.find(".feed").getText()).doesNotContain("quiet word");
        var link = browser.find(".filtered-link:not(.interaction-requests-link) a");
        assertThat(link.getText()).isEqualTo("3 filtered notifications");
        link.click();
        browser.await(".filtered-intro", 15);
        assertThat(browser.path()).isEqualTo("/notifications/requests");
        assertThat(browser.find("h1").getText()).isEqualTo("Filtered notifications");
        var rows = browser.all(".filtered-requests .person");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("@pia").contains("1 filtered mention");
        assertThat(rows.get(1).getText()).contains("@olaf").contains("2 filtered mentions");
        accessible("notification-requests");

        // one request: its mentions
        rows.get(1).findElement(By.cssSelector("a.who")).click();
        browser.await(".filtered-one", 15);
        assertThat(browser.find("h1").getText()).isEqualTo("Filtered notifications from olaf");
        assertThat(browser.find(".feed").getText()).contains("a quiet word about the boat").contains("and another one");
        accessible("notification-request");
        // accept it there: the mentions join the notifications
        browser.find(".filtered-one form[action$='/accept'] button").click();
        assertThat(browser.awaitText(".filtered-one .request-actions.done", 10)).contains("Accepted");
        browser.open("/notifications");
        assertThat(browser.find(".feed").getText()).contains("a quiet word about the boat");
        assertThat(browser.find(".filtered-link:not(.interaction-requests-link) a").getText()).isEqualTo("1 filtered notification");

        // dismiss pia's from the list
        browser.open("/notifications/requests");
        browser.find(".filtered-requests form[action$='/dismiss'] button").click();
        assertThat(browser.awaitText(".filtered-requests .request-actions.done", 10)).contains("Dismissed");
        browser.open("/notifications/requests");
        assertThat(browser.find(".empty").getText()).isEqualTo("Nothing is waiting.");
        browser.open("/notifications");
        assertThat(browser.all(".filtered-link:not(.interaction-requests-link)")).isEmpty();
        assertThat(browser.find(".feed").getText()).doesNotContain("selling shells");
    }

    @Test
    void thePolicyAndTheMailsAreSetInSettings() {
        Account quinn = seed.user("quinn");
        browser.signIn("quinn");
        browser.open("/settings/notifications");
        assertThat(browser.find(".settings-nav a[aria-current=page]").getText()).isEqualTo("Notifications");
        assertThat(browser.find("input[name=for_private_mentions][value=filter]").isSelected()).isTrue();
        assertThat(browser.find("input[name=for_not_following][value=accept]").isSelected()).isTrue();
        assertThat(browser.find("input[name=mail_mention]").isSelected()).isTrue();
        accessible("notification-settings");

        browser.find("input[name=for_not_following][value=filter]").click();
        browser.find("input[name=for_new_accounts][value=drop]").click();
        browser.find("input[name=mail_follow]").click();
        browser.find(".settings-form button[type=submit]").click();
        assertThat(browser.awaitText(".notice", 15)).isEqualTo("Your notification settings are saved.");
        assertThat(browser.find("input[name=for_not_following][value=filter]").isSelected()).isTrue();
        assertThat(browser.find("input[name=mail_follow]").isSelected()).isFalse();

        NotificationPolicy p = atoll.app().core.notificationRequests.policy(quinn.id());
        assertThat(p.forNotFollowing()).isEqualTo(NotificationPolicy.Action.FILTER);
        assertThat(p.forNewAccounts()).isEqualTo(NotificationPolicy.Action.DROP);
        assertThat(p.forPrivateMentions()).isEqualTo(NotificationPolicy.Action.FILTER);
        var mail = atoll.app().core.notificationRequests.mailChoices(quinn.id());
        assertThat(mail.follow()).isFalse();
        assertThat(mail.mention()).isTrue();
    }

    @Test
    void changesNeedTheFormToken() {
        Account rita = seed.user("rita");
        Account sam = seed.user("sam");
        seed.post(sam, "@rita hi there", null, Visibility.DIRECT);
        long request = atoll.app().core.notificationRequests.page(rita.id(), social.atoll.core.common.IdRange.newest(5)).getFirst().id();
        browser.signIn("rita");
        browser.open("/notifications/requests");
        String cookie = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        for (String path : java.util.List.of("/web/notification_requests/" + request + "/accept", "/web/notification_requests/" + request + "/dismiss",
                "/settings/notifications")) {
            var r = atoll.http().send("POST", path, null, "csrf=wrong&for_not_following=drop", "application/x-www-form-urlencoded",
                    Map.of("Cookie", cookie));
            assertThat(r.status()).as(path).isEqualTo(403);
        }
        assertThat(atoll.app().core.notificationRequests.page(rita.id(), social.atoll.core.common.IdRange.newest(5))).hasSize(1);
        assertThat(atoll.app().core.notificationRequests.policy(rita.id())).isEqualTo(NotificationPolicy.DEFAULTS);
        // another account's request, or none, is not found
        Account tom = seed.user("tom");
        seed.post(sam, "@tom hello", null, Visibility.DIRECT);
        long toms = atoll.app().core.notificationRequests.page(tom.id(), social.atoll.core.common.IdRange.newest(5)).getFirst().id();
        assertThat(atoll.http().send("GET", "/notifications/requests/" + toms, null, null, null, Map.of("Cookie", cookie)).status()).isEqualTo(404);
        assertThat(atoll.http().send("GET", "/notifications/requests/" + request, null, null, null, Map.of("Cookie", cookie)).status()).isEqualTo(200);
    }
}
