package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class FollowCollectionsIT {

    private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"");
    private static final Pattern PREV = Pattern.compile("<([^>]+)>; rel=\"prev\"");

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    private static String next(TestHttp.Response r) {
        String link = r.header("Link");
        if (link == null) return null;
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).as("next comes first: " + link).isTrue();
        return m.group(1);
    }

    private static List<String> ids(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json().forEach(a -> out.add(a.get("username").asText()));
        return out;
    }

    @Test
    void followersAndFollowingPageNewestFirstWithAbsoluteLinks() {
        String starToken = atoll.createUser("star");
        String star = AccountsTestSupport.id(atoll, starToken);
        List<String> fans = List.of("fan1", "fan2", "fan3", "fan4", "fan5");
        for (String f : fans) {
            String t = atoll.createUser(f);
            assertThat(atoll.http().postJson("/api/v1/accounts/" + star + "/follow", t, null).status()).isEqualTo(200);
            atoll.http().postJson("/api/v1/accounts/" + AccountsTestSupport.id(atoll, t) + "/follow", starToken, null);
        }

        for (String collection : new String[] {"followers", "following"}) {
            List<String> seen = new ArrayList<>();
            String url = "/api/v1/accounts/" + star + "/" + collection + "?limit=2";
            int pages = 0;
            TestHttp.Response first = null;
            while (url != null) {
                TestHttp.Response page = atoll.http().get(url);
                assertThat(page.status()).isEqualTo(200);
                if (first == null) first = page;
                if (page.json().isEmpty()) {
                    assertThat(page.header("Link")).isNull();
                    break;
                }
                assertThat(page.json().size()).isLessThanOrEqualTo(2);
                seen.addAll(ids(page));
                url = next(page);
                assertThat(url).startsWith(atoll.baseUrl() + "/api/v1/accounts/" + star + "/" + collection + "?").contains("limit=2").contains("max_id=");
                pages++;
                assertThat(pages).isLessThan(10);
            }
            assertThat(pages).as(collection).isEqualTo(3);
            assertThat(seen).as(collection).containsExactly("fan5", "fan4", "fan3", "fan2", "fan1");

            // prev from the second page leads back to the newest ones.
            String second = next(first);
            TestHttp.Response page2 = atoll.http().get(second);
            Matcher prev = PREV.matcher(page2.header("Link"));
            assertThat(prev.find()).isTrue();
            assertThat(prev.group(1)).contains("min_id=");
            assertThat(ids(atoll.http().get(prev.group(1)))).containsExactly("fan5", "fan4");
        }
    }

    @Test
    void signedInViewersDoNotSeeAccountsTheyMuteOrBlock() {
        String hubToken = atoll.createUser("hub");
        String hub = AccountsTestSupport.id(atoll, hubToken);
        String viewer = atoll.createUser("watcher");
        long watcherId = Long.parseLong(AccountsTestSupport.id(atoll, viewer));
        for (String name : List.of("liked", "muted", "blocked")) {
            String t = atoll.createUser(name);
            atoll.http().postJson("/api/v1/accounts/" + hub + "/follow", t, null);
        }
        long muted = atoll.app().core.accounts.byAcct("muted", null).orElseThrow().id();
        long blocked = atoll.app().core.accounts.byAcct("blocked", null).orElseThrow().id();
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO mutes (id, account_id, target_account_id, created_at) VALUES (11, :a, :b, 0)")
                    .bind("a", watcherId).bind("b", muted).execute();
            return h.createUpdate("INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (12, :b, :a, 0)")
                    .bind("a", watcherId).bind("b", blocked).execute();
        });
        var r = atoll.http().get("/api/v1/accounts/" + hub + "/followers", viewer);
        assertThat(r.status()).isEqualTo(200);
        assertThat(ids(r)).containsExactly("liked");
        assertThat(ids(atoll.http().get("/api/v1/accounts/" + hub + "/followers"))).containsExactly("blocked", "muted", "liked");
    }

    @Test
    void hiddenCollectionsAreEmptyForOthersOnly() {
        String shyToken = atoll.createUser("shy");
        String shy = AccountsTestSupport.id(atoll, shyToken);
        String friend = atoll.createUser("friend");
        atoll.http().postJson("/api/v1/accounts/" + shy + "/follow", friend, null);
        atoll.http().patchJson("/api/v1/accounts/update_credentials", shyToken, Map.of("hide_collections", true));

        var anonymous = atoll.http().get("/api/v1/accounts/" + shy + "/followers");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().isArray() && anonymous.json().isEmpty()).isTrue();
        var other = atoll.http().get("/api/v1/accounts/" + shy + "/followers", friend);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().isArray() && other.json().isEmpty()).isTrue();
        var own = atoll.http().get("/api/v1/accounts/" + shy + "/followers", shyToken);
        assertThat(own.status()).isEqualTo(200);
        assertThat(ids(own)).containsExactly("friend");
        // The count stays public, as in Mastodon.
        assertThat(atoll.http().get("/api/v1/accounts/" + shy).json().get("followers_count").asInt()).isEqualTo(1);
        assertThat(atoll.http().get("/api/v1/accounts/999/followers").status()).isEqualTo(404);
    }
}
