package social.atoll.core.poll;

import java.util.HashSet;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;

/** Mastodon's poll validation, with the limits the instance document publishes. */
public final class PollRules {
    private PollRules() {}

    public static void check(NewPoll p) {
        if (p.options().size() < 2) throw new ValidationException("Poll options must have more than one item");
        if (p.options().size() > InstanceLimits.POLL_MAX_OPTIONS)
            throw new ValidationException("Poll options can't contain more than " + InstanceLimits.POLL_MAX_OPTIONS + " items");
        for (String o : p.options()) {
            if (o.codePointCount(0, o.length()) > InstanceLimits.POLL_MAX_CHARACTERS_PER_OPTION)
                throw new ValidationException("Poll options cannot be longer than " + InstanceLimits.POLL_MAX_CHARACTERS_PER_OPTION + " characters each");
        }
        if (new HashSet<>(p.options().stream().map(String::strip).toList()).size() < p.options().size())
            throw new ValidationException("Poll options contain duplicate items");
        if (p.expiresIn() == null || p.expiresIn() < InstanceLimits.POLL_MIN_EXPIRATION)
            throw new ValidationException("Poll expires at is too soon");
        if (p.expiresIn() > InstanceLimits.POLL_MAX_EXPIRATION)
            throw new ValidationException("Poll expires at is too far into the future");
    }
}
