package social.atoll.core.filter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Creating and changing filters, their keywords and filtered statuses. Someone else's filter (or keyword, or
 * filtered status) does not exist for the caller. Every change announces {@link FilterEvents.FiltersChanged}.
 */
public final class FilterService {

    /** A change to the expiry: {@code seconds} from now, or null for never. A null {@code Expiry} leaves it as is. */
    public record Expiry(Long seconds) {}

    /** One entry of {@code keywords_attributes}: a new keyword (no id), a change, or a removal ({@code destroy}). */
    public record KeywordChange(Long id, String keyword, Boolean wholeWord, boolean destroy) {}

    /** What to create or change; null fields are unchanged on update. */
    public record Input(String title, List<String> contexts, String action, Expiry expiry, List<KeywordChange> keywords) {}

    private static final int MAX_FILTERS = 100;

    private final Database db;
    private final FilterStore store;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public FilterService(Database db, FilterStore store, StatusStore statuses, VisibilityPolicy visibility, IdGenerator ids,
                         Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** All of the account's filters, expired ones included (the API lists them all). */
    public List<Filter> all(long accountId) { return store.all(accountId, null); }

    public Filter get(long accountId, long id) {
        return store.byId(accountId, id).orElseThrow(() -> new NotFoundException("filter"));
    }

    public Filter create(long accountId, Input in) {
        if (in.title() == null || in.title().isBlank()) throw new ValidationException("Title can't be blank");
        List<String> contexts = contexts(in.contexts());
        String action = action(in.action() == null ? "warn" : in.action());
        return db.write(h -> {
            int count = h.createQuery("SELECT COUNT(*) FROM filters WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
            if (count >= MAX_FILTERS) throw new ValidationException("You have reached the maximum number of filters");
            long id = ids.next();
            h.createUpdate("""
                            INSERT INTO filters (id, account_id, title, contexts, filter_action, expires_at, created_at)
                            VALUES (:id, :a, :t, :c, :x, :e, :now)""")
                    .bind("id", id).bind("a", accountId).bind("t", in.title().strip()).bind("c", store.encode(contexts))
                    .bind("x", action).bind("e", expiresAt(in.expiry())).bind("now", clock.instant()).execute();
            applyKeywords(h, id, in.keywords());
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return get(accountId, id);
        });
    }

    public Filter update(long accountId, long id, Input in) {
        return db.write(h -> {
            Filter f = get(accountId, id);
            if (in.title() != null && in.title().isBlank()) throw new ValidationException("Title can't be blank");
            h.createUpdate("UPDATE filters SET title = :t, contexts = :c, filter_action = :x, expires_at = :e WHERE id = :id")
                    .bind("t", in.title() == null ? f.title() : in.title().strip())
                    .bind("c", store.encode(in.contexts() == null ? f.contexts() : contexts(in.contexts())))
                    .bind("x", in.action() == null ? f.action() : action(in.action()))
                    .bind("e", in.expiry() == null ? f.expiresAt() : expiresAt(in.expiry()))
                    .bind("id", id).execute();
            applyKeywords(h, id, in.keywords());
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return get(accountId, id);
        });
    }

    public void delete(long accountId, long id) {
        db.write(h -> {
            get(accountId, id);
            h.createUpdate("DELETE FROM filters WHERE id = :id").bind("id", id).execute();
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return null;
        });
    }

    public Filter.Keyword addKeyword(long accountId, long filterId, String keyword, Boolean wholeWord) {
        return db.write(h -> {
            get(accountId, filterId);
            long id = insertKeyword(h, filterId, keyword, wholeWord);
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return keyword(accountId, id);
        });
    }

    public Filter.Keyword keyword(long accountId, long keywordId) {
        return store.keyword(accountId, keywordId).orElseThrow(() -> new NotFoundException("keyword"));
    }

    public Filter.Keyword updateKeyword(long accountId, long keywordId, String keyword, Boolean wholeWord) {
        return db.write(h -> {
            Filter.Keyword k = keyword(accountId, keywordId);
            if (keyword != null && keyword.isBlank()) throw new ValidationException("Keyword can't be blank");
            h.createUpdate("UPDATE filter_keywords SET keyword = :k, whole_word = :w WHERE id = :id")
                    .bind("k", keyword == null ? k.keyword() : keyword.strip())
                    .bind("w", wholeWord == null ? k.wholeWord() : wholeWord).bind("id", keywordId).execute();
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return keyword(accountId, keywordId);
        });
    }

    public void deleteKeyword(long accountId, long keywordId) {
        db.write(h -> {
            keyword(accountId, keywordId);
            h.createUpdate("DELETE FROM filter_keywords WHERE id = :id").bind("id", keywordId).execute();
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return null;
        });
    }

    /** Filters one status the caller can see; filtering the same status twice in one filter is a 422. */
    public Filter.FilteredStatus addStatus(long accountId, long filterId, long statusId) {
        return db.write(h -> {
            get(accountId, filterId);
            var status = statuses.byId(statusId).filter(s -> visibility.canSee(accountId, s))
                    .orElseThrow(() -> new NotFoundException("status"));
            long id = ids.next();
            int added = h.createUpdate("""
                            INSERT INTO filter_statuses (id, filter_id, status_id) VALUES (:id, :f, :s)
                            ON CONFLICT (filter_id, status_id) DO NOTHING""")
                    .bind("id", id).bind("f", filterId).bind("s", status.id()).execute();
            if (added == 0) throw new ValidationException("Status has already been taken");
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return status(accountId, id);
        });
    }

    public Filter.FilteredStatus status(long accountId, long id) {
        return store.filteredStatus(accountId, id).orElseThrow(() -> new NotFoundException("filter status"));
    }

    public void deleteStatus(long accountId, long id) {
        db.write(h -> {
            status(accountId, id);
            h.createUpdate("DELETE FROM filter_statuses WHERE id = :id").bind("id", id).execute();
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return null;
        });
    }

    private void applyKeywords(Handle h, long filterId, List<KeywordChange> changes) {
        if (changes == null) return;
        for (KeywordChange c : changes) {
            if (c.id() == null) {
                if (!c.destroy()) insertKeyword(h, filterId, c.keyword(), c.wholeWord());
                continue;
            }
            // only keywords of this filter can be changed through it; others are ignored, as Rails does
            if (c.destroy()) {
                h.createUpdate("DELETE FROM filter_keywords WHERE id = :id AND filter_id = :f").bind("id", c.id()).bind("f", filterId).execute();
            } else {
                if (c.keyword() != null && c.keyword().isBlank()) throw new ValidationException("Keywords keyword can't be blank");
                var existing = h.createQuery("SELECT keyword, whole_word FROM filter_keywords WHERE id = :id AND filter_id = :f")
                        .bind("id", c.id()).bind("f", filterId)
                        .map((rs, ctx) -> new Filter.Keyword(c.id(), filterId, rs.getString(1), rs.getBoolean(2))).findOne();
                if (existing.isEmpty()) continue;
                h.createUpdate("UPDATE filter_keywords SET keyword = :k, whole_word = :w WHERE id = :id")
                        .bind("k", c.keyword() == null ? existing.get().keyword() : c.keyword().strip())
                        .bind("w", c.wholeWord() == null ? existing.get().wholeWord() : c.wholeWord())
                        .bind("id", c.id()).execute();
            }
        }
    }

    private long insertKeyword(Handle h, long filterId, String keyword, Boolean wholeWord) {
        if (keyword == null || keyword.isBlank()) throw new ValidationException("Keyword can't be blank");
        long id = ids.next();
        h.createUpdate("INSERT INTO filter_keywords (id, filter_id, keyword, whole_word) VALUES (:id, :f, :k, :w)")
                .bind("id", id).bind("f", filterId).bind("k", keyword.strip()).bind("w", wholeWord == null || wholeWord).execute();
        return id;
    }

    private static List<String> contexts(List<String> raw) {
        if (raw == null || raw.isEmpty()) throw new ValidationException("Context can't be blank");
        List<String> out = raw.stream().distinct().toList();
        for (String c : out) if (!Filter.CONTEXTS.contains(c)) throw new ValidationException("Context contains invalid context");
        return out;
    }

    private static String action(String raw) {
        if (!Filter.ACTIONS.contains(raw)) throw new ValidationException("Filter action is not included in the list");
        return raw;
    }

    private Instant expiresAt(Expiry e) {
        if (e == null || e.seconds() == null) return null;
        if (e.seconds() <= 0) throw new ValidationException("Expires in must be greater than 0");
        return clock.instant().plusSeconds(e.seconds());
    }
}
