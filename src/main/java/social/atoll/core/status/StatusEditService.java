package social.atoll.core.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollRules;
import social.atoll.core.poll.PollService;
import social.atoll.core.poll.PollStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Editing local statuses. Each edit keeps a version in {@code status_edits} (the first edit also keeps the original),
 * re-derives mentions and hashtags from the new text, and announces {@link StatusEvents.StatusUpdated}. An edit that
 * changes nothing is not recorded, as in Mastodon.
 */
public final class StatusEditService {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?");

    private final Database db;
    private final StatusStore statuses;
    private final StatusService statusService;
    private final TextFormatter formatter;
    private final PollService pollService;
    private final PollStore polls;
    private final JsonColumns json;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;
    /** Media of edits; null: edits leave attachments alone. */
    private final StatusAttachments attachments;

    public StatusEditService(Database db, StatusStore statuses, StatusService statusService, TextFormatter formatter,
                             PollService pollService, PollStore polls, JsonColumns json, IdGenerator ids, Clock clock,
                             Settings settings, EventBus events) {
        this(db, statuses, statusService, formatter, pollService, polls, json, ids, clock, settings, events, null);
    }

    public StatusEditService(Database db, StatusStore statuses, StatusService statusService, TextFormatter formatter,
                             PollService pollService, PollStore polls, JsonColumns json, IdGenerator ids, Clock clock,
                             Settings settings, EventBus events, StatusAttachments attachments) {
        this.attachments = attachments;
        this.db = db;
        this.statuses = statuses;
        this.statusService = statusService;
        this.formatter = formatter;
        this.pollService = pollService;
        this.polls = polls;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Edits {@code accountId}'s own status (a boost cannot be edited); anything else is not found. */
    public Status edit(long accountId, long statusId, StatusUpdate u) {
        Status before = statuses.byId(statusId).filter(s -> s.accountId() == accountId && !s.isReblog())
                .orElseThrow(() -> new NotFoundException("status"));
        String text = u.text() == null ? "" : u.text();
        String spoiler = u.spoilerText() == null ? "" : u.spoilerText().strip();
        boolean editsMedia = attachments != null && u.mediaIds() != null;
        if (text.isBlank() && !(editsMedia && !u.mediaIds().isEmpty())) throw new ValidationException("Text can't be blank");
        if (StatusLength.of(text, spoiler) > settings.maxStatusChars())
            throw new ValidationException("Text character limit of " + settings.maxStatusChars() + " exceeded");
        if (u.poll() != null) PollRules.check(u.poll());
        boolean sensitive = Boolean.TRUE.equals(u.sensitive()) || !spoiler.isEmpty();
        String language = u.language() != null && LANGUAGE.matcher(u.language()).matches()
                ? u.language().toLowerCase(Locale.ROOT) : before.language();
        TextFormatter.Formatted formatted = formatter.format(text);

        return db.write(h -> {
            Instant now = clock.instant();
            List<String> oldOptions = polls.byStatus(h, statusId).map(Poll::options).orElse(null);
            boolean pollChanged = pollService.replace(h, before, u.poll());
            List<Long> oldMedia = attachments == null ? List.of() : attachments.current(h, statusId);
            boolean mediaChanged = editsMedia && attachments.replace(h, accountId, statusId, u.mediaIds(), u.mediaChanges());
            List<Long> newMedia = attachments == null ? List.of() : attachments.current(h, statusId);
            boolean changed = pollChanged || mediaChanged || !text.equals(before.text()) || !spoiler.equals(before.spoilerText())
                    || sensitive != before.sensitive() || !Objects.equals(language, before.language());
            if (!changed) return statuses.byId(statusId).orElse(before);

            boolean firstEdit = h.createQuery("SELECT COUNT(*) FROM status_edits WHERE status_id = :s").bind("s", statusId)
                    .mapTo(Integer.class).one() == 0;
            if (firstEdit) snapshot(h, before, before.text(), before.content(), before.spoilerText(), before.sensitive(), oldOptions,
                    oldMedia, before.createdAt());

            h.createUpdate("""
                            UPDATE statuses SET text = :text, content = :content, spoiler_text = :spoiler, sensitive = :sensitive,
                              language = :language, edited_at = :now, updated_at = :now WHERE id = :id""")
                    .bind("text", text).bind("content", formatted.html()).bind("spoiler", spoiler).bind("sensitive", sensitive)
                    .bind("language", language).bind("now", now).bind("id", statusId).execute();
            List<Long> mentioned = replaceMentions(h, statusId, formatted.mentions());
            h.createUpdate("DELETE FROM status_tags WHERE status_id = :s").bind("s", statusId).execute();
            for (String tag : formatted.tags()) statusService.attachTag(h, statusId, tag, now);
            List<String> newOptions = polls.byStatus(h, statusId).map(Poll::options).orElse(null);
            snapshot(h, before, text, formatted.html(), spoiler, sensitive, newOptions, newMedia, now);

            Status after = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", statusId).map(StatusStore.STATUS).one();
            events.publish(new StatusEvents.StatusUpdated(after, before, List.copyOf(mentioned)));
            return after;
        });
    }

    /** Makes the mention rows match the new text: removed mentions go, new ones come. Returns all mentioned ids. */
    private List<Long> replaceMentions(Handle h, long statusId, List<Account> mentions) {
        Set<Long> wanted = new HashSet<>();
        List<Long> ordered = new ArrayList<>();
        for (Account a : mentions) if (wanted.add(a.id())) ordered.add(a.id());
        Set<Long> existing = new HashSet<>(h.createQuery("SELECT account_id FROM mentions WHERE status_id = :s").bind("s", statusId)
                .mapTo(Long.class).list());
        for (Long old : existing) {
            if (!wanted.contains(old))
                h.createUpdate("DELETE FROM mentions WHERE status_id = :s AND account_id = :a").bind("s", statusId).bind("a", old).execute();
        }
        for (Long id : ordered) {
            if (!existing.contains(id))
                h.createUpdate("INSERT INTO mentions (id, status_id, account_id) VALUES (:id, :s, :a)")
                        .bind("id", ids.next()).bind("s", statusId).bind("a", id).execute();
        }
        return ordered;
    }

    private void snapshot(Handle h, Status s, String text, String content, String spoiler, boolean sensitive,
                          List<String> pollOptions, List<Long> mediaIds, Instant at) {
        h.createUpdate("""
                        INSERT INTO status_edits (id, status_id, account_id, text, content, spoiler_text, sensitive, poll_options,
                          media_ids, created_at)
                        VALUES (:id, :s, :a, :text, :content, :spoiler, :sensitive, :poll, :media, :at)""")
                .bind("id", ids.next()).bind("s", s.id()).bind("a", s.accountId()).bind("text", text).bind("content", content)
                .bind("spoiler", spoiler).bind("sensitive", sensitive).bind("poll", pollOptions == null ? null : write(pollOptions))
                .bind("media", write(mediaIds)).bind("at", at).execute();
    }

    /**
     * The versions of a status, oldest first. A status never edited has one version: itself as it is now (Mastodon
     * answers the same).
     */
    public List<StatusEdit> history(Status s) {
        List<StatusEdit> edits = db.read(h -> h.createQuery("SELECT * FROM status_edits WHERE status_id = :s ORDER BY id")
                .bind("s", s.id())
                .map((rs, ctx) -> {
                    String poll = rs.getString("poll_options");
                    return new StatusEdit(rs.getLong("id"), rs.getLong("status_id"), rs.getLong("account_id"), rs.getString("text"),
                            rs.getString("content"), rs.getString("spoiler_text"), rs.getBoolean("sensitive"),
                            poll == null ? null : read(poll), Instant.ofEpochMilli(rs.getLong("created_at")),
                            readIds(rs.getString("media_ids")));
                }).list());
        if (!edits.isEmpty()) return edits;
        List<String> options = db.read(h -> polls.byStatus(h, s.id()).map(Poll::options).orElse(null));
        List<Long> media = attachments == null ? List.of() : db.read(h -> attachments.current(h, s.id()));
        return List.of(new StatusEdit(0, s.id(), s.accountId(), s.text(), s.content(), s.spoilerText(), s.sensitive(), options,
                s.editedAt() != null ? s.editedAt() : s.createdAt(), media));
    }

    private String write(Object o) { return json.write(o); }

    private List<Long> readIds(String s) { return json.readList(s, Long.class); }

    private List<String> read(String s) { return json.readList(s, String.class); }
}
