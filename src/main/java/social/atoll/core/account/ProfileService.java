package social.atoll.core.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowService;
import social.atoll.core.status.TextFormatter;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;

/**
 * Editing a local profile. The bio and field values are kept as typed and as HTML made by {@link TextFormatter}
 * (links, mentions, hashtags), never as HTML from the client. A field keeps its {@code verified_at} while its value
 * is unchanged. Unlocking an account accepts the follow requests that were waiting, as Mastodon does.
 */
public final class ProfileService {

    /** Announced after a profile changed (federation sends an Update of the actor). */
    public record ProfileUpdated(long accountId) {}

    /** One field as stored in {@code accounts.fields}: name as typed, value as HTML and as typed. */
    public record StoredField(String name, String value, String valueSource, String verifiedAt) {}

    private static final Set<String> PRIVACY = Set.of("public", "unlisted", "private");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final Database db;
    private final AccountStore accounts;
    private final TextFormatter formatter;
    private final FollowService follows;
    private final JsonColumns json;
    private final Clock clock;
    private final EventBus events;

    public ProfileService(Database db, AccountStore accounts, TextFormatter formatter, FollowService follows,
                          JsonColumns json, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.formatter = formatter;
        this.follows = follows;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Applies {@code u} to the local account and returns it as stored. */
    public Account update(long accountId, ProfileUpdate u) {
        Account current = accounts.byId(accountId).filter(Account::local).orElseThrow(() -> new NotFoundException("account"));
        validate(u);
        String displayName = u.displayName() == null ? current.displayName() : u.displayName().strip();
        String noteSource = u.note() == null ? current.noteSource() : u.note().strip();
        String note = u.note() == null ? current.note() : formatter.format(noteSource).html();
        String fields = u.fields() == null ? current.fields() : fieldsJson(current, u.fields());
        boolean locked = u.locked() == null ? current.locked() : u.locked();
        boolean bot = u.bot() == null ? current.bot() : u.bot();
        String actorType = "Group".equals(current.actorType()) ? "Group" : bot ? "Service" : "Person";
        boolean unlocking = current.locked() && !locked;

        db.write(h -> {
            accounts.updateProfile(h, new AccountStore.ProfileRow(accountId, displayName, note, noteSource, fields, locked, bot, actorType,
                    u.discoverable() == null ? current.discoverable() : u.discoverable(),
                    u.indexable() == null ? current.indexable() : u.indexable(),
                    u.hideCollections() == null ? current.hideCollections() : u.hideCollections(),
                    clock.instant()));
            if (u.privacy() != null) accounts.updateDefaultPrivacy(h, accountId, u.privacy());
            if (u.sensitive() != null) accounts.updateDefaultSensitive(h, accountId, u.sensitive());
            if (u.language() != null)
                accounts.updateDefaultLanguage(h, accountId, u.language().isBlank() ? null : u.language().trim());
            if (unlocking) follows.authorizeAll(accountId);
            events.publish(new ProfileUpdated(accountId));
            return null;
        });
        return accounts.byId(accountId).orElseThrow();
    }

    private static void validate(ProfileUpdate u) {
        if (u.displayName() != null && length(u.displayName().strip()) > ProfileLimits.MAX_DISPLAY_NAME)
            throw new ValidationException("Display name is too long (maximum is " + ProfileLimits.MAX_DISPLAY_NAME + " characters)");
        if (u.note() != null && length(u.note().strip()) > ProfileLimits.MAX_NOTE)
            throw new ValidationException("Note is too long (maximum is " + ProfileLimits.MAX_NOTE + " characters)");
        if (u.fields() != null) {
            long given = u.fields().stream().filter(f -> !blank(f.name()) || !blank(f.value())).count();
            if (given > ProfileLimits.MAX_FIELDS)
                throw new ValidationException("Fields is too long (maximum is " + ProfileLimits.MAX_FIELDS + " fields)");
            for (ProfileUpdate.FieldInput f : u.fields()) {
                if (f.name() != null && length(f.name().strip()) > ProfileLimits.MAX_FIELD_NAME)
                    throw new ValidationException("Fields name is too long (maximum is " + ProfileLimits.MAX_FIELD_NAME + " characters)");
                if (f.value() != null && length(f.value().strip()) > ProfileLimits.MAX_FIELD_VALUE)
                    throw new ValidationException("Fields value is too long (maximum is " + ProfileLimits.MAX_FIELD_VALUE + " characters)");
            }
        }
        checkPostingDefaults(u.privacy(), u.language());
    }

    /**
     * The rule for posting defaults, wherever they are set (here and on the preferences page): a visibility among
     * public, unlisted and private (a direct default would hide every post), a language code or none. Null is
     * "unchanged" and passes.
     */
    public static void checkPostingDefaults(String privacy, String language) {
        if (privacy != null && !PRIVACY.contains(privacy))
            throw new ValidationException("Privacy is not included in the list");
        if (language != null && !language.isBlank() && !LANGUAGE.matcher(language.trim()).matches())
            throw new ValidationException("Language is not included in the list");
    }

    /** The fields of a local profile as stored: name, value as typed and as HTML, verification. */
    public List<StoredField> fields(Account a) { return storedFields(a); }

    private String fieldsJson(Account current, List<ProfileUpdate.FieldInput> input) {
        Map<String, String> verified = new HashMap<>();
        for (StoredField f : storedFields(current)) {
            if (f.verifiedAt() != null && f.valueSource() != null) verified.put(f.valueSource(), f.verifiedAt());
        }
        List<StoredField> out = new ArrayList<>();
        for (ProfileUpdate.FieldInput f : input) {
            String name = f.name() == null ? "" : f.name().strip();
            // A field value is one line; the formatter's paragraph wrapper does not belong inside it.
            String value = f.value() == null ? "" : f.value().strip().replaceAll("\\s*\\R\\s*", " ");
            if (name.isEmpty() && value.isEmpty()) continue;
            out.add(new StoredField(name, unwrapParagraph(formatter.format(value).html()), value, verified.get(value)));
        }
        return json.write(out);
    }

    private List<StoredField> storedFields(Account a) {
        try {
            return json.readList(a.fields(), StoredField.class);
        } catch (JsonColumns.JsonColumnException e) {
            return List.of();
        }
    }

    private static String unwrapParagraph(String html) {
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0)
            return html.substring(3, html.length() - 4);
        return html;
    }

    private static int length(String s) { return s.codePointCount(0, s.length()); }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
