package social.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.testing.TestInstance;

/** No {@code limit} lifts a page's cap: the smallest int once made the public timeline answer every status. */
class PagingLimitIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        Fixtures f = new Fixtures(atoll);
        Fixtures.User author = f.user("many_posts");
        for (int i = 0; i < 45; i++) f.post(author, "post " + i, "public");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static int count(String path) {
        var r = atoll.http().get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().size();
    }

    @Test
    void theSmallestIntAndNegativeLimitsAreClampedToTheCap() {
        assertThat(count("/api/v1/timelines/public?limit=-2147483648")).isEqualTo(40);
        assertThat(count("/api/v1/timelines/public?limit=-9223372036854775808")).isEqualTo(40);
        assertThat(count("/api/v1/timelines/public?limit=-5")).isEqualTo(5);
        assertThat(count("/api/v1/timelines/public?limit=0")).isEqualTo(20);
        assertThat(count("/api/v1/timelines/public")).isEqualTo(20);
    }

    @Test
    void aLimitThatIsNoNumberGets400InMastodonsShape() {
        var r = atoll.http().get("/api/v1/timelines/public?limit=many");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("limit is not a number");
    }
}
