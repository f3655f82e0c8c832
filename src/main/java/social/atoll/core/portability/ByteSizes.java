package social.atoll.core.portability;

import java.util.Locale;

/** A number of bytes for people, as GoToSocial's {@code media_storage} writes it ("2.5MiB"). */
public final class ByteSizes {

    private ByteSizes() {}

    public static String human(long bytes) {
        if (bytes < 1024) return bytes + "B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v) + units[u];
    }
}
