package social.atoll.api.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.core.media.MediaStore;
import social.atoll.infra.storage.BlobStore;

/**
 * Media rows → MediaAttachment JSON and profile image URLs, for whole pages at once (one query per page). Stored
 * files get the BlobStore's URL; remote files go through the media proxy.
 */
public final class MediaViews {

    private final BlobStore blobs;
    private final MediaStore store;
    private final MediaProxySigner proxy;
    private final ObjectMapper json;

    public MediaViews(BlobStore blobs, MediaStore store, MediaProxySigner proxy, ObjectMapper json) {
        this.blobs = blobs;
        this.store = store;
        this.proxy = proxy;
        this.json = json;
    }

    public MediaProxySigner proxy() { return proxy; }

    public MediaAttachmentEntity render(MediaAttachment m) {
        boolean stored = m.fileKey() != null && m.processed();
        String url = stored ? blobs.url(m.fileKey()) : (m.remoteUrl() != null ? proxy.proxied(m.remoteUrl()) : null);
        String preview = m.thumbnailKey() != null ? blobs.url(m.thumbnailKey()) : ("image".equals(m.type()) ? url : null);
        String remote = m.remoteUrl() == null ? null : proxy.proxied(m.remoteUrl());
        return new MediaAttachmentEntity(Long.toString(m.id()), m.type(), url, preview, remote, null, null, meta(m.meta()),
                m.description(), m.blurhash());
    }

    /** The attachments of each status that can be shown (processed, or remote), in posted order. */
    public Map<Long, List<Object>> byStatus(Collection<Long> statusIds) {
        Map<Long, List<Object>> out = new HashMap<>();
        store.byStatusIds(statusIds).forEach((statusId, list) -> {
            List<Object> rendered = new ArrayList<>(list.size());
            for (MediaAttachment m : list) if (m.processed() || m.remoteUrl() != null) rendered.add(render(m));
            out.put(statusId, rendered);
        });
        return out;
    }

    /** Attachments by id, whatever they are attached to (an edit history's versions, a scheduled status). */
    public Map<Long, Object> byIds(Collection<Long> mediaIds) {
        Map<Long, Object> out = new HashMap<>();
        store.byIds(mediaIds).forEach((id, m) -> { if (m.processed() || m.remoteUrl() != null) out.put(id, render(m)); });
        return out;
    }

    /** The original-file URLs of stored profile images, by media id. */
    public Map<Long, String> imageUrls(Collection<Long> mediaIds) {
        Map<Long, String> out = new HashMap<>();
        store.byIds(mediaIds).forEach((id, m) -> { if (m.fileKey() != null && m.processed()) out.put(id, blobs.url(m.fileKey())); });
        return out;
    }

    private JsonNode meta(String meta) {
        try {
            return meta == null ? JsonNodeFactory.instance.objectNode() : json.readTree(meta);
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
