package social.atoll.web.view;

import java.util.List;

/**
 * {@code /discover}: public photo posts as a grid, {@code tab} {@code recent} or {@code popular}; {@code moreUrl} the
 * next page (null: none).
 */
public record DiscoverView(String tab, List<Tile> tiles, String moreUrl) {

    /** One square: the post's first picture, who posted it, an album badge. */
    public record Tile(String permalink, String preview, String description, String blurhash, String author, boolean album) {}
}
