package social.atoll.core.poll;

import java.util.List;
import social.atoll.core.common.UserText;

/**
 * A poll as a client asks for it ({@code poll[options][]}, {@code poll[expires_in]} in seconds, …); its options are
 * kept on one line and without control characters, whichever door they came through.
 */
public record NewPoll(List<String> options, Long expiresIn, boolean multiple, boolean hideTotals) {

    public NewPoll {
        if (options != null) options = options.stream().map(UserText::oneLine).toList();
    }
}
