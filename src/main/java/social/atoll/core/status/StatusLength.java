package social.atoll.core.status;

import java.text.BreakIterator;

/**
 * How long a post is by Mastodon's rule: user-perceived characters (grapheme clusters) of the content warning plus
 * the text, where every link counts as 23 characters, whatever its length, and a mention of a remote account counts
 * only its {@code @username} part (when its domain could be one: {@code @a@b.b.b.…} counts in full).
 *
 * <p>Two limits Mastodon lacks close the ways around the count: a grapheme cluster counts one character per
 * {@value #CLUSTER_CODE_POINTS} code points started (the longest emoji ZWJ sequences have 10; thirty thousand emoji
 * joined by zero-width joiners are one cluster to Unicode, but not one character here), and a post is refused from
 * its raw length before any parsing when it could not fit whatever it held ({@link #rawLimit}).
 */
public final class StatusLength {

    static final int URL_WEIGHT = 23;
    static final int CLUSTER_CODE_POINTS = 10;
    /** UTF-16 units per allowed character: 500 emoji kisses with skin tones (15 each) fit, as do 21 links of 400. */
    static final int RAW_UNITS_PER_CHAR = 20;

    private StatusLength() {}

    /** The most UTF-16 units of text and content warning worth parsing for a limit of {@code maxChars}. */
    static long rawLimit(int maxChars) { return (long) maxChars * RAW_UNITS_PER_CHAR; }

    public static int of(String text, String spoilerText) {
        StringBuilder countable = new StringBuilder(spoilerText == null ? "" : spoilerText);
        if (text != null && !text.isBlank()) {
            int at = 0;
            for (TextFormatter.Entity e : TextFormatter.entities(text)) {
                countable.append(text, at, e.start());
                switch (e.kind()) {
                    case URL -> countable.append("x".repeat(URL_WEIGHT));
                    case MENTION -> countable.append('@').append(e.username());
                    case HASHTAG -> countable.append(text, e.start(), e.end());
                }
                at = e.end();
            }
            countable.append(text.substring(at));
        }
        return graphemes(countable.toString());
    }

    private static int graphemes(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(s);
        int n = 0;
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int codePoints = s.codePointCount(start, end);
            n += (codePoints + CLUSTER_CODE_POINTS - 1) / CLUSTER_CODE_POINTS;
        }
        return n;
    }
}
