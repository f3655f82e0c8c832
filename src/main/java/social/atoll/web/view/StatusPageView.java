package social.atoll.web.view;

/**
 * A public status page ({@code /@name/id}). {@code contentHtml} is server-made HTML; {@code objectUri} is linked as
 * the page's ActivityPub alternate.
 */
public record StatusPageView(String instance, String displayName, String handle, String profileUrl, String spoilerText,
                             String contentHtml, String objectUri, String published) {}
