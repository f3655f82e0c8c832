package social.atoll.web.view;

import java.util.List;

/**
 * The "more" page of a post: its address to copy, conversation mute, pin, edit, delete (own posts) and a report
 * form with the server's rules.
 *
 * @param link      the post's public address, to copy
 * @param canPin    own public, unlisted or followers-only original (what PinService accepts)
 * @param canMute   the post is part of a conversation one may mute
 * @param remote    the author is on another server: the report may be forwarded there
 * @param notice    a line to confirm what was just done (report sent), or null
 * @param error     why the last action was refused, or null
 */
public record MoreView(StatusCard status, String link, boolean canPin, boolean canMute, boolean remote, String remoteDomain,
                       List<Rule> rules, String notice, String error, String returnTo) {

    /** One rule of the server, as the report form lists it. */
    public record Rule(String id, String text, String hint) {}
}
