package social.atoll.infra.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * 64-bit time-sortable ids in Mastodon's layout: the upper 48 bits are the Unix time in milliseconds, the lower
 * 16 bits a sequence. Ordering by id is ordering by creation time, and {@code max_id}/{@code min_id} paging
 * works on them directly. The sequence starts at a random point each millisecond so that ids do not reveal how
 * many objects were created, and several nodes rarely produce the same id (the primary key catches the rest).
 */
public final class IdGenerator {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int sequence;
    private int produced;

    public IdGenerator(Clock clock) { this.clock = clock; }

    public IdGenerator() { this(Clock.systemUTC()); }

    public synchronized long next() {
        long now = clock.millis();
        if (now < lastMillis) now = lastMillis; // the clock went back: stay monotonic
        if (now != lastMillis) {
            lastMillis = now;
            sequence = random.nextInt(1 << 15); // leave room for at least 32k ids in this millisecond
            produced = 0;
        } else if (++produced >= (1 << 15)) {
            lastMillis = ++now;
            sequence = random.nextInt(1 << 15);
            produced = 0;
        }
        return (now << 16) | ((sequence + produced) & 0xFFFF);
    }

    /** An id for an object created at {@code time} (remote or back-filled objects keep their own order). */
    public long forTime(Instant time) {
        long ms = Math.min(time.toEpochMilli(), clock.millis());
        return (Math.max(ms, 0) << 16) | random.nextInt(1 << 16);
    }

    /** The smallest id that could have been made at {@code time}; used to turn dates into paging bounds. */
    public static long lowestAt(Instant time) { return time.toEpochMilli() << 16; }

    public static Instant timeOf(long id) { return Instant.ofEpochMilli(id >>> 16); }
}
