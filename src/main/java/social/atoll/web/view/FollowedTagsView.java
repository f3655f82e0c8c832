package social.atoll.web.view;

import java.util.List;

/** The hashtags the reader follows ({@code /followed_tags}), each with an Unfollow button; {@code olderUrl} pages on. */
public record FollowedTagsView(List<String> tags, String olderUrl) {}
