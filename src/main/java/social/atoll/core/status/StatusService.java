package social.atoll.core.status;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.auth.Tokens;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/** Posting and deleting local statuses. Everything a post writes commits in one transaction, or nothing does. */
public final class StatusService {

    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?");

    private final Database db;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final AccountStore accounts;
    private final TextFormatter formatter;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;

    public StatusService(Database db, StatusStore statuses, StatusRelations relations, AccountStore accounts,
                         TextFormatter formatter, VisibilityPolicy visibility, IdGenerator ids, Clock clock,
                         Settings settings, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.accounts = accounts;
        this.formatter = formatter;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Posts a status. Throws {@link ValidationException} with Mastodon's wording for blank or over-long text, and
     * {@link NotFoundException} when the status replied to does not exist or is not visible to the poster.
     */
    public Status post(NewStatus req) { return post(req, false); }

    /** Posts a status; {@code withMedia}: attachments come with it, so the text may be blank (a post of only pictures). */
    public Status post(NewStatus req, boolean withMedia) {
        Account author = accounts.byId(req.accountId()).orElseThrow(() -> new NotFoundException("account"));
        User user = accounts.userByAccountId(author.id()).orElseThrow(() -> new NotFoundException("user"));
        String keyHash = req.idempotencyKey() == null || req.idempotencyKey().isBlank() ? null : Tokens.sha256(req.idempotencyKey());
        if (keyHash != null) {
            Optional<Status> earlier = idempotent(author.id(), keyHash);
            if (earlier.isPresent()) return earlier.get();
        }

        String text = req.text() == null ? "" : req.text();
        String spoiler = req.spoilerText() == null ? "" : req.spoilerText().strip();
        if (text.isBlank() && !withMedia) throw new ValidationException("Text can't be blank");
        if (StatusLength.of(text, spoiler) > settings.maxStatusChars())
            throw new ValidationException("Text character limit of " + settings.maxStatusChars() + " exceeded");

        Status parent = null;
        if (req.inReplyToId() != null) {
            parent = statuses.byId(req.inReplyToId()).orElseThrow(() -> new NotFoundException("status"));
            if (parent.isReblog()) parent = statuses.byId(parent.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
            if (!visibility.canSee(author.id(), parent)) throw new NotFoundException("status");
        }
        Visibility vis = req.visibility() != null ? req.visibility()
                : Visibility.parseRequested(user.defaultPrivacy()).orElse(Visibility.PUBLIC);
        boolean sensitive = (req.sensitive() != null ? req.sensitive() : user.defaultSensitive()) || !spoiler.isEmpty();
        String language = req.language() != null && LANGUAGE.matcher(req.language()).matches()
                ? req.language().toLowerCase(Locale.ROOT) : user.defaultLanguage();
        TextFormatter.Formatted formatted = formatter.format(text);

        long id = ids.next();
        Instant now = clock.instant();
        Status replyTo = parent;
        return db.write(h -> {
            if (keyHash != null) {
                Optional<Status> earlier = idempotent(author.id(), keyHash);
                if (earlier.isPresent()) return earlier.get();
            }
            h.createUpdate("""
                    INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id,
                      conversation_id, text, content, spoiler_text, sensitive, visibility, language, application_id,
                      created_at, updated_at)
                    VALUES (:id, :uri, :url, :account, TRUE, :replyTo, :replyToAccount, :conversation, :text, :content,
                      :spoiler, :sensitive, :visibility, :language, :app, :now, :now)""")
                    .bind("id", id)
                    .bind("uri", settings.url("/users/" + author.username() + "/statuses/" + id))
                    .bind("url", settings.url("/@" + author.username() + "/" + id))
                    .bind("account", author.id())
                    .bind("replyTo", replyTo == null ? null : replyTo.id())
                    .bind("replyToAccount", replyTo == null ? null : replyTo.accountId())
                    .bind("conversation", replyTo == null ? id : (replyTo.conversationId() != null ? replyTo.conversationId() : replyTo.id()))
                    .bind("text", text).bind("content", formatted.html()).bind("spoiler", spoiler)
                    .bind("sensitive", sensitive).bind("visibility", vis.id()).bind("language", language)
                    .bind("app", req.applicationId()).bind("now", now)
                    .execute();
            List<Long> mentioned = new ArrayList<>();
            for (Account a : formatted.mentions()) {
                h.createUpdate("INSERT INTO mentions (id, status_id, account_id) VALUES (:id, :s, :a)")
                        .bind("id", ids.next()).bind("s", id).bind("a", a.id()).execute();
                mentioned.add(a.id());
            }
            for (String tag : formatted.tags()) attachTag(h, id, tag, now);
            Status created = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", id).map(StatusStore.STATUS).one();
            countCreated(h, created, now);
            if (keyHash != null) {
                h.createUpdate("""
                        INSERT INTO idempotency_keys (account_id, key_hash, status_id, created_at) VALUES (:a, :k, :s, :now)
                        ON CONFLICT (account_id, key_hash) DO UPDATE SET status_id = excluded.status_id, created_at = excluded.created_at""")
                        .bind("a", author.id()).bind("k", keyHash).bind("s", id).bind("now", now).execute();
            }
            events.publish(new StatusEvents.StatusCreated(created, null, List.copyOf(mentioned)));
            return created;
        });
    }

    private Optional<Status> idempotent(long accountId, String keyHash) {
        Instant since = clock.instant().minus(IDEMPOTENCY_WINDOW);
        Optional<Long> statusId = db.read(h -> h.createQuery(
                        "SELECT status_id FROM idempotency_keys WHERE account_id = :a AND key_hash = :k AND created_at > :since")
                .bind("a", accountId).bind("k", keyHash).bind("since", since).mapTo(Long.class).findOne());
        return statusId.flatMap(statuses::byId);
    }

    /** Links a hashtag to a status, creating the tag on first use (also used by edits). */
    void attachTag(Handle h, long statusId, String name, Instant now) {
        String key = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                .bind("id", ids.next()).bind("name", name).bind("key", key).bind("now", now).execute();
        long tagId = h.createQuery("SELECT id FROM tags WHERE name_key = :key").bind("key", key).mapTo(Long.class).one();
        h.createUpdate("INSERT INTO status_tags (status_id, tag_id) VALUES (:s, :t) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("t", tagId).execute();
    }

    /**
     * Mastodon's counters: direct statuses do not count towards the author's statuses; only public and unlisted
     * replies count towards the parent's replies; a boost counts towards the boosted status's boosts.
     */
    static void countCreated(Handle h, Status s, Instant now) {
        count(h, s, 1);
        if (s.visibilityEnum() != Visibility.DIRECT) {
            h.createUpdate("UPDATE accounts SET last_status_at = :now WHERE id = :id").bind("now", now).bind("id", s.accountId()).execute();
        }
    }

    static void count(Handle h, Status s, int delta) {
        if (s.visibilityEnum() != Visibility.DIRECT) AccountStore.bump(h, s.accountId(), "statuses_count", delta);
        if (s.isReblog()) bumpStatus(h, s.reblogOfId(), "reblogs_count", delta);
        Visibility v = s.visibilityEnum();
        if (s.inReplyToId() != null && (v == Visibility.PUBLIC || v == Visibility.UNLISTED))
            bumpStatus(h, s.inReplyToId(), "replies_count", delta);
    }

    static void bumpStatus(Handle h, long statusId, String column, int delta) {
        if (!column.matches("replies_count|reblogs_count|favourites_count")) throw new IllegalArgumentException(column);
        h.createUpdate("UPDATE statuses SET " + column + " = CASE WHEN " + column + " + :d < 0 THEN 0 ELSE " + column + " + :d END WHERE id = :id")
                .bind("d", delta).bind("id", statusId).execute();
    }

    /** The status {@code accountId} may delete: their own, else not found. */
    public Status ownStatus(long accountId, long statusId) {
        return statuses.byId(statusId).filter(s -> s.accountId() == accountId).orElseThrow(() -> new NotFoundException("status"));
    }

    /** Deletes a status with its boosts; mentions, favourites, feed rows and notifications go with them. */
    public void delete(Status status) {
        db.write(h -> {
            for (Status boost : statuses.reblogsOf(status.id())) remove(h, boost, status);
            remove(h, status, status.isReblog() ? statuses.byId(status.reblogOfId()).orElse(null) : null);
            return null;
        });
    }

    /** Removes one status row (boost or not) with its counters, then tells listeners. */
    void remove(Handle h, Status s, Status reblogOf) {
        List<Long> mentioned = relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of());
        count(h, s, -1);
        h.createUpdate("DELETE FROM statuses WHERE id = :id").bind("id", s.id()).execute();
        events.publish(new StatusEvents.StatusDeleted(s, reblogOf, List.copyOf(mentioned)));
    }
}
