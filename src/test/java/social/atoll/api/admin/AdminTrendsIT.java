package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.card.PreviewCardStore;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.moderation.ActionLog;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.testing.TestInstance;

/**
 * Mastodon's {@code /api/v1/admin/trends/{tags,statuses,links}}: the rankings with their review state in the admin
 * entity shapes, approve and reject answering the reviewed item, the public {@code /api/v1/trends/*} honouring the
 * decisions (and {@code trendable_by_default}), one audit row per decision, refused to a plain user.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class AdminTrendsIT {

    private TestInstance atoll;
    private Fixtures f;
    private String admin;
    private String plain;
    private String popular;
    private long cardId;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        User a = atoll.app().core.accountService.createLocal(new NewLocalAccount("trend_admin", "trend_admin@example.test", "password-trend",
                User.Role.ADMIN, true, true, "en", null, null), true);
        admin = atoll.token(a.accountId(), "read write admin:read admin:write");
        Fixtures.User alice = f.user("alice");
        Fixtures.User bob = f.user("bob");
        Fixtures.User carol = f.user("carol");
        plain = atoll.token(bob.id(), "read write admin:read admin:write");
        f.post(alice, "#reeftopic is lovely", "public");
        f.post(bob, "#ReefTopic indeed", "public");
        f.post(carol, "#spamtopic buy now", "public");
        popular = f.post(alice, "a popular post", "public").get("id").asText();
        f.http().postJson("/api/v1/statuses/" + popular + "/favourite", bob.token(), Map.of());
        f.http().postJson("/api/v1/statuses/" + popular + "/favourite", carol.token(), Map.of());
        // a link shared by two people, its preview already fetched
        long s1 = Long.parseLong(f.post(alice, "read this", "public").get("id").asText());
        long s2 = Long.parseLong(f.post(bob, "and this", "public").get("id").asText());
        var cards = new PreviewCardStore(atoll.app().infra.db);
        var ids = atoll.app().infra.ids;
        Instant now = Instant.now();
        cardId = atoll.app().infra.db.write(h -> {
            long id = cards.link(h, s1, "hash-reef-news", "https://news.example/reef", ids.next(), now).cardId();
            cards.link(h, s2, "hash-reef-news", "https://news.example/reef", ids.next(), now);
            return id;
        });
        cards.finish(new PreviewCardStore.Fetched(cardId, "done", "link", "Reef news", "All about reefs", "News", null, 0, 0, null, "", "",
                "", "", "", 0, 0, now));
    }

    @AfterAll
    void stop() { atoll.close(); }

    private static List<String> names(JsonNode tags) {
        List<String> out = new ArrayList<>();
        tags.forEach(t -> out.add(t.get("name").asText().toLowerCase()));
        return out;
    }

    private static JsonNode byName(JsonNode tags, String name) {
        for (JsonNode t : tags) if (t.get("name").asText().equalsIgnoreCase(name)) return t;
        throw new AssertionError("no " + name + " in " + tags);
    }

    private List<ActionLog> audit(String type) {
        return atoll.app().core.actionLog.list(null, null, 100).stream().filter(l -> l.targetType().equals(type)).toList();
    }

    @Test
    void tagsAreListedForReviewAndRejectionTakesThemOffPublicTrends() {
        var r = f.http().get("/api/v1/admin/trends/tags", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode reef = byName(r.json(), "reeftopic");
        assertThat(reef.get("id").isTextual()).isTrue();
        assertThat(reef.get("url").asText()).endsWith("/tags/reeftopic");
        assertThat(reef.get("history").get(0).get("accounts").asText()).isEqualTo("2");
        assertThat(reef.get("requires_review").asBoolean()).isTrue();
        assertThat(reef.get("trendable").asBoolean()).isTrue();
        assertThat(reef.get("usable").asBoolean()).isTrue();
        assertThat(reef.has("listable")).isTrue();
        String spam = byName(r.json(), "spamtopic").get("id").asText();

        var rejected = f.http().postJson("/api/v1/admin/trends/tags/" + spam + "/reject", admin, Map.of());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("name").asText()).isEqualTo("spamtopic");
        assertThat(rejected.json().get("trendable").asBoolean()).isFalse();
        assertThat(rejected.json().get("requires_review").asBoolean()).isFalse();
        assertThat(names(f.http().get("/api/v1/trends/tags").json())).contains("reeftopic").doesNotContain("spamtopic");
        // staff still see it, reviewed
        JsonNode again = byName(f.http().get("/api/v1/admin/trends/tags", admin).json(), "spamtopic");
        assertThat(again.get("requires_review").asBoolean()).isFalse();
        assertThat(again.get("trendable").asBoolean()).isFalse();

        var approved = f.http().postJson("/api/v1/admin/trends/tags/" + spam + "/approve", admin, Map.of());
        assertThat(approved.json().get("trendable").asBoolean()).isTrue();
        assertThat(names(f.http().get("/api/v1/trends/tags").json())).contains("spamtopic");
        assertThat(audit("Tag")).extracting(ActionLog::action).contains("reject", "approve");
        assertThat(audit("Tag").get(0).humanIdentifier()).isEqualTo("#spamtopic");

        assertThat(f.http().postJson("/api/v1/admin/trends/tags/999999/approve", admin, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void statusesAreListedAsStatusesWithTheirReviewState() {
        var r = f.http().get("/api/v1/admin/trends/statuses", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode first = r.json().get(0);
        assertThat(first.get("id").asText()).isEqualTo(popular);
        assertThat(first.get("content").asText()).contains("a popular post");
        assertThat(first.get("account").get("acct").asText()).isEqualTo("alice");
        assertThat(first.get("favourites_count").asInt()).isEqualTo(2);
        assertThat(first.get("requires_review").asBoolean()).isTrue();

        var rejected = f.http().postJson("/api/v1/admin/trends/statuses/" + popular + "/reject", admin, Map.of());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("id").asText()).isEqualTo(popular);
        assertThat(rejected.json().get("requires_review").asBoolean()).isFalse();
        assertThat(Fixtures.ids(f.http().get("/api/v1/trends/statuses").json())).doesNotContain(popular);
        f.http().postJson("/api/v1/admin/trends/statuses/" + popular + "/approve", admin, Map.of());
        assertThat(Fixtures.ids(f.http().get("/api/v1/trends/statuses").json())).contains(popular);
        assertThat(audit("Status")).extracting(ActionLog::action).contains("reject", "approve");
    }

    @Test
    void linksTrendFromSharedPreviewCards() {
        JsonNode pub = f.http().get("/api/v1/trends/links").json();
        assertThat(pub).hasSize(1);
        assertThat(pub.get(0).get("url").asText()).isEqualTo("https://news.example/reef");
        assertThat(pub.get(0).get("title").asText()).isEqualTo("Reef news");
        assertThat(pub.get(0).get("type").asText()).isEqualTo("link");
        assertThat(pub.get(0).get("history")).hasSize(7);
        assertThat(pub.get(0).get("history").get(0).get("accounts").asText()).isEqualTo("2");
        assertThat(pub.get(0).get("history").get(0).get("uses").asText()).isEqualTo("2");
        assertThat(pub.get(0).has("requires_review")).isFalse();

        var r = f.http().get("/api/v1/admin/trends/links", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get(0).get("id").asText()).isEqualTo(Long.toString(cardId));
        assertThat(r.json().get(0).get("requires_review").asBoolean()).isTrue();
        assertThat(r.json().get(0).get("description").asText()).isEqualTo("All about reefs");

        var rejected = f.http().postJson("/api/v1/admin/trends/links/" + cardId + "/reject", admin, Map.of());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("url").asText()).isEqualTo("https://news.example/reef");
        assertThat(rejected.json().get("requires_review").asBoolean()).isFalse();
        assertThat(f.http().get("/api/v1/trends/links").json()).isEmpty();
        f.http().postJson("/api/v1/admin/trends/links/" + cardId + "/approve", admin, Map.of());
        assertThat(f.http().get("/api/v1/trends/links").json()).hasSize(1);
        assertThat(audit("PreviewCard")).extracting(ActionLog::action).contains("reject", "approve");
    }

    @Test
    void whenTrendsWaitForApprovalOnlyApprovedItemsTrend() {
        f.post(f.user("dave"), "#waitingtopic here", "public");
        var settings = atoll.app().core.serverSettings;
        settings.updateTexts(StaffAccess.Actor.SYSTEM, Map.of(SiteSettings.TRENDABLE_BY_DEFAULT, "false"));
        try {
            JsonNode tags = f.http().get("/api/v1/admin/trends/tags?limit=20", admin).json();
            JsonNode waiting = byName(tags, "waitingtopic");
            assertThat(waiting.get("requires_review").asBoolean()).isTrue();
            assertThat(waiting.get("trendable").asBoolean()).isFalse();
            assertThat(names(f.http().get("/api/v1/trends/tags?limit=20").json())).doesNotContain("waitingtopic");
            f.http().postJson("/api/v1/admin/trends/tags/" + waiting.get("id").asText() + "/approve", admin, Map.of());
            assertThat(names(f.http().get("/api/v1/trends/tags?limit=20").json())).contains("waitingtopic");
        } finally {
            settings.updateTexts(StaffAccess.Actor.SYSTEM, Map.of(SiteSettings.TRENDABLE_BY_DEFAULT, ""));
        }
    }

    @Test
    void refusedToPlainUsersAndTokensWithoutAdminScopes() {
        for (String path : List.of("tags", "statuses", "links")) {
            assertThat(f.http().get("/api/v1/admin/trends/" + path, plain).status()).isEqualTo(403);
            assertThat(f.http().postJson("/api/v1/admin/trends/" + path + "/1/approve", plain, Map.of()).status()).isEqualTo(403);
            assertThat(f.http().get("/api/v1/admin/trends/" + path).status()).isEqualTo(401);
        }
        String readOnly = atoll.token(atoll.app().core.accounts.byAcct("trend_admin", null).orElseThrow().id(), "read admin:read");
        assertThat(f.http().postJson("/api/v1/admin/trends/tags/1/reject", readOnly, Map.of()).status()).isEqualTo(403);
    }
}
