package social.atoll.core.media;

import social.atoll.infra.db.JsonColumns;

/**
 * What Atoll knows of an attachment's files, kept in the {@code meta} column: the sizes of the original and of its
 * preview, a video's or audio's timing, and the focal point. The API turns it into Mastodon's {@code meta} object.
 *
 * @param original the file itself; null until it is known
 * @param small the preview picture; null when there is none
 * @param focus the focal point; null when none was set
 * @param filter the name of the photo filter baked into the file before it was uploaded ({@link PhotoFilter}); null
 *               for none
 */
public record MediaMeta(Size original, Size small, Focus focus, String filter) {

    public static final MediaMeta NONE = new MediaMeta(null, null, null, null);

    /** Meta of a file no filter was applied to. */
    public MediaMeta(Size original, Size small, Focus focus) { this(original, small, focus, null); }

    /**
     * The size and timing of one file; a component is null when it does not apply (an audio file has no width).
     *
     * @param frameRate a video's frames per second as a fraction, e.g. {@code 30000/1001}
     * @param duration seconds
     * @param bitrate bits per second
     */
    public record Size(Integer width, Integer height, String frameRate, Double duration, Long bitrate) {
        public static Size of(int width, int height) { return new Size(width, height, null, null, null); }
    }

    public MediaMeta withOriginal(Size s) { return new MediaMeta(s, small, focus, filter); }

    public MediaMeta withSmall(Size s) { return new MediaMeta(original, s, focus, filter); }

    public MediaMeta withFocus(Focus f) { return new MediaMeta(original, small, f, filter); }

    public MediaMeta withFilter(String name) { return new MediaMeta(original, small, focus, name); }

    /** The {@code meta} column; {@link #NONE} when it is empty or unreadable (a broken column must not hide the file). */
    public static MediaMeta read(JsonColumns json, String column) {
        try {
            MediaMeta m = json.read(column, MediaMeta.class);
            return m == null ? NONE : m;
        } catch (JsonColumns.JsonColumnException e) {
            return NONE;
        }
    }

    /** The {@code meta} column's text. */
    public String write(JsonColumns json) { return json.write(this); }
}
