package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.UserText;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Warning presets (Mastodon's {@code AccountWarningPreset}, managed with {@code manage_settings} as its policy says):
 * a title and a text a moderator picks when acting on an account; each change audited.
 */
public final class WarningPresets {

    public static final int MAX_TITLE = 100;
    public static final int MAX_TEXT = 5_000;

    private final Database db;
    private final ModerationExtrasStore store;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;

    public WarningPresets(Database db, ModerationExtrasStore store, ActionLogStore log, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    /** Listing them is for whoever acts on accounts ({@code manage_users}) or keeps them ({@code manage_settings}). */
    public List<WarningPreset> list(StaffAccess.Actor actor) {
        if (!StaffAccess.can(actor, Permission.MANAGE_USERS)) StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        return store.presets();
    }

    /** The presets for the page that keeps them ({@code manage_settings}). */
    public List<WarningPreset> manageable(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        return store.presets();
    }

    public WarningPreset get(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        return db.read(h -> store.preset(h, id)).orElseThrow(() -> new NotFoundException("warning preset"));
    }

    public WarningPreset create(StaffAccess.Actor actor, String title, String text) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        String ti = title(title);
        String te = text(text);
        Instant now = clock.instant();
        WarningPreset p = new WarningPreset(ids.next(), ti, te, now, now);
        return db.write(h -> {
            store.insertPreset(h, p);
            log.record(h, actor, "create", "AccountWarningPreset", p.id(), human(p), Map.of());
            return p;
        });
    }

    public WarningPreset update(StaffAccess.Actor actor, long id, String title, String text) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        String ti = title(title);
        String te = text(text);
        return db.write(h -> {
            store.preset(h, id).orElseThrow(() -> new NotFoundException("warning preset"));
            store.updatePreset(h, id, ti, te, clock.instant());
            WarningPreset p = store.preset(h, id).orElseThrow();
            log.record(h, actor, "update", "AccountWarningPreset", id, human(p), Map.of());
            return p;
        });
    }

    public void delete(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        db.write(h -> {
            WarningPreset p = store.preset(h, id).orElseThrow(() -> new NotFoundException("warning preset"));
            store.deletePreset(h, id);
            log.record(h, actor, "destroy", "AccountWarningPreset", id, human(p), Map.of());
            return null;
        });
    }

    private static String human(WarningPreset p) { return p.title().isBlank() ? p.text().lines().findFirst().orElse("") : p.title(); }

    private static String title(String s) {
        String t = s == null ? "" : UserText.multiLine(s).strip();
        if (t.codePointCount(0, t.length()) > MAX_TITLE) throw new ValidationException("Title is too long (maximum is 100 characters)");
        return t;
    }

    private static String text(String s) {
        String t = s == null ? "" : UserText.multiLine(s).strip();
        if (t.isEmpty()) throw new ValidationException("Text can't be blank");
        if (t.codePointCount(0, t.length()) > MAX_TEXT) throw new ValidationException("Text is too long (maximum is 5000 characters)");
        return t;
    }
}
