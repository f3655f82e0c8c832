package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mastodon's StatusEdit: one version of a status; {@code poll} only when that version had one (titles only). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusEditEntity(
        String content,
        String spoilerText,
        boolean sensitive,
        String createdAt,
        AccountEntity account,
        @JsonInclude(JsonInclude.Include.NON_NULL) Poll poll,
        List<Object> mediaAttachments,
        List<Object> emojis) {

    public record Poll(List<Option> options) {}

    public record Option(String title) {}
}
