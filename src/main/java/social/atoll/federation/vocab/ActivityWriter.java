package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.infra.ids.IdGenerator;

/**
 * The activities Atoll sends besides the {@code Create}/{@code Announce} of {@link NoteWriter}, shaped as Mastodon
 * shapes them (spec §4): ids on our host, the original activity embedded (without {@code @context}) in
 * Accept/Reject/Undo, {@code to}/{@code cc} copied from the object for Update.
 */
public final class ActivityWriter {

    private final ObjectMapper json;
    private final IdGenerator ids;

    public ActivityWriter(ObjectMapper json, IdGenerator ids) {
        this.json = json;
        this.ids = ids;
    }

    // --- statuses ---------------------------------------------------------------------------------------------

    /** {@code Update} of an edited status's object ({@link NoteWriter#object}), one id per edit. */
    public ObjectNode statusEdited(Account author, Status s, ObjectNode note) {
        Instant at = s.editedAt() != null ? s.editedAt() : s.updatedAt();
        return update(s.uri() + "#updates/" + at.toEpochMilli(), author, note);
    }

    /** {@code Update} of a local poll's Question with its new tallies. */
    public ObjectNode pollTallied(Account author, Status question, ObjectNode note) {
        return update(question.uri() + "#updates/" + ids.next(), author, note);
    }

    /**
     * {@code Delete} of a status, its object a Tombstone, addressed as the status was (Mastodon's addressing per
     * visibility; the status's rows are gone, so the mentioned accounts are given).
     */
    public ObjectNode statusDeleted(Account author, Status s, Collection<Account> mentioned) {
        List<String> mentions = mentioned.stream().map(Account::uri).toList();
        NoteWriter.Audience audience = NoteWriter.addressing(s.visibilityEnum(), author.followersUrl(), mentions, List.of());
        ObjectNode d = envelope(s.uri() + "#delete", "Delete", author);
        d.set("to", array(audience.to()));
        d.set("cc", array(audience.cc()));
        ObjectNode t = json.createObjectNode();
        t.put("id", s.uri());
        t.put("type", "Tombstone");
        t.put("atomUri", s.uri());
        d.set("object", t);
        return d;
    }

    /** {@code Undo} of a boost's Announce ({@code original}: the boosted status, null when it is gone). */
    public ObjectNode boostUndone(Account booster, Status boost, Status original) {
        ObjectNode announce = json.createObjectNode();
        announce.put("id", boost.uri());
        announce.put("type", "Announce");
        announce.put("actor", booster.uri());
        announce.put("published", time(boost.createdAt()));
        announce.set("to", array(List.of(AsValues.PUBLIC)));
        announce.set("cc", array(List.of(booster.followersUrl())));
        announce.put("object", original == null ? boost.uri() : original.uri());
        return undo(boost.uri() + "#undo", booster, announce, null);
    }

    /**
     * A vote on a remote poll: a {@code Create} of a Note named as the chosen option, answering the Question,
     * addressed to its author only (spec §3.6).
     */
    public ObjectNode vote(Account voter, Status question, Account pollAuthor, String option) {
        String id = voter.uri() + "#votes/" + ids.next();
        ObjectNode note = json.createObjectNode();
        note.put("id", id);
        note.put("type", "Note");
        note.put("name", option);
        note.put("attributedTo", voter.uri());
        note.put("inReplyTo", question.uri());
        note.set("to", array(List.of(pollAuthor.uri())));
        ObjectNode create = envelope(id + "/activity", "Create", voter);
        create.set("to", note.get("to"));
        create.set("object", note);
        return create;
    }

    /** {@code Like} of a remote status, or its {@code Undo}. */
    public ObjectNode like(Account actor, Status status, boolean undo) {
        String id = actor.uri() + "#likes/" + ids.next();
        ObjectNode like = envelope(id, "Like", actor);
        like.put("object", status.uri());
        return undo ? undo(id + "/undo", actor, withoutContext(like), null) : like;
    }

    /**
     * An emoji reaction to a remote status, or its {@code Undo}: Akkoma's {@code EmojiReact} (emoji in {@code content},
     * a custom one as {@code :name:} with its Emoji tag), or for Misskey and its forks the {@code Like} with
     * {@code _misskey_reaction} they understand. The id names the reaction, so the Undo names the same activity.
     * {@code emojiTag} is null for a Unicode emoji.
     */
    public ObjectNode reaction(Account actor, Status status, long reactionId, String content, ObjectNode emojiTag, boolean misskey,
                               boolean undo) {
        String id = actor.uri() + "#reactions/" + reactionId;
        ObjectNode r = envelope(id, misskey ? "Like" : "EmojiReact", actor);
        ArrayNode context = json.createArrayNode();
        context.add(AsValues.AS_CONTEXT);
        ObjectNode terms = context.addObject();
        terms.put("toot", "http://joinmastodon.org/ns#");
        terms.put("Emoji", "toot:Emoji");
        if (misskey) {
            terms.put("misskey", "https://misskey-hub.net/ns#");
            terms.put("_misskey_reaction", "misskey:_misskey_reaction");
        } else {
            terms.put("litepub", "http://litepub.social/ns#");
            terms.put("EmojiReact", "litepub:EmojiReact");
        }
        r.set("@context", context);
        r.put("object", status.uri());
        r.put("content", content);
        if (misskey) r.put("_misskey_reaction", content);
        if (emojiTag != null) r.set("tag", array(List.of()).add(emojiTag));
        return undo ? undo(id + "/undo", actor, withoutContext(r), null) : r;
    }

