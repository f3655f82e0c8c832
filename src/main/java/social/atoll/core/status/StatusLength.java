package social.atoll.core.status;

import java.text.BreakIterator;

/**
 * How long a post is by Mastodon's rule: user-perceived characters (grapheme clusters) of the content warning plus
 * the text, where every link counts as 23 characters, whatever its length, and a mention of a remote account counts
 * only its {@code @username} part.
 */
public final class StatusLength {

    static final int URL_WEIGHT = 23;

    private StatusLength() {}

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
        while (it.next() != BreakIterator.DONE) n++;
        return n;
    }
}
