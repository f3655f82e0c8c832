package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The registry under concurrent subscribe and close on one topic. */
class StreamRegistryTest {

    private static final class Quiet extends StreamConnection {
        Quiet(long viewerId) { super(viewerId); }

        @Override
        public void send(Subscription sub, String event, String payload) {}
    }

    /**
     * A client reconnecting: its old socket closes (the last one on the topic) while the new one subscribes. The new
     * subscription must stay filed, or the new socket never gets an event.
     */
    @Test
    void aSubscriptionMadeWhileTheLastOneOnItsTopicCloses() throws Exception {
        StreamRegistry registry = new StreamRegistry();
        Subscription user = Subscription.of("user", null, null, 7);
        CyclicBarrier together = new CyclicBarrier(2);
        for (int i = 0; i < 20_000; i++) {
            StreamConnection old = new Quiet(7);
            StreamConnection fresh = new Quiet(7);
            registry.add(old, user);
            Thread closing = Thread.ofPlatform().start(() -> {
                await(together);
                registry.removeAll(old);
            });
            await(together);
            registry.add(fresh, user);
            closing.join();
            assertThat(registry.on(user.topic())).as("try %d", i).containsExactly(new StreamRegistry.Target(fresh, user));
            registry.removeAll(fresh);
        }
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
