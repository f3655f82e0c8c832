package social.atoll.infra.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        volatile long millis;

        ManualClock(long millis) { this.millis = millis; }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }

        @Override public long millis() { return millis; }
    }

    @Test
    void idsAreStrictlyIncreasing() {
        IdGenerator ids = new IdGenerator();
        long last = ids.next();
        for (int i = 0; i < 200_000; i++) {
            long next = ids.next();
            assertThat(next).isGreaterThan(last);
            last = next;
        }
    }

    @Test
    void idsCarryTheirCreationTime() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        IdGenerator ids = new IdGenerator(clock);
        long early = ids.next();
        clock.millis += 5;
        long later = ids.next();
        assertThat(IdGenerator.timeOf(early)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(IdGenerator.timeOf(later)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_005L));
        assertThat(early).isLessThan(later);
        assertThat(IdGenerator.lowestAt(Instant.ofEpochMilli(1_700_000_000_005L))).isLessThanOrEqualTo(later).isGreaterThan(early);
        assertThat(ids.forTime(Instant.ofEpochMilli(1_600_000_000_000L))).isLessThan(early);
    }

    @Test
    void aClockGoingBackwardsDoesNotBreakTheOrder() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        IdGenerator ids = new IdGenerator(clock);
        long before = ids.next();
        clock.millis -= 1000;
        long after = ids.next();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void manyIdsInOneMillisecondStayUniqueAndOrdered() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        IdGenerator ids = new IdGenerator(clock);
        long last = ids.next();
        for (int i = 0; i < 100_000; i++) { // more than one millisecond's sequence space
            long next = ids.next();
            assertThat(next).isGreaterThan(last);
            last = next;
        }
    }

    @Test
    void idsAreUniqueUnderConcurrency() throws InterruptedException {
        IdGenerator ids = new IdGenerator();
        int threads = 8;
        int perThread = 25_000;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Boolean> ordered = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long last = Long.MIN_VALUE;
                boolean inOrder = true;
                for (int i = 0; i < perThread; i++) {
                    long id = ids.next();
                    seen.add(id);
                    inOrder &= id > last;
                    last = id;
                }
                synchronized (ordered) {
                    ordered.add(inOrder);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) w.join();
        assertThat(seen).hasSize(threads * perThread);
        assertThat(ordered).hasSize(threads).containsOnly(true);
    }
}
