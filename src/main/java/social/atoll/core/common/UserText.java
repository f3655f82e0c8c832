package social.atoll.core.common;

/**
 * Text typed by a person, made fit to store: control characters are removed (NUL above all, which PostgreSQL
 * refuses in text and which hides text from whoever reads it; the other C0 controls, DEL and the C1 controls, which
 * no client shows and some terminals and logs obey). Line breaks and tabs stay in text that may hold them (posts,
 * bios, comments); a one-line text (a name, a title, a keyword) has them turned into spaces. Every service that
 * stores such text passes it through here, whichever door it came through (API, web form, import).
 */
public final class UserText {

    private UserText() {}

    /** Multi-line text without control characters other than tab and line breaks; null stays null. */
    public static String multiLine(String s) { return clean(s, false); }

    /** One-line text: line breaks and tabs become spaces, other control characters go; null stays null. */
    public static String oneLine(String s) { return clean(s, true); }

    private static String clean(String s, boolean oneLine) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && keep(s.charAt(i), oneLine) && !(oneLine && isBreak(s.charAt(i)))) i++;
        if (i == s.length()) return s;
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (oneLine && isBreak(c)) out.append(' ');
            else if (keep(c, oneLine)) out.append(c);
        }
        return out.toString();
    }

    private static boolean isBreak(char c) { return c == '\n' || c == '\r' || c == '\t'; }

    private static boolean keep(char c, boolean oneLine) {
        if (isBreak(c)) return true;
        return !(c < 0x20 || (c >= 0x7F && c <= 0x9F));
    }
}
