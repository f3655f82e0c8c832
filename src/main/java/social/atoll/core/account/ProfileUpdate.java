package social.atoll.core.account;

import java.util.List;

/**
 * Changes to a local profile ({@code update_credentials}). A null member is left as it is; an empty string clears
 * a text, an empty {@code fields} list removes every field. {@code privacy}, {@code sensitive} and {@code language}
 * are the posting defaults kept on the user.
 */
public record ProfileUpdate(String displayName, String note, Boolean locked, Boolean bot, Boolean discoverable,
                            Boolean indexable, Boolean hideCollections, List<FieldInput> fields, String privacy,
                            Boolean sensitive, String language) {

    /** One profile field as typed. */
    public record FieldInput(String name, String value) {}
}
