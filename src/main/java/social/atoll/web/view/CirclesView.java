package social.atoll.web.view;

import java.util.List;

/**
 * The reader's circles ({@code /circles}) with the form to make one, and one circle's title and members
 * ({@code /circles/{id}/edit}): {@code candidates} are the reader's followers not yet in it (matching {@code q});
 * {@code error} explains a refused change, with the values kept.
 */
public final class CirclesView {
    private CirclesView() {}

    public record Row(String id, String title) {}

    public record Index(List<Row> circles, String title, String error) {}

    public record Edit(Row circle, List<StatusCard.Author> members, String q, List<StatusCard.Author> candidates, String error) {}
}
