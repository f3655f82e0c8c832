package social.atoll.core.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.circle.CircleService;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.auth.Tokens;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.poll.PollService;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;

/**
 * The one way to post a local status, with its poll or media, now or scheduled; publishing a scheduled status comes
 * back here too. Everything is checked before anything is written (Mastodon's wording): text, poll, media, the status
 * replied to. The status, its mentions, tags, poll and media links commit in one transaction, and
 * {@link StatusEvents.StatusCreated} is published last, with the status complete, so listeners (feeds,
 * notifications, federation) see everything a reader will.
 */
public final class PostStatusService {

    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);

    /** What a post became: a status, or a status waiting for its time. */
    public sealed interface Posted permits Published, Scheduled {}

    public record Published(Status status) implements Posted {}

    public record Scheduled(ScheduledStatus scheduled) implements Posted {}

    /** A post that passed every check, with the author's defaults applied and its text formatted. */
    private record Checked(Account author, String text, String spoiler, boolean sensitive, Visibility visibility,
                           String language, Status replyTo, NewPoll poll, List<Long> mediaIds, TextFormatter.Formatted formatted,
                           Long circleId, boolean localOnly, Status quoted, String quotePolicy, List<Long> replyAudience,
                           social.atoll.core.interaction.InteractionPolicy interactionPolicy, boolean held) {}

    private final Database db;
    private final StatusStore statuses;
    private final ScheduledStatusStore scheduled;
    private final AccountStore accounts;
    private final TextFormatter formatter;
    private final VisibilityPolicy visibility;
    private final PollService polls;
    private final StatusAttachments attachments;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;
    private final StatusRules rules;
    private final CircleService circles;
    private final StatusRelations relations;
    private final social.atoll.core.quote.QuoteService quotes;
    private final social.atoll.core.interaction.InteractionPolicies interactions;
    private final PendingStatuses pending;

    public PostStatusService(Database db, StatusStore statuses, ScheduledStatusStore scheduled, AccountStore accounts,
                             TextFormatter formatter, VisibilityPolicy visibility, PollService polls,
                             StatusAttachments attachments, JobQueue jobs, IdGenerator ids, Clock clock, Settings settings,
                             EventBus events, CircleService circles, StatusRelations relations,
                             social.atoll.core.quote.QuoteService quotes,
                             social.atoll.core.interaction.InteractionPolicies interactions, PendingStatuses pending) {
        this.interactions = interactions;
        this.pending = pending;
        this.quotes = quotes;
        this.circles = circles;
        this.relations = relations;
        this.db = db;
        this.statuses = statuses;
        this.scheduled = scheduled;
        this.accounts = accounts;
        this.formatter = formatter;
        this.visibility = visibility;
        this.polls = polls;
        this.attachments = attachments;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
        this.rules = new StatusRules(settings.maxStatusChars());
    }

    /**
     * Posts {@code req} as {@code authorId}: now, or at {@code req.scheduledAt()}, which must be at least five minutes
     * ahead: a time already past is refused like one too soon (issue 17; Mastodon's PostStatusService posts it at
     * once, which lets a client's stale clock publish what was meant for later). Throws {@link ValidationException} for a post that breaks a rule and {@link NotFoundException}
     * when the status replied to does not exist or is not visible to the poster. A retry with the same
     * Idempotency-Key within an hour answers the first status, unchecked (its media are taken by then).
     */
    public Posted post(long authorId, NewStatus req) {
        Instant now = clock.instant();
        if (req.scheduledAt() != null) return new Scheduled(schedule(authorId, req, now));
        String keyHash = req.idempotencyKey() == null || req.idempotencyKey().isBlank() ? null : Tokens.sha256(req.idempotencyKey());
        if (keyHash != null) {
            Optional<Status> earlier = earlier(authorId, keyHash);
            if (earlier.isPresent()) return new Published(earlier.get());
        }
        return new Published(store(check(authorId, req, null), req.applicationId(), keyHash, null));
    }

    /** Publishes a scheduled status now, with the media reserved for it, by the rules of a post made now. */
    void publishScheduled(ScheduledStatus s) {
        ScheduledStatus.Params p = s.params();
        NewStatus req = new NewStatus(p.text(), p.spoilerText(), p.sensitive(), Visibility.parseRequested(p.visibility()).orElse(null),
                p.inReplyToId(), p.language(), p.poll(), p.mediaIds(), null, p.applicationId(), null, p.circleId(), p.localOnly());
        store(check(s.accountId(), req, s.id()), req.applicationId(), null, s.id());
    }

    /** Checks a post as it would be checked now, and keeps it (media reserved) for a job to publish at its time. */
    private ScheduledStatus schedule(long authorId, NewStatus req, Instant now) {
        Instant at = req.scheduledAt();
        ScheduledStatusService.checkTime(at, now);
        // a scheduled post's params (Mastodon's) have no place for a quote: asking for consent later cannot be promised now
        if (req.quotedStatusId() != null) throw new ValidationException("Quote posts cannot be scheduled");
        Checked c = check(authorId, req, null);
        var params = new ScheduledStatus.Params(c.text(), c.poll(), c.mediaIds().stream().map(String::valueOf).toList(),
                req.sensitive(), c.spoiler(), c.visibility().api(), req.inReplyToId(), req.language(), req.idempotencyKey(),
                req.applicationId(), null, false, c.circleId(), c.localOnly() ? Boolean.TRUE : null);
        long id = ids.next();
        db.write(h -> {
            ScheduledStatusService.checkLimits(scheduled, authorId, at, null);
            scheduled.insert(id, authorId, at, params, now);
            if (!c.mediaIds().isEmpty()) attachments.reserve(h, authorId, id, c.mediaIds());
            ScheduledStatusService.enqueue(jobs, id, at);
            return null;
        });
        return scheduled.byId(id).orElseThrow();
    }

    /**
     * Every rule of a post, before anything is written: a poll alone and by its rules, usable media (free, or
     * reserved for {@code scheduledId}), text within the limit, a visible status to reply to.
     */
    private Checked check(long authorId, NewStatus req, Long scheduledId) {
        Account author = accounts.byId(authorId).orElseThrow(() -> new NotFoundException("account"));
        // a moved account is a redirect (Mastodon keeps it to redirects and exports)
        if (author.movedToAccountId() != null)
            throw social.atoll.core.common.ValidationException.bare("This account has moved to another account and can no longer post");
        User user = accounts.userByAccountId(authorId).orElseThrow(() -> new NotFoundException("user"));
        boolean withMedia = !req.mediaIds().isEmpty();
        rules.checkPoll(req.poll(), withMedia);
        List<Long> media = withMedia ? attachments.check(authorId, req.mediaIds(), scheduledId) : List.of();
        String text = StatusRules.text(req.text());
        String spoiler = StatusRules.spoiler(req.spoilerText());
        rules.checkText(text, spoiler, withMedia);
        Status replyTo = null;
        if (req.inReplyToId() != null) {
            replyTo = statuses.byId(req.inReplyToId()).orElseThrow(() -> new NotFoundException("status"));
            if (replyTo.isReblog()) replyTo = statuses.byId(replyTo.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
            if (!visibility.canSee(authorId, replyTo)) throw new NotFoundException("status");
        }
        // the replied-to post's interaction policy: forbidden is refused, "with approval" holds the reply until answered
        boolean held = replyTo != null && interactions.require(authorId, replyTo,
                social.atoll.core.interaction.InteractionPolicy.Type.REPLY).held(replyTo.local());
        Visibility vis = req.visibility() != null ? req.visibility()
                : Visibility.parseRequested(user.defaultPrivacy()).orElse(Visibility.PUBLIC);
        // a reply to a limited (circle) post stays among the people that post was shared with, as Fedibird's and
        // kmyblue's limited replies do: its author, its audience and whom it mentioned (a direct reply is narrower still)
        List<Long> replyAudience = null;
        if (replyTo != null && replyTo.visibilityEnum() == Visibility.LIMITED && req.circleId() == null && vis != Visibility.DIRECT) {
            java.util.Set<Long> people = new java.util.LinkedHashSet<>();
            people.add(replyTo.accountId());
            people.addAll(statuses.audience(replyTo.id()));
            people.addAll(relations.mentions(List.of(replyTo.id())).getOrDefault(replyTo.id(), List.of()));
            people.remove(authorId);
            replyAudience = List.copyOf(people);
            vis = Visibility.LIMITED;
        }
        if (vis == Visibility.LIMITED && req.circleId() == null && replyAudience == null)
            throw new ValidationException("Circle can't be blank");
        if (req.circleId() != null) {
            // kmyblue's visibility=circle, Fedibird's limited, and private narrowed to a circle all mean the same post
            if (req.visibility() != null && req.visibility() != Visibility.PRIVATE && req.visibility() != Visibility.LIMITED)
                throw new ValidationException("A circle can only be given with a private or circle visibility");
            circles.owned(authorId, req.circleId());
            vis = Visibility.LIMITED;
        }
        // a reply to a local-only post stays here too, as glitch-soc's does: elsewhere it would answer nothing
        boolean localOnly = Boolean.TRUE.equals(req.localOnly()) || (replyTo != null && replyTo.localOnly());
        // a moderator's "sensitive" action forces it on every post with media, as Mastodon does
        boolean sensitive = (req.sensitive() != null ? req.sensitive() : user.defaultSensitive()) || !spoiler.isEmpty()
                || (author.sensitized() && !media.isEmpty());
        if (req.quotePolicy() != null && social.atoll.core.quote.QuotePolicy.ofApi(req.quotePolicy()).isEmpty())
            throw new ValidationException("Quote approval policy is not included in the list");
        Status quoted = req.quotedStatusId() == null ? null : quotes.quotable(authorId, req.quotedStatusId(), vis);
        TextFormatter.Formatted formatted = formatter.format(text);
        // Mastodon's safeguard: a private mention may quote only someone it mentions
        if (quoted != null && vis == Visibility.DIRECT && quoted.accountId() != authorId
                && formatted.mentions().stream().noneMatch(m -> m.id() == quoted.accountId()))
            throw ValidationException.bare("Cannot quote a non-mentioned user in a Private mention post.");
        return new Checked(author, text, spoiler, sensitive, vis, StatusRules.language(req.language(), user.defaultLanguage()),
                replyTo, req.poll(), media, formatted, req.circleId(), localOnly, quoted,
                req.quotePolicy() != null ? req.quotePolicy() : quotes.defaultFor(user), replyAudience,
                interactions.forNewPost(authorId, vis, req.interactionPolicy()), held);
    }

    /** Writes a checked post in one transaction and announces it last, complete. */
    private Status store(Checked c, Long applicationId, String keyHash, Long scheduledId) {
        Account author = c.author();
        return db.write(h -> {
            if (keyHash != null) {
                Optional<Status> earlier = earlier(author.id(), keyHash);
                if (earlier.isPresent()) return earlier.get();
            }
            long id = ids.next();
            Instant now = clock.instant();
            Status row = statuses.insertLocal(new StatusStore.LocalStatus(id,
                    settings.url("/users/" + author.username() + "/statuses/" + id), settings.url("/@" + author.username() + "/" + id),
                    author.id(), c.replyTo(), c.text(), c.formatted().html(), c.spoiler(), c.sensitive(), c.visibility(),
                    c.language(), applicationId, now, c.localOnly()));
            List<Long> mentioned = statuses.insertMentions(id, c.formatted().mentions().stream().map(Account::id).toList());
            if (c.circleId() != null) {
                // the audience is the circle as it is now; later changes to the circle do not reach back
                for (long member : circles.audienceFor(h, author.id(), c.circleId()))
                    if (member != author.id()) relations.insertAudience(h, id, member);
                circles.sharedWith(h, id, c.circleId());
            }
            if (c.replyAudience() != null) for (long member : c.replyAudience()) relations.insertAudience(h, id, member);
            statuses.insertTags(id, c.formatted().tags(), now);
            if (!c.mediaIds().isEmpty()) attachments.claim(h, author.id(), id, c.mediaIds(), scheduledId);
            quotes.attach(h, row, c.quoted(), c.quotePolicy());
            interactions.attach(h, id, c.interactionPolicy());
            if (c.held()) {
                // not counted, not announced: the author replied to decides (or their server answers)
                Status held = pending.hold(h, row);
                interactions.hold(h, social.atoll.core.interaction.InteractionPolicy.Type.REPLY, c.replyTo(), author.id(), held, held.uri(), null);
                if (keyHash != null) statuses.rememberIdempotencyKey(author.id(), keyHash, id, now);
                if (c.poll() != null) polls.attach(h, row, c.poll());
                return statuses.byId(id).orElseThrow();
            }
            StatusService.countCreated(h, row, now);
            if (keyHash != null) statuses.rememberIdempotencyKey(author.id(), keyHash, id, now);
            // the poll is the one part of a post kept on the status row itself (poll_id)
            Status complete = row;
            if (c.poll() != null) {
                polls.attach(h, row, c.poll());
                complete = statuses.byId(id).orElseThrow();
            }
            events.publish(new StatusEvents.StatusCreated(complete, null, mentioned));
            return complete;
        });
    }

    /**
     * A post brought in from another service (an Instagram export): checked by the rules of a post made now, except
     * that its text may be as long as the source allowed ({@code maxChars}), and stored with its original time, an id
     * that sorts at that time, and no mentions (names stay text, nobody is notified). Without {@code announce} nothing
     * is published: it shows on the profile, in the outbox and in search, but is not delivered to followers or
     * fanned out to home feeds (old posts must not flood them); with it, it goes out like any new post.
     * Joins the caller's write transaction, so the caller can record what it imported with the status.
     */
    public Status importPost(long authorId, String text, Visibility vis, List<String> mediaIds, Instant createdAt,
                             int maxChars, boolean announce) {
        NewStatus req = new NewStatus(text, null, null, vis, null, null, null, mediaIds, null, null, null);
        Account author = accounts.byId(authorId).orElseThrow(() -> new NotFoundException("account"));
        User user = accounts.userByAccountId(authorId).orElseThrow(() -> new NotFoundException("user"));
        List<Long> media = mediaIds.isEmpty() ? List.of() : attachments.check(authorId, req.mediaIds(), null);
        String body = StatusRules.text(text);
        new StatusRules(Math.max(maxChars, settings.maxStatusChars())).checkText(body, "", !media.isEmpty());
        TextFormatter.Formatted formatted = formatter.format(body, false);
        boolean sensitive = user.defaultSensitive() || (author.sensitized() && !media.isEmpty());
        return db.write(h -> {
            long id = ids.forTime(createdAt);
            Status row = statuses.insertLocal(new StatusStore.LocalStatus(id,
                    settings.url("/users/" + author.username() + "/statuses/" + id), settings.url("/@" + author.username() + "/" + id),
                    author.id(), null, body, formatted.html(), "", sensitive, vis,
                    StatusRules.language(null, user.defaultLanguage()), null, createdAt));
            statuses.insertTags(id, formatted.tags(), createdAt);
            if (!media.isEmpty()) attachments.claim(h, author.id(), id, media, null);
            StatusService.count(h, row, 1);
            if (announce) {
                StatusStore.touchLastStatus(h, author.id(), clock.instant());
                events.publish(new StatusEvents.StatusCreated(row, null, List.of()));
            }
            return row;
        });
    }

    /**
     * A post brought from another server's archive (issue 14): its own text ({@code text}, searchable) and HTML as it
     * was there (sanitized, so its links and mentions stay as they were written), content warning, visibility,
     * language, date (the id is minted for that date, so it sorts among the other posts) and parent among the posts
     * already imported. Nothing is announced: no delivery, no home feed, no notification — the archive's followers
     * saw these posts when they were new.
     */
    public record ArchivedPost(String text, String html, String spoilerText, boolean sensitive, Visibility visibility, String language,
                               Instant createdAt, Long inReplyToId, List<String> mediaIds) {}

    public Status importArchived(long authorId, ArchivedPost p) {
        Account author = accounts.byId(authorId).orElseThrow(() -> new NotFoundException("account"));
        User user = accounts.userByAccountId(authorId).orElseThrow(() -> new NotFoundException("user"));
        List<Long> media = p.mediaIds().isEmpty() ? List.of() : attachments.check(authorId, p.mediaIds(), null);
        String body = StatusRules.text(p.text());
        if (body.isBlank() && media.isEmpty()) throw new ValidationException("the post has neither text nor media");
        Status parent = p.inReplyToId() == null ? null : statuses.byId(p.inReplyToId()).orElse(null);
        String html = p.html() == null || p.html().isBlank() ? formatter.format(body, false).html() : social.atoll.core.text.HtmlSanitizer.sanitize(p.html());
        List<String> tags = formatter.format(body, false).tags();
        String spoiler = StatusRules.spoiler(p.spoilerText());
        return db.write(h -> {
            long id = ids.forTime(p.createdAt());
            Status row = statuses.insertLocal(new StatusStore.LocalStatus(id,
                    settings.url("/users/" + author.username() + "/statuses/" + id), settings.url("/@" + author.username() + "/" + id),
                    author.id(), parent, body, html, spoiler, p.sensitive() || !spoiler.isEmpty(), p.visibility(),
                    StatusRules.language(p.language(), user.defaultLanguage()), null, p.createdAt()));
            statuses.insertTags(id, tags, p.createdAt());
            if (!media.isEmpty()) attachments.claim(h, author.id(), id, media, null);
            StatusService.count(h, row, 1);
            return row;
        });
    }

    private Optional<Status> earlier(long accountId, String keyHash) {
        return statuses.byIdempotencyKey(accountId, keyHash, clock.instant().minus(IDEMPOTENCY_WINDOW));
    }
}
