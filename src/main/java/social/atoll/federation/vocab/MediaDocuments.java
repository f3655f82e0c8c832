package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaStore;
import social.atoll.infra.storage.BlobStore;

/**
 * Local media as ActivityStreams: post attachments as Mastodon sends them ({@code Document} with {@code mediaType},
 * {@code url}, alt text as {@code name}, {@code blurhash}, {@code focalPoint}, {@code width}/{@code height}) and the
 * URLs of profile images. Only processed files stored here are published; remote copies are not re-published.
 */
public final class MediaDocuments {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediaStore store;
    private final BlobStore blobs;

    public MediaDocuments(MediaStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** The attachments of each status, in posted order, in one query. */
    public Map<Long, List<ObjectNode>> attachments(Collection<Long> statusIds) {
        Map<Long, List<ObjectNode>> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        store.byStatusIds(statusIds).forEach((statusId, list) -> {
            List<ObjectNode> docs = new ArrayList<>();
            for (MediaAttachment m : list) {
                if (m.fileKey() == null || !m.processed()) continue;
                docs.add(document(m));
            }
            out.put(statusId, docs);
        });
        return out;
    }

    /** The public URL of a stored profile image. */
    public Optional<String> imageUrl(Long mediaId) {
        if (mediaId == null) return Optional.empty();
        return store.byId(mediaId).filter(m -> m.fileKey() != null && m.processed()).map(m -> blobs.url(m.fileKey()));
    }

    private ObjectNode document(MediaAttachment m) {
        ObjectNode d = F.objectNode();
        d.put("type", "Document");
        d.put("mediaType", m.contentType());
        d.put("url", blobs.url(m.fileKey()));
        if (m.description() == null || m.description().isBlank()) d.putNull("name");
        else d.put("name", m.description());
        if (m.blurhash() != null) d.put("blurhash", m.blurhash());
        JsonNode meta = meta(m.meta());
        JsonNode focus = meta.path("focus");
        if (focus.has("x") && focus.has("y")) d.putArray("focalPoint").add(focus.get("x").asDouble()).add(focus.get("y").asDouble());
        JsonNode original = meta.path("original");
        if (original.has("width") && original.has("height")) {
            d.put("width", original.get("width").asInt());
            d.put("height", original.get("height").asInt());
        }
        return d;
    }

    private static JsonNode meta(String meta) {
        try {
            return meta == null ? F.objectNode() : JSON.readTree(meta);
        } catch (IOException e) {
            return F.objectNode();
        }
    }
}
