package social.atoll.web.view;

import java.util.List;

/**
 * The composer form, new or editing, as it is shown and as it is re-shown after a refusal (every value kept).
 *
 * @param action      where the form posts ({@code /compose} or {@code /statuses/{id}/edit})
 * @param editing     true for an edit (no visibility, no schedule: Mastodon changes neither on edit)
 * @param compact     the small composer at the top of the home timeline
 * @param replyTo     the post replied to, shown above the form (null: none)
 * @param pollOptions as many entries as the instance allows options (blank ones unused)
 * @param limits      the counting rule the page's script mirrors (the server stays the judge)
 * @param circles     the poster's circles, offered as visibilities ({@code circle:<id>})
 * @param localOnly   keep the post on this server
 * @param quoting     the post quoted, shown above the form (null: none)
 * @param interactions the chosen presets of who may reply, boost and favourite (blank: the account's default)
 */
public record ComposeView(String action, boolean editing, boolean compact, String error, StatusCard replyTo, String inReplyToId,
                          String text, String spoilerText, String visibility, String language, boolean sensitive, String scheduledAt,
                          List<String> pollOptions, long pollExpiresIn, boolean pollMultiple, List<Attachment> media,
                          List<Choice> languages, List<Choice> durations, Limits limits, List<Choice> circles, boolean localOnly,
                          StatusCard quoting, String quotedStatusId, Interactions interactions) {

    /** The composer's interaction-policy presets as chosen ({@code InteractionPolicy.preset}'s names; blank: default). */
    public record Interactions(String reply, String boost, String like) {
        public static final Interactions NONE = new Interactions("", "", "");

        /** Something other than the default was chosen (the section opens to show it). */
        public boolean chosen() { return !reply.isBlank() || !boost.isBlank() || !like.isBlank(); }
    }

    /** An uploaded file waiting in the form, with its alt text and focal point (Mastodon's -1…1, y up). */
    public record Attachment(String id, String type, String preview, String description, String focusX, String focusY) {
        public boolean image() { return "image".equals(type) || "gifv".equals(type); }

        /** The focal point as a CSS position for the marker over the preview. */
        public String focusClass() {
            return "fx" + step(focusX, false) + " fy" + step(focusY, true);
        }

        /** The focal point rounded to tenths of the preview, for a class name (no inline style under the CSP). */
        private static int step(String v, boolean up) {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (RuntimeException e) {
                d = 0;
            }
            double pct = up ? (1 - d) / 2 : (d + 1) / 2;
            return (int) Math.max(0, Math.min(10, Math.round(pct * 10)));
        }
    }

    /** One option of a select: its value and label. */
    public record Choice(String value, String label) {}

    /** The instance's limits for the composer. */
    public record Limits(int maxChars, int urlWeight, int maxMedia, int maxOptions, int maxOptionChars, int descriptionLimit,
                         String accept) {}

    public boolean hasPoll() { return pollOptions.stream().anyMatch(o -> o != null && !o.isBlank()); }

    public boolean hasContentWarning() { return spoilerText != null && !spoilerText.isBlank(); }
}
