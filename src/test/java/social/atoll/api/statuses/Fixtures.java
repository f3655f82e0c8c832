package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.follow.FollowOptions;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Users, posts and follows for the status, timeline and notification tests, all through real doors. */
public final class Fixtures {

    /** A local user: name, account id and a {@code read write follow push} token. */
    public record User(String name, long id, String token) {
        public String idString() { return Long.toString(id); }
    }

    private final TestInstance atoll;

    public Fixtures(TestInstance atoll) { this.atoll = atoll; }

    public User user(String name) {
        String token = atoll.createUser(name);
        long id = atoll.app().core.accounts.byAcct(name, null).orElseThrow().id();
        return new User(name, id, token);
    }

    public TestHttp http() { return atoll.http(); }

    /** Posts and returns the Status JSON, failing the test on anything but 200. */
    public JsonNode post(User u, String text, String visibility) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        if (visibility != null) body.put("visibility", visibility);
        return post(u, body);
    }

    public JsonNode post(User u, Map<String, Object> body) {
        TestHttp.Response r = atoll.http().postJson("/api/v1/statuses", u.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    public JsonNode reply(User u, String text, String inReplyToId, String visibility) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        body.put("in_reply_to_id", inReplyToId);
        if (visibility != null) body.put("visibility", visibility);
        return post(u, body);
    }

    public void follow(User follower, User target) { follow(follower, target, FollowOptions.DEFAULTS); }

    public void follow(User follower, User target, FollowOptions options) {
        atoll.app().core.follows.follow(follower.id(), target.id(), options);
    }

    public void unfollow(User follower, User target) { atoll.app().core.follows.unfollow(follower.id(), target.id()); }

    public long count(String sql) {
        return atoll.app().infra.db.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Ids of a JSON array of statuses (or notifications), in order. */
    public static List<String> ids(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }
}
