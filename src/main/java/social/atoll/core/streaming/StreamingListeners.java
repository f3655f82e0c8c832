package social.atoll.core.streaming;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.announcement.AnnouncementService;
import social.atoll.core.conversation.ConversationEvents;
import social.atoll.core.filter.FilterEvents;
import social.atoll.core.notification.NotificationEvents;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.timeline.HomeFeedEvents;
import social.atoll.infra.events.ClusterChannel;
import social.atoll.infra.events.EventBus;

/**
 * Turns what core announces into {@link StreamSignal}s on the cluster channel, after commit (a client must never
 * see a status whose transaction rolled back), and hands signals arriving from any node to the local subscriber.
 *
 * <p>Sources of streaming events: {@link StatusEvents.StatusCreated} (public, hashtag, list streams),
 * {@link HomeFeedEvents.Inserted} ({@code update} on user streams), {@link StatusEvents.StatusDeleted}
 * ({@code delete}), {@link NotificationEvents.Created} ({@code notification}), {@link NotificationEvents.Merged}
 * ({@code notifications_merged}), {@link StatusEvents.StatusUpdated}
 * ({@code status.update}, also when a quote's state changes), {@link FilterEvents.FiltersChanged} ({@code filters_changed}),
 * {@link ConversationEvents.ConversationUpdated} ({@code conversation} on {@code direct}) and
 * {@link AnnouncementService.Published} ({@code announcement}).
 */
public final class StreamingListeners {

    private static final Logger log = LoggerFactory.getLogger(StreamingListeners.class);

    /** Reader ids per home-feed message: 20 characters each keeps a message under {@link ClusterChannel#MAX_MESSAGE}. */
    static final int IDS_PER_MESSAGE = 300;

    private final ClusterChannel channel;

    public StreamingListeners(ClusterChannel channel) { this.channel = channel; }

    public void register(EventBus events) {
        events.afterCommit(StatusEvents.StatusCreated.class, e -> send(new StreamSignal.StatusPosted(e.status().id())));
        events.afterCommit(HomeFeedEvents.Inserted.class, e -> send(new StreamSignal.HomeInserted(e.statusId(), e.readerIds())));
        events.afterCommit(StatusEvents.StatusDeleted.class, e -> send(new StreamSignal.StatusRemoved(
                e.status().id(), e.status().accountId(), e.status().visibility(), e.mentionedAccountIds())));
        events.afterCommit(NotificationEvents.Created.class, e -> send(new StreamSignal.NotificationAdded(e.accountId(), e.notificationId())));
        events.afterCommit(NotificationEvents.Merged.class, e -> send(new StreamSignal.NotificationsMerged(e.accountId())));
        events.afterCommit(StatusEvents.StatusUpdated.class, e -> send(new StreamSignal.StatusUpdated(e.status().id())));
        // a quote accepted, rejected or revoked changes how its quoting status reads: Mastodon sends it again
        events.afterCommit(social.atoll.core.quote.QuoteEvents.QuoteStateChanged.class, e -> send(new StreamSignal.StatusUpdated(e.quotingStatusId())));
        events.afterCommit(FilterEvents.FiltersChanged.class, e -> send(new StreamSignal.FiltersChanged(e.accountId())));
        events.afterCommit(ConversationEvents.ConversationUpdated.class, e -> send(new StreamSignal.ConversationUpdated(e.accountId(), e.conversationId())));
        events.afterCommit(AnnouncementService.Published.class, e -> send(new StreamSignal.AnnouncementPublished(e.announcementId())));
    }

    /** Delivers every signal published on any node (this one included) to {@code subscriber}. */
    public void subscribe(Consumer<StreamSignal> subscriber) {
        channel.listen(message -> {
            StreamSignal s;
            try {
                s = StreamSignal.decode(message);
            } catch (RuntimeException e) {
                log.warn("ignoring malformed stream signal '{}'", message);
                return;
            }
            subscriber.accept(s);
        });
    }

    private void send(StreamSignal s) {
        for (StreamSignal piece : StreamSignal.pieces(s, IDS_PER_MESSAGE)) channel.publish(piece.encode());
    }
}
