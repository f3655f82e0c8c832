package social.atoll.core.streaming;

import java.util.ArrayList;
import java.util.List;

/**
 * What streaming tells every node, as short text for {@code NOTIFY}: ids only, each node reads and renders the rest
 * for its own connected clients. {@link #encode()} and {@link #decode(String)} are exact inverses.
 */
public sealed interface StreamSignal {

    String encode();

    /** A status (or boost) was posted: public, hashtag and list streams may want it. {@code p:<id>} */
    record StatusPosted(long statusId) implements StreamSignal {
        public String encode() { return "p:" + statusId; }
    }

    /** A status entered these readers' home feeds: {@code update} on their user streams. {@code h:<id>:<r>,<r>…} */
    record HomeInserted(long statusId, List<Long> readerIds) implements StreamSignal {
        public String encode() { return "h:" + statusId + ":" + join(readerIds); }
    }

    /**
     * A status was deleted; its row is gone, so who may have it on screen travels along.
     * {@code d:<id>:<author>:<visibility>:<mentioned>,…}
     */
    record StatusRemoved(long statusId, long authorId, String visibility, List<Long> mentionedIds) implements StreamSignal {
        public String encode() { return "d:" + statusId + ":" + authorId + ":" + visibility + ":" + join(mentionedIds); }
    }

    /** A status was edited. {@code u:<id>} */
    record StatusUpdated(long statusId) implements StreamSignal {
        public String encode() { return "u:" + statusId; }
    }

    /** A notification for a local account. {@code n:<account>:<notification>} */
    record NotificationAdded(long accountId, long notificationId) implements StreamSignal {
        public String encode() { return "n:" + accountId + ":" + notificationId; }
    }

    /** A conversation (direct messages) of a local account has a new latest status. {@code c:<account>:<row>} */
    record ConversationUpdated(long accountId, long conversationId) implements StreamSignal {
        public String encode() { return "c:" + accountId + ":" + conversationId; }
    }

    /** An announcement was published: every user stream gets it. {@code a:<id>} */
    record AnnouncementPublished(long announcementId) implements StreamSignal {
        public String encode() { return "a:" + announcementId; }
    }

    /** An account's filters changed. {@code f:<account>} */
    record FiltersChanged(long accountId) implements StreamSignal {
        public String encode() { return "f:" + accountId; }
    }

    /** Accepted notification requests brought filtered notifications back. {@code m:<account>} */
    record NotificationsMerged(long accountId) implements StreamSignal {
        public String encode() { return "m:" + accountId; }
    }

    static StreamSignal decode(String text) {
        String[] p = text.split(":", -1);
        return switch (p[0]) {
            case "p" -> new StatusPosted(Long.parseLong(p[1]));
            case "h" -> new HomeInserted(Long.parseLong(p[1]), ids(p[2]));
            case "d" -> new StatusRemoved(Long.parseLong(p[1]), Long.parseLong(p[2]), p[3], ids(p[4]));
            case "u" -> new StatusUpdated(Long.parseLong(p[1]));
            case "n" -> new NotificationAdded(Long.parseLong(p[1]), Long.parseLong(p[2]));
            case "f" -> new FiltersChanged(Long.parseLong(p[1]));
            case "c" -> new ConversationUpdated(Long.parseLong(p[1]), Long.parseLong(p[2]));
            case "a" -> new AnnouncementPublished(Long.parseLong(p[1]));
            case "m" -> new NotificationsMerged(Long.parseLong(p[1]));
            default -> throw new IllegalArgumentException("unknown stream signal " + text);
        };
    }

    /**
     * Splits a home-feed signal into pieces that each fit in one message (a status reaching thousands of followers
     * lists thousands of ids); other signals are one piece.
     */
    static List<StreamSignal> pieces(StreamSignal s, int maxIds) {
        if (!(s instanceof HomeInserted h) || h.readerIds().size() <= maxIds) return List.of(s);
        List<StreamSignal> out = new ArrayList<>();
        for (int i = 0; i < h.readerIds().size(); i += maxIds)
            out.add(new HomeInserted(h.statusId(), h.readerIds().subList(i, Math.min(i + maxIds, h.readerIds().size()))));
        return out;
    }

    private static String join(List<Long> ids) {
        StringBuilder b = new StringBuilder(ids.size() * 20);
        for (Long id : ids) {
            if (!b.isEmpty()) b.append(',');
            b.append(id.longValue());
        }
        return b.toString();
    }

    private static List<Long> ids(String s) {
        if (s.isEmpty()) return List.of();
        String[] parts = s.split(",");
        List<Long> out = new ArrayList<>(parts.length);
        for (String x : parts) out.add(Long.parseLong(x));
        return out;
    }
}
