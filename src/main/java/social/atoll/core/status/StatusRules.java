package social.atoll.core.status;

import java.util.Locale;
import java.util.regex.Pattern;
import social.atoll.core.common.UserText;
import social.atoll.core.common.ValidationException;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.poll.PollRules;

/** The rules of a status's content that posting, publishing a scheduled status and editing share, in Mastodon's words. */
final class StatusRules {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?");

    private final int maxChars;

    StatusRules(int maxChars) { this.maxChars = maxChars; }

    /** A poll comes alone (Mastodon's wording, without "Validation failed"), and by the poll rules. */
    void checkPoll(NewPoll poll, boolean withMedia) {
        if (poll == null) return;
        if (withMedia) throw ValidationException.bare("Cannot attach more than 4 files.");
        PollRules.check(poll);
    }

    /** Text is required unless media come with it, and text plus content warning stay within the limit. */
    void checkText(String text, String spoiler, boolean withMedia) {
        // the raw length first: nothing is parsed of a post that could not fit whatever it held
        if ((long) text.length() + spoiler.length() > StatusLength.rawLimit(maxChars))
            throw new ValidationException("Text character limit of " + maxChars + " exceeded");
        if (text.isBlank() && !withMedia) throw new ValidationException("Text can't be blank");
        if (StatusLength.of(text, spoiler) > maxChars)
            throw new ValidationException("Text character limit of " + maxChars + " exceeded");
    }

    /** The language asked for when it looks like a language tag (lower-cased), else {@code fallback}. */
    static String language(String requested, String fallback) {
        return requested != null && LANGUAGE.matcher(requested).matches() ? requested.toLowerCase(Locale.ROOT) : fallback;
    }

    /** The text as stored: without control characters other than line breaks and tabs (NUL above all). */
    static String text(String text) { return text == null ? "" : UserText.multiLine(text); }

    static String spoiler(String spoiler) { return spoiler == null ? "" : UserText.multiLine(spoiler).strip(); }
}
