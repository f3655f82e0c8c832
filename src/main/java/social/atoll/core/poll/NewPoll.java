package social.atoll.core.poll;

import java.util.List;

/** A poll as a client asks for it ({@code poll[options][]}, {@code poll[expires_in]} in seconds, …). */
public record NewPoll(List<String> options, Long expiresIn, boolean multiple, boolean hideTotals) {}
