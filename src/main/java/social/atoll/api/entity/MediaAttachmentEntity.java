package social.atoll.api.entity;

import java.util.Map;

/**
 * Mastodon's MediaAttachment. {@code url} is null while the file is being processed (the 202 of
 * {@code POST /api/v2/media}); remote addresses are given through Atoll's media proxy, so that a reader's app
 * never contacts a third-party host.
 *
 * @param filterName  the photo filter baked into the file before upload, as Pixelfed exposes it ("Clarendon"); null
 *                    for none
 * @param filterClass Pixelfed's CSS class name for it ({@code filter-clarendon}); null for none
 */
public record MediaAttachmentEntity(
        String id,
        String type,
        String url,
        String previewUrl,
        String remoteUrl,
        String previewRemoteUrl,
        String textUrl,
        Map<String, Object> meta,
        String description,
        String blurhash,
        String filterName,
        String filterClass) {}
