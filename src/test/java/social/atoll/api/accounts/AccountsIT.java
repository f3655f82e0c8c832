package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

class AccountsIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void getByIdIsPublicAndUnknownIdsAreJson404() {
        String token = atoll.createUser("shown");
        String id = AccountsTestSupport.id(atoll, token);
        var r = atoll.http().get("/api/v1/accounts/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        assertThat(r.json().get("acct").asText()).isEqualTo("shown");
        assertThat(r.json().get("followers_count").asInt()).isZero();
        assertThat(r.json().has("source")).isFalse();

        for (String bad : new String[] {"1", "999999999999999", "abc", "-5"}) {
            var missing = atoll.http().get("/api/v1/accounts/" + bad);
            assertThat(missing.status()).as(bad).isEqualTo(404);
            assertThat(missing.json().get("error").asText()).isEqualTo("Record not found");
        }
        // A present but invalid token is refused even on a public endpoint.
        assertThat(atoll.http().get("/api/v1/accounts/" + id, "bogus").status()).isEqualTo(401);
    }

    @Test
    void suspendedAccountsAreShownAsStubs() {
        String token = atoll.createUser("gone");
        String id = AccountsTestSupport.id(atoll, token);
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET suspended_at = 1, display_name = 'Gone' WHERE id = :id")
                .bind("id", Long.parseLong(id)).execute());
        var r = atoll.http().get("/api/v1/accounts/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("suspended").asBoolean()).isTrue();
        assertThat(r.json().get("display_name").asText()).isEmpty();
    }

    @Test
    void severalByIdKeepTheOrderAskedAndSkipUnknown() {
        String a = AccountsTestSupport.id(atoll, atoll.createUser("many_a"));
        String b = AccountsTestSupport.id(atoll, atoll.createUser("many_b"));
        var r = atoll.http().get("/api/v1/accounts?id[]=" + b + "&id[]=42&id[]=" + a);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(2);
        assertThat(r.json().get(0).get("id").asText()).isEqualTo(b);
        assertThat(r.json().get(1).get("id").asText()).isEqualTo(a);
    }

    @Test
    void lookupFindsLocalAccountsByAnyOfTheirNames() {
        String id = AccountsTestSupport.id(atoll, atoll.createUser("looked"));
        for (String acct : new String[] {"looked", "@looked", "LOOKED", "looked@" + atoll.domain()}) {
            var r = atoll.http().get("/api/v1/accounts/lookup?acct=" + acct);
            assertThat(r.status()).as(acct).isEqualTo(200);
            assertThat(r.json().get("id").asText()).isEqualTo(id);
        }
        assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=nobody").status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=looked@elsewhere.example").status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/accounts/lookup").status()).isEqualTo(400);
    }

    @Test
    void staticAccountRoutesAreNotTakenForIds() {
        String token = atoll.createUser("router");
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("username").asText()).isEqualTo("router");
        assertThat(atoll.http().get("/api/v1/accounts/relationships?id[]=1", token).status()).isEqualTo(200);
        assertThat(atoll.http().get("/api/v1/accounts/lookup/?acct=router").status()).isEqualTo(200);
    }

    @Test
    void preflightOnAnAccountRouteNeedsNoToken() {
        var r = atoll.http().send("OPTIONS", "/api/v1/accounts/123/follow", null, null, null,
                Map.of("Origin", "https://phanpy.example", "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    @Test
    void defaultAvatarAndHeaderAreRealImages() {
        String token = atoll.createUser("pictured");
        var me = atoll.http().get("/api/v1/accounts/verify_credentials", token).json();
        for (String field : new String[] {"avatar", "avatar_static", "header", "header_static"}) {
            var image = AccountsTestSupport.image(me.get(field).asText());
            assertThat(image.getWidth()).as(field).isGreaterThan(0);
        }
    }
}
