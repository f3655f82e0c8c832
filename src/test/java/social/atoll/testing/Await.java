package social.atoll.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous (a job, a delivery) to become true; fails with a message after a generous limit. */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) { until(what, Duration.ofSeconds(30), condition); }

    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
