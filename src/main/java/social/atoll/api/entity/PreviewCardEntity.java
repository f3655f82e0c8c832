package social.atoll.api.entity;

import java.util.List;

/** Mastodon's PreviewCard (the link preview under a status). */
public record PreviewCardEntity(
        String url,
        String title,
        String description,
        String type,
        String authorName,
        String authorUrl,
        String providerName,
        String providerUrl,
        String html,
        int width,
        int height,
        String image,
        String imageDescription,
        String embedUrl,
        String blurhash,
        List<Object> authors) {}
