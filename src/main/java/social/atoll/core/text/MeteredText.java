package social.atoll.core.text;

/**
 * Text that counts every character read from it against a budget, and gives up when the budget is spent. Regular
 * expressions read their input only through {@link CharSequence#charAt}, so the count is the work a pattern did,
 * backtracking included: a pattern that backtracks without end on some input ({@code http://a.a.a.…} in
 * twitter-text's URL pattern) stops at its budget instead of holding a core for minutes. The count does not depend on
 * the machine or its load, so tests can assert on it. Sub-sequences share the meter of the text they came from.
 */
public final class MeteredText implements CharSequence {

    /** The work done so far and the most that may be done. */
    public static final class Meter {
        private final long limit;
        private long used;

        public Meter(long limit) { this.limit = limit; }

        /** A meter that only counts. */
        public static Meter unlimited() { return new Meter(Long.MAX_VALUE); }

        public long used() { return used; }

        void spend(long n) {
            used += n;
            if (used > limit) throw Exhausted.INSTANCE;
        }
    }

    /** The budget is spent: what was being looked for is taken as not found. */
    public static final class Exhausted extends RuntimeException {
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() { super("text budget exhausted", null, false, false); }
    }

    private final CharSequence base;
    private final int offset;
    private final int length;
    private final Meter meter;

    public MeteredText(CharSequence base, Meter meter) { this(base, 0, base.length(), meter); }

    private MeteredText(CharSequence base, int offset, int length, Meter meter) {
        this.base = base;
        this.offset = offset;
        this.length = length;
        this.meter = meter;
    }

    public Meter meter() { return meter; }

    @Override public int length() { return length; }

    @Override public char charAt(int index) {
        if (index < 0 || index >= length) throw new IndexOutOfBoundsException(index);
        meter.spend(1);
        return base.charAt(offset + index);
    }

    @Override public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) throw new IndexOutOfBoundsException(start);
        return new MeteredText(base, offset + start, end - start, meter);
    }

    /** Copying out reads every character once. */
    @Override public String toString() {
        meter.spend(length);
        return base.subSequence(offset, offset + length).toString();
    }
}
