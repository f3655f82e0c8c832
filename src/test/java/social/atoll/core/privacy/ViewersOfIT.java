package social.atoll.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.core.status.Status;
import social.atoll.testing.TestInstance;

/**
 * {@link VisibilityPolicy#viewersOf} (one status, many viewers: streaming) gives exactly the answer of
 * {@link VisibilityPolicy#canSee} for every visibility × viewer, boosts included.
 */
class ViewersOfIT {

    @Test
    void agreesWithCanSeeForEveryVisibilityAndViewer() {
        try (TestInstance atoll = TestInstance.start()) {
            Fixtures f = new Fixtures(atoll);
            User author = f.user("vo_author");
            User follower = f.user("vo_follower");
            User mentioned = f.user("vo_mentioned");
            User stranger = f.user("vo_stranger");
            User blocked = f.user("vo_blocked");
            User booster = f.user("vo_booster");
            f.follow(follower, author);
            f.follow(booster, author);
            assertThat(atoll.http().postJson("/api/v1/accounts/" + blocked.id() + "/block", author.token(), Map.of()).status()).isEqualTo(200);

            List<String> ids = new java.util.ArrayList<>();
            for (String vis : List.of("public", "unlisted", "private", "direct"))
                ids.add(f.post(author, vis + " post for @vo_mentioned", vis).get("id").asText());
            var boost = atoll.http().postJson("/api/v1/statuses/" + ids.get(0) + "/reblog", booster.token(), Map.of());
            assertThat(boost.status()).isEqualTo(200);
            ids.add(boost.json().get("id").asText());

            VisibilityPolicy policy = atoll.app().core.visibility;
            Set<Long> viewers = Set.of(author.id(), follower.id(), mentioned.id(), stranger.id(), blocked.id(), booster.id());
            for (String id : ids) {
                Status s = atoll.app().core.statuses.byId(Long.parseLong(id)).orElseThrow();
                Set<Long> expected = new HashSet<>();
                for (Long v : viewers) if (policy.canSee(v, s)) expected.add(v);
                assertThat(policy.viewersOf(s, viewers)).as(s.visibility() + (s.isReblog() ? " boost" : "")).isEqualTo(expected);
            }
            // and the answers are the expected ones, not just equal
            Status priv = atoll.app().core.statuses.byId(Long.parseLong(ids.get(2))).orElseThrow();
            assertThat(policy.viewersOf(priv, viewers)).containsExactlyInAnyOrder(author.id(), follower.id(), mentioned.id(), booster.id());
            Status pub = atoll.app().core.statuses.byId(Long.parseLong(ids.get(0))).orElseThrow();
            assertThat(policy.viewersOf(pub, viewers)).doesNotContain(blocked.id()).contains(stranger.id());
        }
    }
}
