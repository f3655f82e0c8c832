package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import social.atoll.core.relationship.Relationship;

/** Mastodon's Relationship entity. {@code languages} is null (not absent) when no language filter applies. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RelationshipEntity(
        String id,
        boolean following,
        boolean showingReblogs,
        boolean notifying,
        List<String> languages,
        boolean followedBy,
        boolean blocking,
        boolean blockedBy,
        boolean muting,
        boolean mutingNotifications,
        boolean requested,
        boolean requestedBy,
        boolean domainBlocking,
        boolean endorsed,
        String note) {

    public static RelationshipEntity of(Relationship r) {
        return new RelationshipEntity(Long.toString(r.id()), r.following(), r.showingReblogs(), r.notifying(),
                r.languages(), r.followedBy(), r.blocking(), r.blockedBy(), r.muting(), r.mutingNotifications(),
                r.requested(), r.requestedBy(), r.domainBlocking(), r.endorsed(), r.note());
    }

    public static List<RelationshipEntity> all(Collection<Relationship> list) {
        List<RelationshipEntity> out = new ArrayList<>(list.size());
        for (Relationship r : list) out.add(of(r));
        return out;
    }
}
