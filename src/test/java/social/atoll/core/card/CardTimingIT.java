package social.atoll.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * When link cards are fetched, with the server's 59 s jitter in place: a local author's link at once (apps show the
 * card with the post), a link from another server's post after a random delay of at least a second.
 */
class CardTimingIT {

    private static HttpServer origin;
    private static String originUrl;
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            byte[] html = """
                    <html><head><meta property="og:title" content="Right away"></head><body></body></html>"""
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        origin.start();
        originUrl = "http://127.0.0.1:" + origin.getAddress().getPort();
        atoll = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
    }

    @AfterAll
    static void stop() {
        atoll.close();
        origin.stop(0);
    }

    /**
     * A status by {@code accountId} linking {@code url}, announced as created. Inserted directly: Atoll's formatter
     * does not link bare IP addresses, and the test page lives on one.
     */
    private static String created(long accountId, boolean local, String url) {
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO statuses (id, uri, account_id, local, text, content, visibility, created_at, updated_at) "
                            + "VALUES (:id, :uri, :a, :local, '', :html, 'public', 0, 0)")
                    .bind("id", id).bind("uri", "https://somewhere.example/statuses/" + id).bind("a", accountId).bind("local", local)
                    .bind("html", "<p>see <a href=\"" + url + "\">" + url + "</a></p>").execute();
            Status s = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", id).map(StatusStore.STATUS).one();
            atoll.app().infra.events.publish(new StatusEvents.StatusCreated(s, null, List.of()));
            return null;
        });
        return Long.toString(id);
    }

    private static String cardState(String url) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT state FROM preview_cards WHERE url = :u").bind("u", url).mapTo(String.class).one());
    }

    @Test
    void aLocalAuthorsLinkIsFetchedAtOnce() {
        atoll.createUser("local_linker");
        long author = atoll.app().core.accounts.byAcct("local_linker", null).orElseThrow().id();
        String url = originUrl + "/local";
        String id = created(author, true, url);
        // well under the 59 s the jitter could take
        Await.until("the card fetched", Duration.ofSeconds(10), () -> cardState(url).equals("done"));
        assertThat(atoll.http().get("/api/v1/statuses/" + id, null).json().get("card").get("title").asText()).isEqualTo("Right away");
    }

    private static long remoteAccount(String username) {
        long id = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, created_at, updated_at)
                        VALUES (:id, :u, 'remote.example', :k, :uri, 0, 0)""")
                .bind("id", id).bind("u", username).bind("k", username + "@remote.example")
                .bind("uri", "https://remote.example/users/" + username).execute());
        return id;
    }

    @Test
    void aLocalPostLinkingAPageThatWaitsForItsJitterGetsItsCardAtOnce() {
        String url = originUrl + "/both";
        created(remoteAccount("first_far"), false, url);
        assertThat(cardState(url)).isEqualTo("pending");
        atoll.createUser("second_local");
        String id = created(atoll.app().core.accounts.byAcct("second_local", null).orElseThrow().id(), true, url);
        Await.until("the card fetched", Duration.ofSeconds(10), () -> cardState(url).equals("done"));
        assertThat(atoll.http().get("/api/v1/statuses/" + id, null).json().get("card").get("title").asText()).isEqualTo("Right away");
    }

    @Test
    void aLinkFromAnotherServerWaitsItsJitter() {
        long author = remoteAccount("far");
        String url = originUrl + "/remote";
        Instant before = Instant.now();
        created(author, false, url);
        Instant scheduled = atoll.app().infra.db.read(h -> h.createQuery(
                        "SELECT execution_time FROM scheduled_tasks WHERE task_name = 'card.fetch' AND task_instance = :k")
                .bind("k", "card-" + atoll.app().infra.db.read(x -> x.createQuery("SELECT id FROM preview_cards WHERE url = :u")
                        .bind("u", url).mapTo(Long.class).one()))
                .mapTo(Timestamp.class).one()).toInstant();
        assertThat(scheduled).isBetween(before.plusSeconds(1), Instant.now().plusSeconds(59));
        assertThat(cardState(url)).isEqualTo("pending");
    }
}
