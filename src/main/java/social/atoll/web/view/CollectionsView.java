package social.atoll.web.view;

import java.util.List;

/** The pages of collections: an account's list, one collection, its editor, and "add this post to a collection". */
public final class CollectionsView {

    private CollectionsView() {}

    /**
     * One post of a collection as a square: its first picture ({@code preview} null: a post without one shows its
     * text), an album or video badge.
     */
    public record Item(String statusId, String permalink, String preview, String description, String blurhash, boolean video,
                       boolean album, String text) {}

    /** A collection in a list: {@code cover} is its first picture the reader may see (null: none). */
    public record Summary(String id, String title, String description, String visibility, String path, String cover, String coverAlt,
                          int count) {}

    /** What the create/edit form holds (kept when the form comes back with an error). */
    public record Form(String title, String description, String visibility) {
        public static final Form EMPTY = new Form("", "", "public");
    }

    /** {@code /@alice/collections}: the account's collections the reader may see; the owner also gets the create form. */
    public record Index(String displayName, String acct, String profilePath, boolean self, List<Summary> collections, Form form,
                        String error) {}

    /** {@code /@alice/collections/123}. */
    public record Page(Summary collection, String authorName, String authorAcct, String authorPath, String authorAvatar, boolean self,
                       List<Item> items) {}

    /** {@code /collections/123/edit}. */
    public record Edit(Summary collection, Form form, List<Item> items, String error) {}

    /** {@code /collections/add?status=…}: the reader's collections, marked when they hold the post already. */
    public record Add(String statusId, String permalink, String excerpt, List<Choice> choices, String returnTo) {}

    public record Choice(String id, String title, String visibility, boolean holds) {}
}
