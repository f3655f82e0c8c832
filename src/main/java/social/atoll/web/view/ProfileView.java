package social.atoll.web.view;

/**
 * A public profile page ({@code /@name}). {@code noteHtml} is server-made or sanitized HTML; {@code actorUri} is
 * linked as the page's ActivityPub alternate.
 */
public record ProfileView(String instance, String displayName, String handle, String noteHtml, String actorUri,
                          int statusesCount, int followersCount, int followingCount) {}
