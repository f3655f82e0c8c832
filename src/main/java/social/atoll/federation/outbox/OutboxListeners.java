package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.ProfileService;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.poll.PollEvents;
import social.atoll.core.relationship.BlockEvents;
import social.atoll.core.status.PinEvents;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.ActorWriter;
import social.atoll.federation.vocab.NoteWriter;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Federates what local accounts do. Listens to core's events inside their transaction and enqueues one
 * {@link DeliveryJob} per distinct remote inbox, so an action and its deliveries commit together (or not at all).
 * Actions of remote accounts (which arrive through the inbox and raise the same events) are never sent back out.
 */
public final class OutboxListeners {

    private final Database db;
    private final Clock clock;
    private final AccountStore accounts;
    private final FollowStore followStore;
    private final NoteWriter notes;
    private final ActorWriter actors;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final ObjectMapper json;
    private final Activities activities;

    public OutboxListeners(Database db, AccountStore accounts, FollowStore followStore, NoteWriter notes, ActorWriter actors, JobQueue jobs,
                           IdGenerator ids, ObjectMapper json, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.accounts = accounts;
        this.followStore = followStore;
        this.notes = notes;
        this.actors = actors;
        this.jobs = jobs;
        this.ids = ids;
        this.json = json;
        this.activities = new Activities(json);
    }

    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusCreated.class, this::statusCreated);
        events.inTransaction(StatusEvents.StatusDeleted.class, this::statusDeleted);
        events.inTransaction(StatusEvents.StatusUpdated.class, this::statusUpdated);
        events.inTransaction(StatusEvents.Favourited.class, (h, e) -> like(h, e.accountId(), e.status(), false));
        events.inTransaction(StatusEvents.Unfavourited.class, (h, e) -> like(h, e.accountId(), e.status(), true));
        events.inTransaction(FollowEvents.FollowRequested.class, (h, e) -> followRequested(h, e.followerId(), e.targetId()));
        events.inTransaction(FollowEvents.Followed.class, (h, e) -> followAnswered(h, e.followerId(), e.targetId(), "Accept"));
        events.inTransaction(FollowEvents.FollowRequestRejected.class, (h, e) -> followAnswered(h, e.followerId(), e.targetId(), "Reject"));
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> unfollowed(h, e.followerId(), e.targetId()));
        events.inTransaction(ProfileService.ProfileUpdated.class, (h, e) -> profileUpdated(h, e.accountId()));
        events.inTransaction(BlockEvents.Blocked.class, (h, e) -> block(h, e.accountId(), e.targetId(), false));
        events.inTransaction(BlockEvents.Unblocked.class, (h, e) -> block(h, e.accountId(), e.targetId(), true));
        events.inTransaction(PollEvents.Voted.class, this::voted);
        events.inTransaction(PinEvents.Pinned.class, (h, e) -> featured(h, e.accountId(), e.status(), "Add"));
        events.inTransaction(PinEvents.Unpinned.class, (h, e) -> featured(h, e.accountId(), e.status(), "Remove"));
    }

    private Optional<Account> local(long id) { return accounts.byId(id).filter(Account::local); }

    private Optional<Account> remote(long id) { return accounts.byId(id).filter(a -> !a.local()); }

    // --- statuses -------------------------------------------------------------------------------------------

    private void statusCreated(Handle h, StatusEvents.StatusCreated e) {
        Status s = e.status();
        if (!s.local()) return;
        Account author = local(s.accountId()).orElse(null);
        if (author == null) return;
        if (s.isReblog()) {
            Status original = e.reblogOf();
            if (original == null) return;
            Set<String> inboxes = Audience.followerInboxes(h, author.id());
            inboxes.addAll(Audience.inboxesOf(h, List.of(original.accountId())));
            deliver(notes.announce(s, original), author, inboxes);
            return;
        }
        // rendered by a job once the transaction is complete: a poll, for one, is attached after this event
        // nobody elsewhere to tell (a circle's audience may be stored after this event, so limited posts always go on)
        if (s.visibilityEnum() != Visibility.LIMITED && statusInboxes(h, s, author, e.mentionedAccountIds()).isEmpty()) return;
        jobs.enqueue(DISTRIBUTE, "create:" + s.id(), new Distribute(s.id(), "Create"));
    }

    /** Payload of the job that renders a local status and enqueues its deliveries: its id and Create or Update. */
    public record Distribute(long statusId, String type) {}

    public static final JobType<Distribute> DISTRIBUTE = JobType.local("federation.distribute", Distribute.class);

    /** How long new poll tallies wait before they are sent, so that a burst of votes makes one Update. */
    static final Duration TALLY_DELAY = Duration.ofSeconds(5);

    /** Registers the distribution job; call before the job queue starts. */
    public void registerJobs() { jobs.register(DISTRIBUTE, this::distribute); }

    /** Renders the status as it now is and enqueues one delivery per inbox; a status deleted meanwhile is skipped. */
    void distribute(Distribute d) {
        db.write(h -> {
            Status s = h.createQuery("SELECT * FROM statuses WHERE id = :id AND deleted_at IS NULL").bind("id", d.statusId())
                    .map(StatusStore.STATUS).findOne().orElse(null);
            if (s == null) return null;
            Account author = local(s.accountId()).orElse(null);
            if (author == null) return null;
            List<Long> mentioned = h.createQuery("SELECT account_id FROM mentions WHERE status_id = :s").bind("s", s.id())
                    .mapTo(Long.class).list();
            Set<String> inboxes = statusInboxes(h, s, author, mentioned);
            if (d.type().equals("Create")) {
                deliver(notes.create(s), author, inboxes);
            } else if (d.type().equals("Tally")) {
                inboxes.addAll(h.createQuery("""
                                SELECT DISTINCT COALESCE(a.shared_inbox_url, a.inbox_url) FROM poll_votes v
                                JOIN polls p ON p.id = v.poll_id JOIN accounts a ON a.id = v.account_id
                                WHERE p.status_id = :s AND a.domain IS NOT NULL AND COALESCE(a.shared_inbox_url, a.inbox_url) IS NOT NULL""")
                        .bind("s", s.id()).mapTo(String.class).list());
                deliver(activities.wrap(s.uri() + "#updates/" + ids.next(), "Update", author, notes.object(s), null), author, inboxes);
            } else {
                Instant at = s.editedAt() != null ? s.editedAt() : s.updatedAt();
                deliver(activities.wrap(s.uri() + "#updates/" + at.toEpochMilli(), "Update", author, notes.object(s), null), author, inboxes);
            }
            return null;
        });
    }

    /** An edit: {@code Update} of the Note, to the same audience as the post (plus anyone newly mentioned). */
    private void statusUpdated(Handle h, StatusEvents.StatusUpdated e) {
        Status s = e.status();
        if (!s.local() || s.isReblog()) return;
        Account author = local(s.accountId()).orElse(null);
        if (author == null) return;
        Instant at = s.editedAt() != null ? s.editedAt() : s.updatedAt();
        if (statusInboxes(h, s, author, e.mentionedAccountIds()).isEmpty()) return;
        jobs.enqueue(DISTRIBUTE, "update:" + s.id() + ":" + at.toEpochMilli(), new Distribute(s.id(), "Update"));
    }

    private void statusDeleted(Handle h, StatusEvents.StatusDeleted e) {
        Status s = e.status();
        if (!s.local()) return;
        Account author = local(s.accountId()).orElse(null);
        if (author == null) return;
        if (s.isReblog()) {
            Set<String> inboxes = Audience.followerInboxes(h, author.id());
            if (e.reblogOf() != null) inboxes.addAll(Audience.inboxesOf(h, List.of(e.reblogOf().accountId())));
            ObjectNode announce = activities.announce(s.uri(), author, e.reblogOf() == null ? s.uri() : e.reblogOf().uri(),
                    List.of(AsValues.PUBLIC), List.of(author.followersUrl()), s.createdAt());
            announce.remove("@context");
            deliver(activities.answer(s.uri() + "#undo", "Undo", author, announce, null), author, inboxes);
            return;
        }
        Addressing ad = addressing(s, author, e.mentionedAccountIds());
        deliver(activities.tombstoneDelete(s.uri() + "#delete", author, s.uri(), activities.array(ad.to), activities.array(ad.cc)),
                author, statusInboxes(h, s, author, e.mentionedAccountIds()));
    }

    private record Addressing(List<String> to, List<String> cc) {}

    /** Mastodon's addressing per visibility (spec §3.2), for the envelopes we build ourselves. */
    private Addressing addressing(Status s, Account author, Collection<Long> mentioned) {
        List<String> mentions = accounts.byIds(mentioned).values().stream().map(Account::uri).toList();
        List<String> cc = new ArrayList<>();
        return switch (s.visibilityEnum()) {
            case PUBLIC -> {
                cc.add(author.followersUrl());
                cc.addAll(mentions);
                yield new Addressing(List.of(AsValues.PUBLIC), cc);
            }
            case UNLISTED -> {
                cc.add(AsValues.PUBLIC);
                cc.addAll(mentions);
                yield new Addressing(List.of(author.followersUrl()), cc);
            }
            case PRIVATE -> new Addressing(List.of(author.followersUrl()), mentions);
            case DIRECT, LIMITED -> new Addressing(mentions, List.of());
        };
    }

    /**
     * Who receives a status: followers' servers (unless direct or limited), mentioned remote accounts, the remote
     * author replied to (when visible to them), and a limited status's remote audience.
     */
    private Set<String> statusInboxes(Handle h, Status s, Account author, Collection<Long> mentioned) {
        Visibility v = s.visibilityEnum();
        Set<String> inboxes = new LinkedHashSet<>();
        if (v == Visibility.PUBLIC || v == Visibility.UNLISTED || v == Visibility.PRIVATE)
            inboxes.addAll(Audience.followerInboxes(h, author.id()));
        Set<Long> direct = new LinkedHashSet<>(mentioned);
        if (v == Visibility.LIMITED) direct.addAll(Audience.statusAudience(h, s.id()));
        if (s.inReplyToAccountId() != null && (v == Visibility.PUBLIC || v == Visibility.UNLISTED)) direct.add(s.inReplyToAccountId());
        inboxes.addAll(Audience.inboxesOf(h, direct));
        return inboxes;
    }

    private void like(Handle h, long accountId, Status status, boolean undo) {
        Account actor = local(accountId).orElse(null);
        if (actor == null || status.local()) return;
        String id = actor.uri() + "#likes/" + ids.next();
        ObjectNode like = activities.like(id, actor, status.uri());
        Set<String> inboxes = new LinkedHashSet<>(Audience.personalInbox(h, status.accountId()));
        if (!undo) {
            deliver(like, actor, inboxes);
        } else {
            like.remove("@context");
            deliver(activities.answer(id + "/undo", "Undo", actor, like, null), actor, inboxes);
        }
    }

    // --- follows ----------------------------------------------------------------------------------------------

    private void followRequested(Handle h, long followerId, long targetId) {
        Account follower = local(followerId).orElse(null);
        Account target = remote(targetId).orElse(null);
        if (follower == null || target == null) return;
        long requestId = followStore.request(followerId, targetId).map(f -> f.id()).orElse(ids.next());
        String id = follower.uri() + "#follows/" + requestId;
        followStore.recordUri(followerId, targetId, id);
        deliver(activities.follow(id, follower, target), follower, new LinkedHashSet<>(Audience.personalInbox(h, targetId)));
    }

    /** A local account accepted (or rejected) a remote follower: answer with the original Follow embedded. */
    private void followAnswered(Handle h, long followerId, long targetId, String type) {
        Account follower = remote(followerId).orElse(null);
        Account target = local(targetId).orElse(null);
        if (follower == null || target == null) return;
        String followUri = followStore.follow(followerId, targetId).map(f -> f.uri()).orElse(null);
        String id = target.uri() + "#" + (type.equals("Accept") ? "accepts" : "rejects") + "/follows/" + ids.next();
        deliver(activities.answer(id, type, target, activities.embeddedFollow(followUri, follower, target), follower.uri()),
                target, new LinkedHashSet<>(Audience.personalInbox(h, followerId)));
    }

    private void unfollowed(Handle h, long followerId, long targetId) {
        Account follower = local(followerId).orElse(null);
        Account target = remote(targetId).orElse(null);
        if (follower == null || target == null) return;
        String id = follower.uri() + "#follows/" + targetId + "/undo/" + ids.next();
        deliver(activities.answer(id, "Undo", follower, activities.embeddedFollow(null, follower, target), target.uri()),
                follower, new LinkedHashSet<>(Audience.personalInbox(h, targetId)));
    }

    // --- profile and blocks -------------------------------------------------------------------------------------

    private void profileUpdated(Handle h, long accountId) {
        Account account = local(accountId).orElse(null);
        if (account == null) return;
        ObjectNode actor = actors.write(account);
        ObjectNode update = activities.wrap(account.uri() + "#updates/" + ids.next(), "Update", account, actor, null);
        update.set("to", activities.array(List.of(AsValues.PUBLIC)));
        update.remove("cc");
        deliver(update, account, Audience.followerInboxes(h, accountId));
    }

    private void block(Handle h, long accountId, long targetId, boolean undo) {
        Account actor = local(accountId).orElse(null);
        Account target = remote(targetId).orElse(null);
        if (actor == null || target == null) return;
        String id = actor.uri() + "#blocks/" + ids.next();
        ObjectNode block = activities.block(id, actor, target);
        Set<String> inbox = new LinkedHashSet<>(Audience.personalInbox(h, targetId));
        if (!undo) {
            deliver(block, actor, inbox);
        } else {
            block.remove("@context");
            deliver(activities.answer(id + "/undo", "Undo", actor, block, target.uri()), actor, inbox);
        }
    }

    // --- polls and pins -----------------------------------------------------------------------------------------

    /**
     * A vote. On a remote poll by a local account: one {@code Create} of a Note per chosen option, named as the option,
     * answering the Question, addressed to its author only (spec §3.6). On a local poll: an {@code Update} of the
     * Question with the new tallies, a few seconds later.
     */
    private void voted(Handle h, PollEvents.Voted e) {
        Status question = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", e.poll().statusId())
                .map(StatusStore.STATUS).findOne().orElse(null);
        if (question == null) return;
        if (question.local()) {
            // a vote on a local poll: its audience (and remote voters) get the new tallies, as Mastodon sends them, a
            // burst of votes collapsing into one Update
            jobs.enqueueAt(DISTRIBUTE, "tally:" + question.id(), new Distribute(question.id(), "Tally"), clock.instant().plus(TALLY_DELAY));
            return;
        }
        Account voter = local(e.accountId()).orElse(null);
        Account author = remote(question.accountId()).orElse(null);
        if (voter == null || author == null) return;
        Set<String> inbox = new LinkedHashSet<>(Audience.personalInbox(h, author.id()));
        for (int choice : e.choices()) {
            if (choice < 0 || choice >= e.poll().options().size()) continue;
            String id = voter.uri() + "#votes/" + ids.next();
            ObjectNode note = json.createObjectNode();
            note.put("id", id);
            note.put("type", "Note");
            note.put("name", e.poll().options().get(choice));
            note.put("attributedTo", voter.uri());
            note.put("inReplyTo", question.uri());
            note.set("to", activities.array(List.of(author.uri())));
            deliver(activities.wrap(id + "/activity", "Create", voter, note, null), voter, inbox);
        }
    }

    /** Pinning or unpinning a post: {@code Add}/{@code Remove} on the featured collection, to followers (Mastodon). */
    private void featured(Handle h, long accountId, Status status, String type) {
        Account actor = local(accountId).orElse(null);
        if (actor == null || actor.featuredUrl() == null) return;
        ObjectNode a = activities.envelope(actor.uri() + "#" + type.toLowerCase(java.util.Locale.ROOT) + "s/" + ids.next(), type, actor);
        a.put("object", status.uri());
        a.put("target", actor.featuredUrl());
        a.set("to", activities.array(List.of(AsValues.PUBLIC)));
        deliver(a, actor, Audience.followerInboxes(h, accountId));
    }

    // --- delivery ---------------------------------------------------------------------------------------------

    private void deliver(JsonNode activity, Account signer, Set<String> inboxes) {
        Deliveries.enqueue(jobs, json, activity, signer, inboxes);
    }
}
