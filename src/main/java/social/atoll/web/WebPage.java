package social.atoll.web;

/**
 * What the layout of every page needs besides the page's own content: the texts, who is signed in, the CSRF token
 * for forms and htmx requests, the theme, which navigation entry is current, and what goes into {@code <head>} for
 * link previews, feeds and search engines.
 */
public record WebPage(Messages messages, Assets assets, String instance, String baseUrl, Me me, String csrf, String theme,
                      String nav, Head head, String path) {

    /**
     * The signed-in person, as the navigation shows them, with the reading preferences posts follow: content
     * warnings open, GIFs playing by themselves.
     */
    public record Me(String id, String username, String displayName, String avatar, boolean staff, boolean expandSpoilers,
                     boolean autoplayGifs) {}

    /**
     * {@code <head>} details: the canonical URL, a description and image for link previews (OpenGraph, Twitter
     * cards), an RSS feed and an ActivityPub alternate to advertise, and whether search engines should stay away.
     */
    public record Head(String title, String canonical, String description, String image, String ogType, String feed,
                       String activity, boolean noindex) {
        public static Head titled(String title) { return new Head(title, null, null, null, "website", null, null, false); }
    }

    /**
     * Where a plain form on this page leads back to after its POST (the page's own path and query), or null for
     * fragments fetched in the background, whose forms are sent by htmx and swap in place.
     */
    public String returnTo() { return path == null || path.startsWith("/web/") ? null : path; }

    /** The text for {@code key}. */
    public String t(String key) { return messages.get(key); }

    /** The text for {@code key} with arguments. */
    public String t(String key, Object... args) { return messages.get(key, args); }

    public String lang() { return messages.lang(); }

    public String dir() { return messages.dir(); }

    /** The versioned address of a static file. */
    public String asset(String name) { return assets.url(name); }

    public boolean signedIn() { return me != null; }

    /** Content warnings start open (the reader's preference). */
    public boolean expandSpoilers() { return me != null && me.expandSpoilers(); }

    /** GIFs (gifv videos) play by themselves (the reader's preference); otherwise on hover, focus or click. */
    public boolean autoplayGifs() { return me != null && me.autoplayGifs(); }

    /** The {@code hx-headers} value that makes every htmx request carry the CSRF token. */
    public String htmxHeaders() { return "{\"X-CSRF-Token\": \"" + csrf + "\"}"; }

    /** This page with another title (and otherwise the same head). */
    public WebPage titled(String title) {
        Head h = head == null ? Head.titled(title)
                : new Head(title, head.canonical(), head.description(), head.image(), head.ogType(), head.feed(), head.activity(), head.noindex());
        return new WebPage(messages, assets, instance, baseUrl, me, csrf, theme, nav, h, path);
    }

    public WebPage withHead(Head h) { return new WebPage(messages, assets, instance, baseUrl, me, csrf, theme, nav, h, path); }

    public WebPage withNav(String n) { return new WebPage(messages, assets, instance, baseUrl, me, csrf, theme, n, head, path); }

    public String title() { return head == null || head.title() == null ? instance : head.title() + " · " + instance; }
}
