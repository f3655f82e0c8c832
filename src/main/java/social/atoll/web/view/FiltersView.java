package social.atoll.web.view;

import java.util.List;

/**
 * The reader's content filters ({@code /filters}) and the form that makes or edits one. A form keeps what was typed
 * when the change is refused ({@code error}).
 */
public final class FiltersView {
    private FiltersView() {}

    /** A filter in the list: where it applies, what it does, until when, which words. */
    public record Row(String id, String title, List<String> contexts, String action, String expires, boolean expired, List<String> keywords) {}

    public record Index(List<Row> filters) {}

    /** A keyword row of the form; {@code id} is null for a new one. */
    public record Keyword(String id, String keyword, boolean wholeWord) {}

    /** {@code id} null: a new filter. {@code expires} describes the current expiry (editing) or is null. */
    public record Form(String id, String title, List<String> contexts, String action, String expires, List<Keyword> keywords,
                       String error) {
        public boolean creating() { return id == null; }

        public boolean has(String context) { return contexts.contains(context); }
    }

    /** The contexts a filter applies in, and the expiry choices (seconds; "" never), in the form's order. */
    public static final List<String> CONTEXTS = List.of("home", "notifications", "public", "thread", "account");
    public static final List<String> EXPIRIES = List.of("", "1800", "3600", "21600", "43200", "86400", "604800");
}
