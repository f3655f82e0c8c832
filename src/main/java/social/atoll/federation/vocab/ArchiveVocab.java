package social.atoll.federation.vocab;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.archive.ArchiveDocuments;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;

/**
 * An archive's ActivityStreams in Mastodon's format: written with the same {@link ActorWriter} and {@link NoteWriter}
 * as what this server serves (attachments pointing into the archive instead of the media store), and read back from
 * an {@code outbox.json} of any server that writes Mastodon's archives.
 */
public final class ArchiveVocab implements ArchiveDocuments {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int BATCH = 200;

    private final ActorWriter actors;
    private final NoteWriter notes;
    private final ObjectMapper json;
    private final social.atoll.core.search.RemoteLookup lookup;

    public ArchiveVocab(ActorWriter actors, NoteWriter notes, ObjectMapper json, social.atoll.core.search.RemoteLookup lookup) {
        this.actors = actors;
        this.notes = notes;
        this.json = json;
        this.lookup = lookup;
    }

    @Override
    public java.util.Optional<Status> status(String uri, long viewerId) {
        return lookup.url(uri, viewerId).map(social.atoll.core.search.RemoteLookup.Found::status);
    }

    @Override
    public String actor(Account account, String avatarPath, String headerPath) {
        ObjectNode a = actors.write(account);
        image(a, "icon", avatarPath);
        image(a, "image", headerPath);
        return write(a);
    }

    private static void image(ObjectNode actor, String field, String path) {
        if (path == null) {
            actor.remove(field);
            return;
        }
        ObjectNode img = actor.get(field) instanceof ObjectNode existing ? existing : actor.putObject(field);
        img.put("type", "Image");
        img.put("url", path);
    }

    @Override
    public String outbox(List<Status> statuses, Map<Long, Status> boosted, Map<String, String> mediaPaths) {
        ObjectNode o = F.objectNode();
        o.set("@context", Contexts.note());
        o.put("id", "outbox.json");
        o.put("type", "OrderedCollection");
        ArrayNode items = o.putArray("orderedItems");
        // boosts are Announces of the boosted post (dropped when that post is gone), in their place by date
        List<Status> own = statuses.stream().filter(s -> !s.isReblog()).toList();
        Map<Long, ObjectNode> announces = new java.util.HashMap<>();
        for (Status s : statuses) {
            if (s.isReblog() && boosted.containsKey(s.reblogOfId())) announces.put(s.id(), notes.announce(s, boosted.get(s.reblogOfId())));
        }
        Map<Long, ObjectNode> creates = new java.util.HashMap<>();
        for (int i = 0; i < own.size(); i += BATCH) {
            List<Status> batch = own.subList(i, Math.min(own.size(), i + BATCH));
            List<ObjectNode> written = notes.createActivities(batch);
            for (int k = 0; k < batch.size(); k++) creates.put(batch.get(k).id(), written.get(k));
        }
        o.put("totalItems", creates.size() + announces.size());
        for (Status s : statuses) {
            ObjectNode announce = announces.get(s.id());
            if (announce != null) {
                announce.remove("@context");
                items.add(announce);
                continue;
            }
            ObjectNode create = creates.get(s.id());
            if (create == null) continue;
            for (JsonNode att : AsValues.list(create.path("object").get("attachment"))) {
                if (att instanceof ObjectNode d && d.path("url").isTextual()) {
                    String path = mediaPaths.get(d.get("url").asText());
                    if (path != null) d.put("url", path);
                }
            }
            items.add(create);
        }
        return write(o);
    }

    @Override
    public String uris(String id, List<String> uris) {
        ObjectNode o = F.objectNode();
        o.put("@context", Contexts.plain());
        o.put("id", id);
        o.put("type", "OrderedCollection");
        o.put("totalItems", uris.size());
        ArrayNode items = o.putArray("orderedItems");
        uris.forEach(items::add);
        return write(o);
    }

    @Override
    public List<ArchivePost> posts(Path outbox) {
        JsonNode doc;
        try (InputStream in = Files.newInputStream(outbox)) {
            doc = json.readTree(in);
        } catch (JacksonException e) {
            throw new ImportException("outbox.json is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ImportException("outbox.json cannot be read: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject() || !AsValues.hasType(doc, "OrderedCollection", "Collection"))
            throw new ImportException("outbox.json is not an ActivityStreams collection");
        JsonNode items = doc.has("orderedItems") ? doc.get("orderedItems") : doc.get("items");
        if (items == null || !items.isArray()) throw new ImportException("outbox.json holds no items");
        List<ArchivePost> posts = new ArrayList<>();
        for (JsonNode activity : items) {
            if (AsValues.hasType(activity, "Announce")) {
                // a boost: brought back when the boosted post can still be had (see ArchiveImporter)
                String id = AsValues.id(activity);
                String object = AsValues.id(activity.get("object"));
                Instant published = AsValues.instant(activity, "published");
                if (id != null && object != null && published != null)
                    posts.add(new ArchivePost(id, "", null, false, visibility(activity), null, published, null, List.of(), object));
                continue;
            }
            if (!AsValues.hasType(activity, "Create")) continue;
            JsonNode note = activity.get("object");
            if (note == null || !note.isObject() || !AsValues.hasType(note, "Note", "Article", "Page", "Question")) continue;
            String uri = AsValues.id(note);
            Instant published = AsValues.instant(note, "published");
            if (published == null) published = AsValues.instant(activity, "published");
            if (uri == null || published == null) continue;
            String content = AsValues.natural(note, "content");
            String language = null;
            if (note.path("contentMap").isObject() && note.get("contentMap").fieldNames().hasNext())
                language = note.get("contentMap").fieldNames().next();
            List<ArchiveMedia> media = new ArrayList<>();
            for (JsonNode att : AsValues.list(note.get("attachment"))) {
                String url = AsValues.url(att);
                if (url == null) continue;
                String focus = null;
                JsonNode fp = att.get("focalPoint");
                if (fp != null && fp.isArray() && fp.size() == 2) focus = fp.get(0).asDouble() + "," + fp.get(1).asDouble();
                media.add(new ArchiveMedia(url, AsValues.text(att, "mediaType"), AsValues.natural(att, "name"), focus));
            }
            posts.add(new ArchivePost(uri, content == null ? "" : content, AsValues.natural(note, "summary"), AsValues.bool(note, "sensitive"),
                    visibility(note), language, published, AsValues.id(note.get("inReplyTo")), media));
        }
        posts.sort(Comparator.comparing(ArchivePost::published));
        return posts;
    }

    /** Mastodon's visibility from the addressing: Public in to, in cc, the followers collection, or people only. */
    private static Visibility visibility(JsonNode note) {
        List<String> to = AsValues.ids(note.get("to"));
        List<String> cc = AsValues.ids(note.get("cc"));
        if (to.stream().anyMatch(AsValues::isPublic)) return Visibility.PUBLIC;
        if (cc.stream().anyMatch(AsValues::isPublic)) return Visibility.UNLISTED;
        if (to.stream().anyMatch(u -> u.endsWith("/followers")) || cc.stream().anyMatch(u -> u.endsWith("/followers"))) return Visibility.PRIVATE;
        return Visibility.DIRECT;
    }

    private String write(ObjectNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
