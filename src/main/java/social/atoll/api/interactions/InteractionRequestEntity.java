package social.atoll.api.interactions;

import com.fasterxml.jackson.annotation.JsonInclude;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.StatusEntity;

/**
 * GoToSocial's {@code InteractionRequest}: the kind ({@code favourite}, {@code reply}, {@code reblog}), who, the status
 * interacted with, the held reply (only for a reply), and when it was accepted or rejected (absent until then).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InteractionRequestEntity(String id, String type, String createdAt, AccountEntity account, StatusEntity status,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) StatusEntity reply,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) String acceptedAt,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) String rejectedAt) {}
