package social.atoll.infra.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.infra.db.Database;

/**
 * Core announces what happened ({@code StatusCreated}, {@code Followed}, …); other layers listen. Core does not
 * know who listens.
 *
 * <p>Two kinds of listener: {@link #inTransaction} listeners run inside the write transaction that produced the
 * event, with its handle, so whatever they write (a notification row, a delivery job) commits or rolls back with
 * the data; {@link #afterCommit} listeners run once the data is committed (streaming, caches), and never see an
 * event whose transaction rolled back.
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private record Tx<E>(Class<E> type, BiConsumer<Handle, E> listener) {}

    private record After<E>(Class<E> type, Consumer<E> listener) {}

    private final Database db;
    private final List<Tx<?>> inTx = new CopyOnWriteArrayList<>();
    private final List<After<?>> after = new CopyOnWriteArrayList<>();

    public EventBus(Database db) { this.db = db; }

    public <E> void inTransaction(Class<E> type, BiConsumer<Handle, E> listener) { inTx.add(new Tx<>(type, listener)); }

    public <E> void afterCommit(Class<E> type, Consumer<E> listener) { after.add(new After<>(type, listener)); }

    /** Publishes from inside {@link Database#write}; in-transaction listeners' failures roll the write back. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void publish(Object event) {
        Handle h = db.currentHandle();
        for (Tx t : inTx) {
            if (t.type.isInstance(event)) t.listener.accept(h, event);
        }
        db.afterCommit(() -> {
            for (After a : after) {
                if (!a.type.isInstance(event)) continue;
                try {
                    a.listener.accept(event);
                } catch (RuntimeException e) {
                    log.error("listener for {} failed", event.getClass().getSimpleName(), e);
                }
            }
        });
    }
}
