package social.atoll.core.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.poll.Poll;
import social.atoll.core.poll.PollService;
import social.atoll.core.poll.PollStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;

/**
 * Editing local statuses, by the same content rules as posting ({@link StatusRules}). Each edit keeps a version in
 * {@code status_edits} (the first edit also keeps the original), re-derives mentions and hashtags from the new text,
 * and announces {@link StatusEvents.StatusUpdated} last. An edit that changes nothing is not recorded, as in Mastodon.
 */
public final class StatusEditService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusEditStore versions;
    private final TextFormatter formatter;
    private final PollService pollService;
    private final PollStore polls;
    private final StatusAttachments attachments;
    private final Clock clock;
    private final EventBus events;
    private final StatusRules rules;

    public StatusEditService(Database db, StatusStore statuses, StatusEditStore versions, TextFormatter formatter,
                             PollService pollService, PollStore polls, StatusAttachments attachments, Clock clock,
                             Settings settings, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.versions = versions;
        this.formatter = formatter;
        this.pollService = pollService;
        this.polls = polls;
        this.attachments = attachments;
        this.clock = clock;
        this.events = events;
        this.rules = new StatusRules(settings.maxStatusChars());
    }

    /** Edits {@code accountId}'s own status (a boost cannot be edited); anything else is not found. */
    public Status edit(long accountId, long statusId, StatusUpdate u) {
        Status before = statuses.byId(statusId).filter(s -> s.accountId() == accountId && !s.isReblog())
                .orElseThrow(() -> new NotFoundException("status"));
        String text = StatusRules.text(u.text());
        String spoiler = StatusRules.spoiler(u.spoilerText());
        boolean withMedia = u.mediaIds() != null && !u.mediaIds().isEmpty();
        rules.checkPoll(u.poll(), withMedia);
        rules.checkText(text, spoiler, withMedia);
        boolean sensitive = Boolean.TRUE.equals(u.sensitive()) || !spoiler.isEmpty();
        String language = StatusRules.language(u.language(), before.language());
        TextFormatter.Formatted formatted = formatter.format(text);

        return db.write(h -> {
            Instant now = clock.instant();
            List<String> oldOptions = polls.byStatus(h, statusId).map(Poll::options).orElse(null);
            boolean pollChanged = pollService.replace(h, before, u.poll());
            List<Long> oldMedia = attachments.current(h, statusId);
            boolean mediaChanged = u.mediaIds() != null && attachments.replace(h, accountId, statusId, u.mediaIds(), u.mediaChanges());
            List<Long> newMedia = attachments.current(h, statusId);
            boolean changed = pollChanged || mediaChanged || !text.equals(before.text()) || !spoiler.equals(before.spoilerText())
                    || sensitive != before.sensitive() || !Objects.equals(language, before.language());
            if (!changed) return statuses.byId(statusId).orElse(before);

            if (!versions.hasVersions(statusId)) versions.insert(before, before.text(), before.content(), before.spoilerText(),
                    before.sensitive(), oldOptions, oldMedia, before.createdAt());
            statuses.updateText(statusId, new StatusStore.EditedText(text, formatted.html(), spoiler, sensitive, language), now);
            List<Long> mentioned = statuses.replaceMentions(statusId, formatted.mentions().stream().map(Account::id).toList());
            statuses.replaceTags(statusId, formatted.tags(), now);
            List<String> newOptions = polls.byStatus(h, statusId).map(Poll::options).orElse(null);
            versions.insert(before, text, formatted.html(), spoiler, sensitive, newOptions, newMedia, now);

            Status after = statuses.byId(statusId).orElseThrow();
            events.publish(new StatusEvents.StatusUpdated(after, before, mentioned));
            return after;
        });
    }

    /**
     * The versions of a status, oldest first. A status never edited has one version: itself as it is now (Mastodon
     * answers the same).
     */
    public List<StatusEdit> history(Status s) {
        List<StatusEdit> edits = versions.versions(s.id());
        if (!edits.isEmpty()) return edits;
        List<String> options = db.read(h -> polls.byStatus(h, s.id()).map(Poll::options).orElse(null));
        List<Long> media = db.read(h -> attachments.current(h, s.id()));
        return List.of(new StatusEdit(0, s.id(), s.accountId(), s.text(), s.content(), s.spoilerText(), s.sensitive(), options,
                s.editedAt() != null ? s.editedAt() : s.createdAt(), media));
    }
}
