package social.atoll.api.lists;

import java.util.List;
import social.atoll.core.list.UserList;

/** Mastodon's List entity. */
public record ListEntity(String id, String title, String repliesPolicy, boolean exclusive) {

    public static ListEntity of(UserList l) {
        return new ListEntity(Long.toString(l.id()), l.title(), l.repliesPolicy(), l.exclusive());
    }

    public static List<ListEntity> all(List<UserList> lists) { return lists.stream().map(ListEntity::of).toList(); }
}
