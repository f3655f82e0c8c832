package social.atoll.core.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.infra.events.ClusterChannel;

class StreamSignalTest {

    @Test
    void everySignalSurvivesTheWire() {
        List<StreamSignal> all = List.of(
                new StreamSignal.StatusPosted(115_000_000_000_000_001L),
                new StreamSignal.HomeInserted(7, List.of(1L, 2L, 3L)),
                new StreamSignal.StatusRemoved(9, 4, "private", List.of(5L, 6L)),
                new StreamSignal.StatusRemoved(9, 4, "public", List.of()),
                new StreamSignal.StatusUpdated(10),
                new StreamSignal.NotificationAdded(11, 12),
                new StreamSignal.FiltersChanged(13),
                new StreamSignal.ConversationUpdated(14, 15),
                new StreamSignal.AnnouncementPublished(16));
        for (StreamSignal s : all) assertThat(StreamSignal.decode(s.encode())).isEqualTo(s);
        assertThatThrownBy(() -> StreamSignal.decode("z:1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeHomeFanOutsAreSplitIntoMessagesThatFitNotify() {
        List<Long> readers = new ArrayList<>();
        for (long i = 0; i < 1000; i++) readers.add(Long.MAX_VALUE - i);
        List<StreamSignal> pieces = StreamSignal.pieces(new StreamSignal.HomeInserted(Long.MAX_VALUE, readers), StreamingListeners.IDS_PER_MESSAGE);
        assertThat(pieces).hasSize(4);
        List<Long> joined = new ArrayList<>();
        for (StreamSignal p : pieces) {
            assertThat(p.encode().length()).isLessThan(ClusterChannel.MAX_MESSAGE);
            joined.addAll(((StreamSignal.HomeInserted) p).readerIds());
        }
        assertThat(joined).isEqualTo(readers);
        assertThat(StreamSignal.pieces(new StreamSignal.StatusPosted(1), 10)).hasSize(1);
    }
}
