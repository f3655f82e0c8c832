package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

class AccountStatusesIT {

    @Test
    void anAccountsStatusesAreFilteredByVisibilityAndParameters() {
        try (TestInstance atoll = TestInstance.start()) {
            Fixtures f = new Fixtures(atoll);
            User alice = f.user("alice");
            User bob = f.user("bob");
            User carol = f.user("carol");
            f.follow(bob, alice);
            String other = f.post(carol, "carol's", "public").get("id").asText();
            String pub = f.post(alice, "hello #Cats", "public").get("id").asText();
            String priv = f.post(alice, "for followers", "private").get("id").asText();
            String dm = f.post(alice, "hi @carol", "direct").get("id").asText();
            String selfReply = f.reply(alice, "thread", pub, null).get("id").asText();
            String reply = f.reply(alice, "answer", other, null).get("id").asText();
            String boost = atoll.http().postJson("/api/v1/statuses/" + other + "/reblog", alice.token(), null).json().get("id").asText();
            String base = "/api/v1/accounts/" + alice.idString() + "/statuses";

            assertThat(ids(atoll.http().get(base).json())).containsExactly(boost, reply, selfReply, pub);
            assertThat(ids(atoll.http().get(base, bob.token()).json())).containsExactly(boost, reply, selfReply, priv, pub);
            assertThat(ids(atoll.http().get(base, carol.token()).json())).containsExactly(boost, reply, selfReply, dm, pub);
            assertThat(ids(atoll.http().get(base, alice.token()).json())).containsExactly(boost, reply, selfReply, dm, priv, pub);

            assertThat(ids(atoll.http().get(base + "?exclude_replies=true").json())).containsExactly(boost, selfReply, pub);
            assertThat(ids(atoll.http().get(base + "?exclude_reblogs=1").json())).containsExactly(reply, selfReply, pub);
            assertThat(ids(atoll.http().get(base + "?tagged=cats").json())).containsExactly(pub);
            assertThat(ids(atoll.http().get(base + "?only_media=true").json())).isEmpty();
            atoll.app().infra.db.write(h -> h.createUpdate("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (1, :a, :s, 0)")
                    .bind("a", alice.id()).bind("s", Long.parseLong(pub)).execute());
            var pinned = atoll.http().get(base + "?pinned=true", alice.token()).json();
            assertThat(ids(pinned)).containsExactly(pub);
            assertThat(pinned.get(0).get("pinned").asBoolean()).isTrue();

            var page = atoll.http().get(base + "?limit=2");
            assertThat(ids(page.json())).containsExactly(boost, reply);
            String link = page.header("Link");
            String next = link.substring(1, link.indexOf('>'));
            assertThat(next).isEqualTo(atoll.baseUrl() + base + "?limit=2&max_id=" + reply);
            assertThat(ids(atoll.http().get(next).json())).containsExactly(selfReply, pub);
            assertThat(ids(atoll.http().get(base + "?min_id=" + pub + "&limit=2").json())).containsExactly(reply, selfReply);

            assertThat(atoll.http().get("/api/v1/accounts/99999/statuses").status()).isEqualTo(404);
        }
    }
}
