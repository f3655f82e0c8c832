package social.atoll.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.common.ValidationException;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.poll.NewPoll;
import social.atoll.testing.TestInstance;

/**
 * The one posting path: every check before any write, and {@link StatusEvents.StatusCreated} published last, so an
 * in-transaction listener (as feeds, notifications and federation are) sees the status complete.
 */
class PostStatusServiceIT {

    /** What an in-transaction listener saw of each created status: poll, attachments, mentions, tags. */
    record Seen(Long pollId, boolean pollStored, int attachments, List<Long> mentioned, int tags) {}

    private static TestInstance atoll;
    private static final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    private static final Map<Long, Integer> announced = new ConcurrentHashMap<>();
    private static int users;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        atoll.app().infra.events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            long id = e.status().id();
            announced.merge(id, 1, Integer::sum);
            seen.put(id, new Seen(e.status().pollId(), atoll.app().core.pollStore.byStatus(h, id).isPresent(),
                    h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE status_id = :s").bind("s", id).mapTo(Integer.class).one(),
                    e.mentionedAccountIds(),
                    h.createQuery("SELECT COUNT(*) FROM status_tags WHERE status_id = :s").bind("s", id).mapTo(Integer.class).one()));
        });
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static long user() {
        String name = "poster" + (++users);
        atoll.createUser(name);
        return atoll.app().core.accounts.byAcct(name, null).orElseThrow().id();
    }

    private static NewStatus text(String text) {
        return new NewStatus(text, null, null, null, null, null, null, List.of(), null, null, null);
    }

    private static Status postNow(long author, NewStatus req) {
        return ((PostStatusService.Published) atoll.app().core.posting.post(author, req)).status();
    }

    private static int statusesOf(long author) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE account_id = :a").bind("a", author)
                .mapTo(Integer.class).one());
    }

    @Test
    void theEventCarriesTheStatusWithItsPollMentionsAndTags() {
        long author = user();
        long other = user();
        NewPoll poll = new NewPoll(List.of("tea", "coffee"), 3600L, false, false);
        Status s = postNow(author, new NewStatus("@poster" + users + " which one? #breakfast", null, null, Visibility.PUBLIC, null,
                null, poll, List.of(), null, null, null));
        Seen at = seen.get(s.id());
        assertThat(at.pollId()).isNotNull().isEqualTo(s.pollId());
        assertThat(at.pollStored()).isTrue();
        assertThat(at.mentioned()).containsExactly(other);
        assertThat(at.tags()).isEqualTo(1);
    }

    @Test
    void theEventCarriesTheStatusWithItsMedia() throws Exception {
        long author = user();
        Path file = Files.createTempFile("upload", ".png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        long mediaId = atoll.app().core.media.upload(author, new MediaUpload(file, "p.png", "image/png", Files.size(file)), null, null,
                null, false).id();
        Files.delete(file);
        Status s = postNow(author, new NewStatus("", null, null, null, null, null, null, List.of(Long.toString(mediaId)), null, null, null));
        assertThat(seen.get(s.id()).attachments()).isEqualTo(1);
    }

    @Test
    void aPollWithMediaIsRefusedInMastodonsWordsBeforeAnythingIsWritten() {
        long author = user();
        NewPoll poll = new NewPoll(List.of("a", "b"), 3600L, false, false);
        assertThatThrownBy(() -> atoll.app().core.posting.post(author, new NewStatus("x", null, null, null, null, null, poll,
                List.of("1"), null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Cannot attach more than 4 files.");
                    assertThat(e.isBare()).isTrue();
                });
        assertThatThrownBy(() -> atoll.app().core.posting.post(author, new NewStatus("x", null, null, null, null, null,
                new NewPoll(List.of("only"), 3600L, false, false), List.of(), null, null, null)))
                .isInstanceOf(ValidationException.class);
        assertThat(statusesOf(author)).isZero();
    }

    @Test
    void theSameIdempotencyKeyPostsOnceAndAnnouncesOnce() {
        long author = user();
        NewStatus req = new NewStatus("only once", null, null, null, null, null, null, List.of(), null, null, "key-1");
        Status first = postNow(author, req);
        Status again = postNow(author, req);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(statusesOf(author)).isEqualTo(1);
        assertThat(announced.get(first.id())).isEqualTo(1);
    }

    @Test
    void aTimeAheadSchedulesAndAPastTimeIsRefused() {
        long author = user();
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        NewStatus scheduled = new NewStatus("later", null, null, null, null, null, null, List.of(), later, null, null);
        assertThat(atoll.app().core.posting.post(author, scheduled)).isInstanceOf(PostStatusService.Scheduled.class);
        assertThat(statusesOf(author)).isZero();
        NewStatus past = new NewStatus("now", null, null, null, null, null, null, List.of(), Instant.now().minusSeconds(60), null, null);
        assertThatThrownBy(() -> atoll.app().core.posting.post(author, past))
                .isInstanceOf(ValidationException.class).hasMessage("Scheduled at The scheduled date must be in the future");
        assertThat(statusesOf(author)).isZero();
    }

    @Test
    void blankTextIsRefused() {
        long author = user();
        assertThatThrownBy(() -> atoll.app().core.posting.post(author, text("  ")))
                .isInstanceOf(ValidationException.class).hasMessage("Text can't be blank");
    }
}
