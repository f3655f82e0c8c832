package social.atoll.core.filter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.UserText;
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
    /** Mastodon's CustomFilter::TITLE_LENGTH_LIMIT and CustomFilterKeyword::KEYWORD_LENGTH_LIMIT. */
    static final int MAX_TITLE = 256;
    static final int MAX_KEYWORD = 512;

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
        String title = title(in.title());
        List<String> contexts = contexts(in.contexts());
        String action = action(in.action() == null ? "warn" : in.action());
        return db.write(h -> {
            if (store.count(h, accountId) >= MAX_FILTERS) throw new ValidationException("You have reached the maximum number of filters");
            long id = ids.next();
            store.insert(h, id, accountId, title, contexts, action, expiresAt(in.expiry()), clock.instant());
            applyKeywords(h, id, in.keywords());
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return get(accountId, id);
        });
    }

    public Filter update(long accountId, long id, Input in) {
        return db.write(h -> {
            Filter f = get(accountId, id);
            store.update(h, id, in.title() == null ? f.title() : title(in.title()),
                    in.contexts() == null ? f.contexts() : contexts(in.contexts()),
                    in.action() == null ? f.action() : action(in.action()),
                    in.expiry() == null ? f.expiresAt() : expiresAt(in.expiry()));
            applyKeywords(h, id, in.keywords());
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return get(accountId, id);
        });
    }

    public void delete(long accountId, long id) {
        db.write(h -> {
            get(accountId, id);
            store.delete(h, id);
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
            store.updateKeyword(h, keywordId, keyword == null ? k.keyword() : keyword(keyword, "Keyword"), wholeWord == null ? k.wholeWord() : wholeWord);
            events.publish(new FilterEvents.FiltersChanged(accountId));
            return keyword(accountId, keywordId);
        });
    }

    public void deleteKeyword(long accountId, long keywordId) {
        db.write(h -> {
            keyword(accountId, keywordId);
            store.deleteKeyword(h, keywordId);
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
            int added = store.insertStatus(h, id, filterId, status.id());
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
            store.deleteStatus(h, id);
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
                store.deleteKeywordOf(h, filterId, c.id());
            } else {
                String keyword = c.keyword() == null ? null : keyword(c.keyword(), "Keywords keyword");
                var existing = store.keywordOf(h, filterId, c.id());
                if (existing.isEmpty()) continue;
                store.updateKeyword(h, c.id(), keyword == null ? existing.get().keyword() : keyword,
                        c.wholeWord() == null ? existing.get().wholeWord() : c.wholeWord());
            }
        }
    }

    private long insertKeyword(Handle h, long filterId, String keyword, Boolean wholeWord) {
        String clean = keyword(keyword, "Keyword");
        long id = ids.next();
        store.insertKeyword(h, id, filterId, clean, wholeWord == null || wholeWord);
        return id;
    }

    /** A filter's title as stored: one line, without control characters, present and at most Mastodon's 256. */
    private static String title(String raw) {
        String t = raw == null ? "" : UserText.oneLine(raw).strip();
        if (t.isEmpty()) throw new ValidationException("Title can't be blank");
        if (t.codePointCount(0, t.length()) > MAX_TITLE)
            throw new ValidationException("Title is too long (maximum is " + MAX_TITLE + " characters)");
        return t;
    }

    /** A keyword as stored: one line, without control characters, present and at most Mastodon's 512. */
    private static String keyword(String raw, String label) {
        String k = raw == null ? "" : UserText.oneLine(raw).strip();
        if (k.isEmpty()) throw new ValidationException(label + " can't be blank");
        if (k.codePointCount(0, k.length()) > MAX_KEYWORD)
            throw new ValidationException(label + " is too long (maximum is " + MAX_KEYWORD + " characters)");
        return k;
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
