package social.atoll.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} driven by its {@code chromium-driver}; nothing is downloaded)
 * for the web pages' tests, with the checks every page gets: axe-core's WCAG 2.2 AA rules, no horizontal scrolling
 * on a phone, and a screenshot to look at. Start one per test class; it is slow to start and cheap to reuse.
 */
public final class WebBrowser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("atoll.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("atoll.test.chromium", "/usr/bin/chromium"));

    private final ChromeDriver driver;
    private final String baseUrl;

    public WebBrowser(String baseUrl) {
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu-sandbox",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--lang=en-US", "--force-prefers-reduced-motion",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        this.baseUrl = baseUrl;
    }

    public WebDriver driver() { return driver; }

    public void open(String path) { driver.get(baseUrl + path); }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    public WebElement find(String css) { return driver.findElement(By.cssSelector(css)); }

    public List<WebElement> all(String css) { return driver.findElements(By.cssSelector(css)); }

    /**
     * Waits (up to {@code seconds}) until an element matches; the waiting is for the page, nothing is asserted on time.
     * An element found on the page being left goes with it before it is read (stale, or Chrome's "node does not
     * belong to the document"): then it looks again.
     */
    public WebElement await(String css, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> {
            try {
                var found = d.findElements(By.cssSelector(css));
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            } catch (org.openqa.selenium.WebDriverException e) {
                return null;
            }
        });
    }

    /** The text of the first shown element that matches, once there is one (read inside the wait, so never stale). */
    public String awaitText(String css, int seconds) {
        return waitUntil(seconds, d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0).getText();
        });
    }

    /**
     * Waits (up to {@code seconds}) until {@code condition} holds; a browser error while it is read (an element of the
     * page being left, mid-navigation) counts as "not yet".
     */
    public <T> T waitUntil(int seconds, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(condition::apply);
    }

    /** Signs in through the sign-in page as a user made by {@code TestInstance.createUser(username)}. */
    public void signIn(String username) {
        driver.manage().deleteAllCookies();
        open("/auth/sign_in");
        find("#email").sendKeys(username);
        find("#password").sendKeys("password-" + username);
        find("form[action='/auth/sign_in'] button[type=submit]").click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !path().startsWith("/auth/sign_in"));
    }

    public void size(Dimension d) { driver.manage().window().setSize(d); }

    public Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /** True when the page is wider than the window (it would scroll sideways). */
    public boolean scrollsSideways() {
        return (Boolean) js("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }

    /**
     * Runs axe-core on the page with the WCAG 2.0-2.2 A and AA rules and returns the serious and critical
     * violations, each as "rule: target… (help)".
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        if (!(Boolean) js("return typeof window.axe !== 'undefined';")) js(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({ id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))
                  .catch(e => done([{ id: 'axe-error', help: String(e), targets: [] }]));
                """);
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) o;
            out.add(v.get("id") + ": " + v.get("targets") + " (" + v.get("help") + ")");
        }
        return out;
    }

    /** Saves a PNG of the window, under {@code target/screenshots/} unless the path is absolute. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("atoll.test.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeCache;

    private static synchronized String axeSource() {
        if (axeCache == null) {
            try {
                axeCache = Files.readString(NodeProject.install("axe").module("axe-core/axe.min.js"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeCache;
    }

    @Override
    public void close() { driver.quit(); }
}
