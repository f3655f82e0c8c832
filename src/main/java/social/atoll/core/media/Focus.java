package social.atoll.core.media;

import java.util.Locale;
import social.atoll.core.common.ValidationException;

/**
 * A focal point as Mastodon defines it: x from -1 (left) to 1 (right), y from 1 (top) to -1 (bottom).
 */
public record Focus(double x, double y) {

    public static final Focus CENTER = new Focus(0, 0);

    /** Parses {@code "x,y"}; values outside -1…1 are clamped, anything else is refused. */
    public static Focus parse(String s) {
        String[] parts = s.split(",");
        if (parts.length != 2) throw invalid(s);
        try {
            double x = Double.parseDouble(parts[0].trim());
            double y = Double.parseDouble(parts[1].trim());
            if (Double.isNaN(x) || Double.isNaN(y)) throw invalid(s);
            return new Focus(clamp(x), clamp(y));
        } catch (NumberFormatException e) {
            throw invalid(s);
        }
    }

    private static double clamp(double v) { return Math.max(-1, Math.min(1, Math.round(v * 100) / 100.0)); }

    private static ValidationException invalid(String s) {
        return new ValidationException(String.format(Locale.ROOT, "Focus '%s' is not two numbers \"x,y\" between -1.0 and 1.0", s));
    }
}
