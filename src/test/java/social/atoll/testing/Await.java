package social.atoll.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.WebDriverException;

/** Waits for something asynchronous (a job, a delivery, a page) to become true; fails with a message after a generous limit. */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) { until(what, Duration.ofSeconds(30), condition); }

    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        WebDriverException lastBrowserError = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (WebDriverException e) {
                // A browser condition can read an element of the page being left (stale element, missing node)
                // while a navigation is under way: that is "not yet", not a failure.
                lastBrowserError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError timedOut = new AssertionError("timed out waiting until " + what);
                if (lastBrowserError != null) timedOut.addSuppressed(lastBrowserError);
                throw timedOut;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
