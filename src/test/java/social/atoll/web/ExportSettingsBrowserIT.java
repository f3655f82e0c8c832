package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.support.ui.Select;
import social.atoll.core.account.Account;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * {@code /settings/export} in a real browser: CSV downloads, a CSV import with its progress and failed lines, an
 * archive requested and offered for download, an archive imported into another account; accessible on a desktop
 * and a phone; forms without the CSRF token refused.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class ExportSettingsBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private WebSeed seed;
    private Account porter;
    private Account reef;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        seed = new WebSeed(atoll);
        atoll.createUser("porter");
        porter = atoll.app().core.accountQueries.visibleByAcct("porter", null).orElseThrow();
        reef = seed.user("reef");
        seed.user("kelp");
        seed.user("newcomer");
        seed.follow(porter, reef);
        seed.post(porter, "Carried across the water");
        seed.post(porter, "Second crossing", "choppy", social.atoll.core.status.Visibility.UNLISTED);
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    private String cookie() {
        return BrowserSessions.SESSION_COOKIE + "=" + browser.driver().manage().getCookieNamed(BrowserSessions.SESSION_COOKIE).getValue();
    }

    private TestHttp.Response get(String path) { return atoll.http().send("GET", path, null, null, null, Map.of("Cookie", cookie())); }

    private void awaitNotice(String text) {
        Await.until("the notice \"" + text + "\"", () -> {
            try {
                return browser.all("p.notice").stream().anyMatch(e -> e.getText().equals(text));
            } catch (org.openqa.selenium.WebDriverException e) { // stale, or Chrome's "node does not belong to the document" mid-navigation
                return false;
            }
        });
    }

    private boolean textShows(String css, String text) {
        try {
            return browser.all(css).stream().anyMatch(e -> e.getText().contains(text));
        } catch (org.openqa.selenium.WebDriverException e) { // stale, or Chrome's "node does not belong to the document" mid-navigation
            return false;
        }
    }

    @Test
    void csvFilesDownloadAndImportWithProgressAndFailedLines() throws IOException {
        browser.signIn("porter");
        browser.open("/settings/export");
        assertThat(browser.find(".settings-nav a[aria-current=page]").getAttribute("href")).endsWith("/settings/export");
        assertThat(browser.find("a[href='/settings/export/following.csv']").isDisplayed()).isTrue();
        var following = get("/settings/export/following.csv");
        assertThat(following.status()).isEqualTo(200);
        assertThat(following.header("Content-Disposition")).contains("following.csv");
        assertThat(following.body()).isEqualTo("Account address,Show boosts,Notify on new posts,Languages\r\nreef@" + atoll.domain() + ",true,false,\r\n");

        Path csv = Files.createTempFile("following", ".csv");
        Files.writeString(csv, "kelp@" + atoll.domain() + "\nnobody@" + atoll.domain() + "\n");
        new Select(browser.find("#import-type")).selectByValue("following");
        browser.find("#import-data").sendKeys(csv.toString());
        browser.find("form[action='/settings/export/import'] button[type=submit]").click();
        awaitNotice("The import has started. Its progress shows below.");
        // the list refreshes itself while the import runs
        Await.until("the import finishes", () -> textShows(".import-item", "finished"));
        assertThat(browser.find(".import-item").getText()).contains("1 of 2 lines applied, 1 failed");
        browser.find(".import-item details summary").click();
        assertThat(browser.find(".import-failures").getText()).contains("line 2").contains("nobody@" + atoll.domain());
        assertThat(get("/settings/export/following.csv").body()).contains("kelp@" + atoll.domain());
        browser.screenshot("settings-export-csv-import");
        Files.deleteIfExists(csv);

        // a file that is not what it says is refused on the page, the choices kept
        Path bad = Files.createTempFile("bad", ".csv");
        Files.writeString(bad, "\"unclosed\n");
        new Select(browser.find("#import-type")).selectByValue("blocks");
        browser.find("#import-data").sendKeys(bad.toString());
        browser.find("form[action='/settings/export/import'] button[type=submit]").click();
        assertThat(browser.awaitText("p.error", 15)).contains("The file was not imported").contains("quote");
        assertThat(new Select(browser.find("#import-type")).getFirstSelectedOption().getAttribute("value")).isEqualTo("blocks");
        Files.deleteIfExists(bad);
    }

    @Test
    void anArchiveIsOfferedAndImportsIntoAnotherAccount() throws IOException {
        browser.signIn("porter");
        browser.open("/settings/export");
        browser.find("form[action='/settings/export/archive'] button[type=submit]").click();
        awaitNotice("Your archive is being prepared. It shows below when it is ready.");
        Await.until("the archive is ready", () -> textShows(".archive-item", "Ready"));
        String href = browser.find(".archive-item a.button").getAttribute("href");
        var zip = atoll.http().send("GET", href.replace(atoll.baseUrl(), ""), null, null, null, Map.of("Cookie", cookie()));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        browser.screenshot("settings-export-archive");
        // announced among the notifications, with the way to it
        browser.open("/notifications");
        assertThat(browser.awaitText(".n-atoll-archive_ready a[href='/settings/export']", 15)).contains("Download it");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("notifications-archive-ready");
        // someone else's session cannot download it
        assertThat(atoll.http().get(href.replace(atoll.baseUrl(), "")).status()).isEqualTo(302);

        Path file = Files.createTempFile("archive", ".zip");
        long archiveId = Long.parseLong(href.substring(href.lastIndexOf('/') + 1).replace(".zip", ""));
        try (InputStream in = atoll.app().core.archiveExport.open(porter.id(), archiveId); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        browser.signIn("newcomer");
        browser.open("/settings/export");
        browser.find("#archive-file").sendKeys(file.toString());
        browser.find("form[action='/settings/export/archive/import'] button[type=submit]").click();
        awaitNotice("The archive is being imported. Its progress shows below.");
        Await.until("the archive import finishes", () -> textShows(".archive-import-item", "finished"));
        assertThat(browser.find(".archive-import-item").getText()).contains("2 of 2 posts done");
        var newcomer = atoll.app().core.accountQueries.visibleByAcct("newcomer", null).orElseThrow();
        assertThat(atoll.http().get("/api/v1/accounts/" + newcomer.id() + "/statuses").json()).hasSize(2);
        browser.screenshot("settings-export-archive-import");
        Files.deleteIfExists(file);
    }

    @Test
    void thePageIsAccessibleAndFitsAPhone() {
        browser.signIn("porter");
        browser.size(WebBrowser.DESKTOP);
        browser.open("/settings/export");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.screenshot("settings-export-desktop");
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/settings/export");
            assertThat(browser.scrollsSideways()).isFalse();
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.screenshot("settings-export-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    @Test
    void formsWithoutTheTokenAreRefused() {
        browser.signIn("porter");
        for (String path : new String[] {"/settings/export/import", "/settings/export/archive", "/settings/export/archive/import"})
            assertThat(atoll.http().send("POST", path, null, "type=following", "application/x-www-form-urlencoded", Map.of("Cookie", cookie()))
                    .status()).as(path).isEqualTo(403);
        assertThat(atoll.http().get("/settings/export").status()).isEqualTo(302);
        assertThat(atoll.http().get("/settings/export/following.csv").status()).isEqualTo(302);
    }
}
