package social.atoll.web.view;

import java.util.List;

/**
 * A post's page ({@code /@name/id}): the post in detail, the thread around it (what the reader may see), and its
 * earlier versions when it was edited (oldest first, as Mastodon lists them).
 */
public record StatusPageView(StatusCard status, List<StatusCard> ancestors, List<StatusCard> descendants, List<Version> versions) {

    /** One version of an edited post; {@code contentHtml} is server-made or sanitized HTML. */
    public record Version(String createdAt, String createdAtFull, String spoilerText, String contentHtml, boolean sensitive) {}
}