    /** {@code Add} (pinned) or {@code Remove} (unpinned) of a status on the actor's featured collection, to Public. */
    public ObjectNode featured(Account actor, Status status, boolean add) {
        String type = add ? "Add" : "Remove";
        ObjectNode a = envelope(actor.uri() + "#" + (add ? "adds" : "removes") + "/" + ids.next(), type, actor);
        a.put("object", status.uri());
        a.put("target", actor.featuredUrl());
        a.set("to", array(List.of(AsValues.PUBLIC)));
        return a;
    }

    // --- accounts ---------------------------------------------------------------------------------------------

    /** {@code Follow} of a remote account; {@code requestId} (the follow request's row) makes the id. */
    public ObjectNode follow(Account follower, Account target, long requestId) {
        ObjectNode f = envelope(follower.uri() + "#follows/" + requestId, "Follow", follower);
        f.put("object", target.uri());
        return f;
    }

    /** {@code Undo} of a Follow of a remote account (its id may be unknown: actor and object name it). */
    public ObjectNode unfollow(Account follower, Account target) {
        String id = follower.uri() + "#follows/" + target.id() + "/undo/" + ids.next();
        return undo(id, follower, embeddedFollow(null, follower, target), target.uri());
    }

    /** {@code Accept} or {@code Reject} by local {@code target} of the Follow {@code followId} (may be null) of a remote follower. */
    public ObjectNode followAnswer(boolean accept, Account target, Account follower, String followId) {
        String type = accept ? "Accept" : "Reject";
        ObjectNode a = envelope(target.uri() + "#" + (accept ? "accepts" : "rejects") + "/follows/" + ids.next(), type, target);
        a.set("to", array(List.of(follower.uri())));
        a.set("object", embeddedFollow(followId, follower, target));
        return a;
    }

    /** {@code Block} of a remote account, or its {@code Undo}. */
    public ObjectNode block(Account actor, Account target, boolean undo) {
        String id = actor.uri() + "#blocks/" + ids.next();
        ObjectNode b = envelope(id, "Block", actor);
        b.put("object", target.uri());
        return undo ? undo(id + "/undo", actor, withoutContext(b), target.uri()) : b;
    }

    /**
     * {@code Move} of a local account to {@code target}, as Mastodon sends it: actor and object the account that
     * moved, addressed to its followers; the id names the move ({@code #moves/<id>}).
     */
    public ObjectNode move(Account account, Account target, long moveId) {
        ObjectNode m = envelope(account.uri() + "#moves/" + moveId, "Move", account);
        m.put("object", account.uri());
        m.put("target", target.uri());
        m.set("to", array(List.of(account.followersUrl())));
        return m;
    }

    /** {@code Update} of a local actor ({@link ActorWriter#write}), to Public. */
    public ObjectNode profileUpdated(Account account, ObjectNode actor) {
        ObjectNode update = update(account.uri() + "#updates/" + ids.next(), account, actor);
        update.set("to", array(List.of(AsValues.PUBLIC)));
        update.remove("cc");
        return update;
    }

    /**
     * {@code Delete} of a local actor, as Mastodon's {@code DeleteActorSerializer}: id {@code <actor>#delete}, actor
     * and object the account, addressed to Public.
     */
    public ObjectNode actorDeleted(Account account) {
        ObjectNode d = envelope(account.uri() + "#delete", "Delete", account);
        d.set("to", array(List.of(AsValues.PUBLIC)));
        d.put("object", account.uri());
        return d;
    }

    // --- moderation -------------------------------------------------------------------------------------------

    /**
     * {@code Flag} of a forwarded report, as Mastodon sends it: from the instance actor (the reporter stays
     * anonymous), its object the reported account then its reported statuses, the comment as content.
     */
    public ObjectNode flag(String id, String instanceActorUri, String targetUri, List<String> statusUris, String comment) {
        ObjectNode f = json.createObjectNode();
        f.put("@context", AsValues.AS_CONTEXT);
        f.put("id", id);
        f.put("type", "Flag");
        f.put("actor", instanceActorUri);
        f.put("content", comment);
        List<String> objects = new ArrayList<>();
        objects.add(targetUri);
        objects.addAll(statusUris);
        f.set("object", array(objects));
        return f;
    }

    // --- shapes -----------------------------------------------------------------------------------------------

    private ObjectNode envelope(String id, String type, Account actor) {
        ObjectNode a = json.createObjectNode();
        a.put("@context", AsValues.AS_CONTEXT);
        a.put("id", id);
        a.put("type", type);
        a.put("actor", actor.uri());
        return a;
    }

    /** Update of an object: its context and addressing, the object embedded without its context. */
    private ObjectNode update(String id, Account actor, JsonNode object) {
        ObjectNode a = envelope(id, "Update", actor);
        if (object.has("@context")) a.set("@context", object.get("@context"));
        if (object.has("to")) a.set("to", object.get("to"));
        if (object.has("cc")) a.set("cc", object.get("cc"));
        a.set("object", withoutContext(object));
        return a;
    }

    private ObjectNode undo(String id, Account actor, JsonNode undone, String to) {
        ObjectNode a = envelope(id, "Undo", actor);
        if (to != null) a.set("to", array(List.of(to)));
        a.set("object", undone);
        return a;
    }

    /** The Follow as embedded in Accept/Reject/Undo: its id when known, always its actor and object. */
    private ObjectNode embeddedFollow(String id, Account follower, Account target) {
        ObjectNode f = json.createObjectNode();
        if (id != null) f.put("id", id);
        f.put("type", "Follow");
        f.put("actor", follower.uri());
        f.put("object", target.uri());
        return f;
    }

    private static ObjectNode withoutContext(JsonNode object) {
        ObjectNode inner = object.deepCopy();
        inner.remove("@context");
        return inner;
    }

    private ArrayNode array(List<String> values) {
        ArrayNode a = json.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static String time(Instant t) { return t.truncatedTo(ChronoUnit.SECONDS).toString(); }
}
