package social.atoll.core.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.atoll.core.common.ValidationException;

/**
 * The name of the photo filter a person applied before uploading, as Pixelfed names them. The filter itself runs
 * in the browser and is baked into the uploaded pixels; the server only keeps its name, so that apps that show it
 * (Pixelfed's {@code filter_name} and {@code filter_class}) can, and refuses names that are not of the set.
 *
 * @param name      as shown, e.g. {@code X-Pro II}
 * @param cssClass  Pixelfed's {@code filter_class}, e.g. {@code filter-xpro2}
 */
public record PhotoFilter(String name, String cssClass) {

    /** Pixelfed's filter set, in its order. */
    public static final List<PhotoFilter> ALL = List.of("1977", "Aden", "Amaro", "Ashby", "Brannan", "Brooklyn", "Charmes",
            "Clarendon", "Crema", "Dogpatch", "Earlybird", "Gingham", "Ginza", "Hefe", "Helena", "Hudson", "Inkwell", "Juno",
            "Kelvin", "Lark", "Lo-Fi", "Ludwig", "Maven", "Mayfair", "Moon", "Nashville", "Perpetua", "Poprocket", "Reyes",
            "Rise", "Sierra", "Skyline", "Slumber", "Stinson", "Sutro", "Toaster", "Valencia", "Vesper", "Walden", "Willow",
            "X-Pro II").stream().map(PhotoFilter::named).toList();

    private static PhotoFilter named(String name) {
        String slug = "X-Pro II".equals(name) ? "xpro2" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return new PhotoFilter(name, "filter-" + slug);
    }

    /**
     * The filter a client named: its name in any case, or its class ({@code filter-inkwell}); empty for none
     * ({@code null}, blank or Pixelfed's "No Filter"). Anything else is refused.
     */
    public static Optional<PhotoFilter> parse(String raw) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        String s = raw.strip();
        if (s.equalsIgnoreCase("No Filter") || s.equalsIgnoreCase("Normal") || s.equalsIgnoreCase("none")) return Optional.empty();
        return Optional.of(find(s).orElseThrow(() ->
                new ValidationException("Filter name '" + (s.length() > 40 ? s.substring(0, 40) : s) + "' is not one of the filters")));
    }

    /** The filter of a stored name; empty for none or for a name no longer in the set (a stored row never fails a page). */
    public static Optional<PhotoFilter> find(String name) {
        if (name == null) return Optional.empty();
        for (PhotoFilter f : ALL) if (f.name.equalsIgnoreCase(name) || f.cssClass.equalsIgnoreCase(name)) return Optional.of(f);
        return Optional.empty();
    }
}
