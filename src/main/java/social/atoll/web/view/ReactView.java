package social.atoll.web.view;

import java.util.List;

/**
 * The reaction picker of one post (a page, so it works without JavaScript): common Unicode emoji and the server's
 * custom emoji, each a button of a form.
 */
public record ReactView(StatusCard status, List<String> unicode, List<Custom> custom, String returnTo) {

    /** A custom emoji of the picker. */
    public record Custom(String shortcode, String url, String category) {}

    /** The emoji most reactions use (Misskey's and Akkoma's defaults). */
    public static final List<String> COMMON = List.of("👍", "❤️", "😆", "🤔", "😮", "🎉", "😢", "🙏", "🔥", "👀", "✅", "⭐");
}
