package social.atoll.web.view;

import java.util.List;

/**
 * The reader's lists ({@code /lists}) with the form to make one, and one list's settings and members
 * ({@code /lists/{id}/edit}): {@code q} and {@code candidates} are a search among the accounts the reader follows;
 * {@code error} explains a refused change, with the values kept.
 */
public final class ListsView {
    private ListsView() {}

    public record Row(String id, String title, String repliesPolicy, boolean exclusive) {}

    public record Index(List<Row> lists, String title, String error) {}

    public record Edit(Row list, List<StatusCard.Author> members, String q, List<StatusCard.Author> candidates, String error) {}
}
