package social.atoll.api.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.media.Focus;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaMeta;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.PhotoFilter;
import social.atoll.infra.storage.BlobStore;

/**
 * Media rows → MediaAttachment JSON and profile image URLs, for whole pages at once (one query per page). Stored
 * files get the BlobStore's URL; remote files go through the media proxy.
 */
public final class MediaViews {

    private final BlobStore blobs;
    private final MediaService media;
    private final MediaProxySigner proxy;

    public MediaViews(BlobStore blobs, MediaService media, MediaProxySigner proxy) {
        this.blobs = blobs;
        this.media = media;
        this.proxy = proxy;
    }

    public MediaProxySigner proxy() { return proxy; }

    public MediaAttachmentEntity render(MediaAttachment m) {
        boolean stored = m.fileKey() != null && m.processed();
        String url = stored ? blobs.url(m.fileKey()) : (m.remoteUrl() != null ? proxy.proxied(m.remoteUrl()) : null);
        String preview = m.thumbnailKey() != null ? blobs.url(m.thumbnailKey()) : ("image".equals(m.type()) ? url : null);
        String remote = m.remoteUrl() == null ? null : proxy.proxied(m.remoteUrl());
        MediaMeta meta = media.meta(m);
        PhotoFilter filter = PhotoFilter.find(meta.filter()).orElse(null);
        return new MediaAttachmentEntity(Long.toString(m.id()), m.type(), url, preview, remote, null, null, meta(meta),
                m.description(), m.blurhash(), filter == null ? null : filter.name(), filter == null ? null : filter.cssClass());
    }

    /** The attachments of each status that can be shown (processed, or remote), in posted order. */
    public Map<Long, List<Object>> byStatus(Collection<Long> statusIds) {
        Map<Long, List<Object>> out = new HashMap<>();
        media.byStatusIds(statusIds).forEach((statusId, list) -> {
            List<Object> rendered = new ArrayList<>(list.size());
            for (MediaAttachment m : list) if (m.processed() || m.remoteUrl() != null) rendered.add(render(m));
            out.put(statusId, rendered);
        });
        return out;
    }

    /** Attachments by id, whatever they are attached to (an edit history's versions, a scheduled status). */
    public Map<Long, Object> byIds(Collection<Long> mediaIds) {
        Map<Long, Object> out = new HashMap<>();
        media.byIds(mediaIds).forEach((id, m) -> { if (m.processed() || m.remoteUrl() != null) out.put(id, render(m)); });
        return out;
    }

    /** The original-file URLs of stored profile images, by media id. */
    public Map<Long, String> imageUrls(Collection<Long> mediaIds) {
        Map<Long, String> out = new HashMap<>();
        media.byIds(mediaIds).forEach((id, m) -> { if (m.fileKey() != null && m.processed()) out.put(id, blobs.url(m.fileKey())); });
        return out;
    }

    /** Mastodon's {@code meta}: {@code original} and {@code small} with their size and aspect, and {@code focus}. */
    private static Map<String, Object> meta(MediaMeta m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.original() != null) out.put("original", size(m.original()));
        if (m.small() != null) out.put("small", size(m.small()));
        if (m.focus() != null) out.put("focus", focus(m.focus()));
        return out;
    }

    private static Map<String, Object> size(MediaMeta.Size s) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (s.width() != null && s.height() != null) {
            int w = s.width();
            int h = s.height();
            out.put("width", w);
            out.put("height", h);
            out.put("size", w + "x" + h);
            out.put("aspect", h == 0 ? 0 : (double) w / h);
        }
        if (s.frameRate() != null) out.put("frame_rate", s.frameRate());
        if (s.duration() != null) out.put("duration", s.duration());
        if (s.bitrate() != null) out.put("bitrate", s.bitrate());
        return out;
    }

    private static Map<String, Object> focus(Focus f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x", f.x());
        out.put("y", f.y());
        return out;
    }
}
