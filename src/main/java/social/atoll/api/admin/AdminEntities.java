package social.atoll.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.StatusEntity;

/** Mastodon's admin entities, field for field ({@code REST::Admin::*Serializer}). */
public final class AdminEntities {

    private AdminEntities() {}

    public record Ip(String ip, String usedAt) {}

    /** Admin::Account. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Account(String id, String username, String domain, String createdAt, String email, String ip, List<Ip> ips,
                          AccountEntity.Role role, boolean confirmed, boolean suspended, boolean silenced, boolean sensitized,
                          boolean disabled, boolean approved, String locale, String inviteRequest, AccountEntity account) {}

    public record Rule(String id, String text, String hint) {}

    /** Admin::Report. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(String id, boolean actionTaken, String actionTakenAt, String category, String comment, boolean forwarded,
                         String createdAt, String updatedAt, Account account, Account targetAccount, Account assignedAccount,
                         Account actionTakenByAccount, List<StatusEntity> statuses, List<Rule> rules) {}

    /** Admin::DomainBlock. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DomainBlock(String id, String domain, String digest, String createdAt, String severity, boolean rejectMedia,
                              boolean rejectReports, String privateComment, String publicComment, boolean obfuscate) {}

    /** Admin::DomainAllow. */
    public record DomainAllow(String id, String domain, String createdAt) {}

    /** The public DomainBlock of {@code /api/v1/instance/domain_blocks}. */
    public record PublicDomainBlock(String domain, String digest, String severity,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String comment) {}
}
