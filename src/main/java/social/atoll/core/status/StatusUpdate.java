package social.atoll.core.status;

import social.atoll.core.poll.NewPoll;

/**
 * An edit as Mastodon's {@code PUT /api/v1/statuses/:id} takes it: the new text, content warning and sensitivity
 * replace the old ones (absent means empty/false), the language is kept when not given, and the poll given replaces
 * the old one (none removes it).
 */
public record StatusUpdate(String text, String spoilerText, Boolean sensitive, String language, NewPoll poll) {}
