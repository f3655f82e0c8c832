package social.atoll.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.infra.ids.IdGenerator;

/** The activities the outbox sends besides Create and Announce, shaped as Mastodon shapes them. */
class ActivityWriterTest {

    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2025-11-04T10:00:00.250Z");

    private final ActivityWriter writer = new ActivityWriter(JSON, new IdGenerator());
    private final Account alice = account(1, "alice", null, "https://a.example/users/alice");
    private final Account dave = account(2, "dave", "b.example", "https://b.example/users/dave");

    private static Account account(long id, String name, String domain, String uri) {
        return new Account(id, name, domain, name, "", "", "[]", uri, uri, "Person", uri + "/inbox", uri + "/outbox", null,
                uri + "/followers", uri + "/following", uri + "/collections/featured", null, null, uri + "#main-key", null, null, null,
                null, false, false, true, true, false, false, null, null, 0, 0, 0, null, null, null, null, T, T);
    }

    private static Status status(long id, Account author, String visibility, Long reblogOf) {
        String uri = author.uri() + "/statuses/" + id;
        return new Status(id, uri, uri, author.id(), author.local(), null, null, null, reblogOf, id, "hi", "<p>hi</p>", "", false,
                visibility, "en", null, null, 0, 0, 0, null, T, T, false, false);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void aDeletedStatusIsATombstoneAddressedAsThePostWas() {
        Status post = status(10, alice, "public", null);
        ObjectNode delete = writer.statusDeleted(alice, post, List.of(dave));
        assertThat(delete.get("@context").asText()).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(delete.get("id").asText()).isEqualTo(post.uri() + "#delete");
        assertThat(strings(delete.get("to"))).containsExactly(PUBLIC);
        assertThat(strings(delete.get("cc"))).containsExactly(alice.followersUrl(), dave.uri());
        assertThat(delete.get("object").get("type").asText()).isEqualTo("Tombstone");
        assertThat(delete.get("object").get("atomUri").asText()).isEqualTo(post.uri());

        ObjectNode direct = writer.statusDeleted(alice, status(11, alice, "direct", null), List.of(dave));
        assertThat(strings(direct.get("to"))).containsExactly(dave.uri());
        assertThat(strings(direct.get("cc"))).isEmpty();
    }

    @Test
    void anEditIsAnUpdateAddressedAsItsObject() {
        Status post = status(12, alice, "public", null);
        ObjectNode note = JSON.createObjectNode();
        note.put("@context", "https://www.w3.org/ns/activitystreams");
        note.put("id", post.uri());
        note.putArray("to").add(PUBLIC);
        note.putArray("cc").add(alice.followersUrl());
        ObjectNode update = writer.statusEdited(alice, post, note);
        assertThat(update.get("id").asText()).isEqualTo(post.uri() + "#updates/" + T.toEpochMilli());
        assertThat(update.get("type").asText()).isEqualTo("Update");
        assertThat(strings(update.get("to"))).containsExactly(PUBLIC);
        assertThat(strings(update.get("cc"))).containsExactly(alice.followersUrl());
        assertThat(update.get("object").has("@context")).isFalse();
        assertThat(update.get("object").get("id").asText()).isEqualTo(post.uri());
    }

    @Test
    void undoingABoostEmbedsItsAnnounceWithoutContext() {
        Status original = status(20, dave, "public", null);
        Status boost = status(21, alice, "public", 20L);
        ObjectNode undo = writer.boostUndone(alice, boost, original);
        assertThat(undo.get("id").asText()).isEqualTo(boost.uri() + "#undo");
        JsonNode announce = undo.get("object");
        assertThat(announce.has("@context")).isFalse();
        assertThat(announce.get("type").asText()).isEqualTo("Announce");
        assertThat(announce.get("id").asText()).isEqualTo(boost.uri());
        assertThat(announce.get("object").asText()).isEqualTo(original.uri());
        assertThat(announce.get("published").asText()).isEqualTo("2025-11-04T10:00:00Z");
    }

    @Test
    void likesAndBlocksAndTheirUndos() {
        Status note = status(30, dave, "public", null);
        ObjectNode like = writer.like(alice, note, false);
        assertThat(like.get("type").asText()).isEqualTo("Like");
        assertThat(like.get("id").asText()).startsWith(alice.uri() + "#likes/");
        assertThat(like.get("object").asText()).isEqualTo(note.uri());
        ObjectNode unlike = writer.like(alice, note, true);
        assertThat(unlike.get("type").asText()).isEqualTo("Undo");
        assertThat(unlike.get("id").asText()).endsWith("/undo");
        assertThat(unlike.get("object").has("@context")).isFalse();
        assertThat(unlike.get("object").get("type").asText()).isEqualTo("Like");

        ObjectNode unblock = writer.block(alice, dave, true);
        assertThat(strings(unblock.get("to"))).containsExactly(dave.uri());
        assertThat(unblock.get("object").get("type").asText()).isEqualTo("Block");
        assertThat(unblock.get("object").get("object").asText()).isEqualTo(dave.uri());
    }

    @Test
    void followsAndTheirAnswersEmbedTheFollow() {
        ObjectNode follow = writer.follow(alice, dave, 77);
        assertThat(follow.get("id").asText()).isEqualTo(alice.uri() + "#follows/77");
        assertThat(follow.get("object").asText()).isEqualTo(dave.uri());

        ObjectNode accept = writer.followAnswer(true, alice, dave, dave.uri() + "#follows/5");
        assertThat(accept.get("type").asText()).isEqualTo("Accept");
        assertThat(accept.get("id").asText()).startsWith(alice.uri() + "#accepts/follows/");
        assertThat(strings(accept.get("to"))).containsExactly(dave.uri());
        assertThat(accept.get("object").get("id").asText()).isEqualTo(dave.uri() + "#follows/5");
        assertThat(accept.get("object").get("actor").asText()).isEqualTo(dave.uri());
        assertThat(accept.get("object").get("object").asText()).isEqualTo(alice.uri());
        ObjectNode reject = writer.followAnswer(false, alice, dave, null);
        assertThat(reject.get("type").asText()).isEqualTo("Reject");
        assertThat(reject.get("object").has("id")).isFalse();

        ObjectNode unfollow = writer.unfollow(alice, dave);
        assertThat(unfollow.get("id").asText()).startsWith(alice.uri() + "#follows/" + dave.id() + "/undo/");
        assertThat(unfollow.get("object").get("type").asText()).isEqualTo("Follow");
    }

    @Test
    void aProfileUpdateGoesToPublicAndPinsAreAddsAndRemoves() {
        ObjectNode actor = JSON.createObjectNode();
        actor.put("@context", "https://www.w3.org/ns/activitystreams");
        actor.put("id", alice.uri());
        ObjectNode update = writer.profileUpdated(alice, actor);
        assertThat(strings(update.get("to"))).containsExactly(PUBLIC);
        assertThat(update.has("cc")).isFalse();
        assertThat(update.get("object").get("id").asText()).isEqualTo(alice.uri());

        Status post = status(40, alice, "public", null);
        ObjectNode add = writer.featured(alice, post, true);
        assertThat(add.get("type").asText()).isEqualTo("Add");
        assertThat(add.get("id").asText()).startsWith(alice.uri() + "#adds/");
        assertThat(add.get("target").asText()).isEqualTo(alice.featuredUrl());
        assertThat(writer.featured(alice, post, false).get("id").asText()).startsWith(alice.uri() + "#removes/");
    }

    @Test
    void aVoteIsACreateOfANoteNamedAsTheOptionToThePollsAuthor() {
        Status question = status(50, dave, "public", null);
        ObjectNode vote = writer.vote(alice, question, dave, "dogs");
        assertThat(vote.get("type").asText()).isEqualTo("Create");
        assertThat(strings(vote.get("to"))).containsExactly(dave.uri());
        JsonNode note = vote.get("object");
        assertThat(vote.get("id").asText()).isEqualTo(note.get("id").asText() + "/activity");
        assertThat(note.get("type").asText()).isEqualTo("Note");
        assertThat(note.get("name").asText()).isEqualTo("dogs");
        assertThat(note.get("inReplyTo").asText()).isEqualTo(question.uri());
        assertThat(note.get("attributedTo").asText()).isEqualTo(alice.uri());
    }
}
