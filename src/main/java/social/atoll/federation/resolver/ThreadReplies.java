package social.atoll.federation.resolver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.poll.RemoteQuestions;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.thread.ThreadCompletion;
import social.atoll.federation.FederationClient;
import social.atoll.federation.RemoteStatusException;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.jobs.JobQueue;

/**
 * The fetching half of complete threads: reads a remote post's {@code replies} collection (a Collection or
 * OrderedCollection, its {@code first} page and the {@code next} ones, embedded or by id, items as ids or objects —
 * only pages from the post's own server are read), queues the replies this server lacks, and fetches each of them
 * from its own server (an item is never taken as embedded: only its origin vouches for it). What to fetch, how often
 * and how much is {@link ThreadCompletion}'s to decide.
 */
public final class ThreadReplies {

    private static final Logger log = LoggerFactory.getLogger(ThreadReplies.class);
    static final int MAX_PAGES = 20;

    private final Settings settings;
    private final RemoteStatusService statuses;
    private final social.atoll.core.status.StatusStore store;
    private final RemoteQuestions questions;
    private final FederationClient client;
    private final ActorResolver actors;
    private final NoteReader notes;
    private final ThreadCompletion threads;

    public ThreadReplies(Settings settings, RemoteStatusService statuses, social.atoll.core.status.StatusStore store,
                         RemoteQuestions questions, FederationClient client, ActorResolver actors, NoteReader notes, ThreadCompletion threads) {
        this.store = store;
        this.settings = settings;
        this.statuses = statuses;
        this.questions = questions;
        this.client = client;
        this.actors = actors;
        this.notes = notes;
        this.threads = threads;
    }

    public void register(JobQueue jobs) {
        jobs.register(ThreadCompletion.REPLIES, this::replies);
        jobs.register(ThreadCompletion.REPLY, this::reply);
    }

    /** Reads the replies collection of one post and queues what is missing (and the replies of what is known). */
    void replies(ThreadCompletion.Replies p) throws FetchFailedException {
        Status s = store.byId(p.statusId()).filter(st -> !st.local()).orElse(null);
        if (s == null) return;
        JsonNode note = fetch(s.uri()).orElse(null);
        if (note == null) return;
        List<String> items = items(note.get("replies"), s.uri());
        for (String uri : items) {
            if (uri == null || AsValues.sameOrigin(uri, settings.baseUrl())) continue;
            Optional<Status> known = statuses.byUri(uri);
            boolean queued = true;
            if (known.isPresent()) threads.enqueueReplies(known.get(), p.depth() + 1);
            else queued = threads.enqueueReply(uri, s, p.depth() + 1);
            if (!queued) {
                log.info("thread of {}: its budget of fetched replies is spent", s.uri());
                return;
            }
        }
    }

    /** The item ids of a replies collection, following its pages on the post's server. */
    private List<String> items(JsonNode replies, String postUri) throws FetchFailedException {
        Set<String> out = new LinkedHashSet<>();
        JsonNode page = replies;
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < MAX_PAGES && page != null && !page.isNull(); i++) {
            if (page.isTextual()) {
                String id = page.asText();
                if (!AsValues.sameOrigin(id, postUri) || !seen.add(id)) break;
                page = fetch(id).orElse(null);
                if (page == null) break;
            }
            for (String field : new String[] {"orderedItems", "items"}) {
                for (JsonNode item : AsValues.list(page.get(field))) {
                    String id = AsValues.id(item);
                    if (id != null) out.add(id);
                }
            }
            JsonNode next = page.get("first");
            if (next == null || next.isNull()) next = page.get("next");
            if (next != null && next.isObject()) {
                String nextId = AsValues.text(next, "id");
                if (nextId != null && !seen.add(nextId)) break;
            }
            page = next;
        }
        return new ArrayList<>(out);
    }

    /** Fetches one missing reply from its server and stores it under its parent; its own replies are read next. */
    void reply(ThreadCompletion.Reply p) throws FetchFailedException {
        if (statuses.byUri(p.uri()).isPresent()) return;
        JsonNode obj = fetch(p.uri()).orElse(null);
        if (obj == null || !NoteReader.isNote(obj)) return;
        String authorUri = AsValues.id(obj, "attributedTo");
        if (!AsValues.sameOrigin(authorUri, p.uri())) return; // Mastodon's trustworthy attribution
        String parentUri = AsValues.id(obj, "inReplyTo");
        Status parent = parentUri == null ? null : statuses.byUri(parentUri).orElse(null);
        // only what answers a post of this thread belongs in it
        if (parent == null || (parent.conversationId() != null && parent.conversationId() != p.conversationId() && parent.id() != p.parentId())) return;
        Account author;
        try {
            author = actors.byUri(authorUri).orElse(null);
        } catch (RuntimeException e) {
            author = null;
        }
        if (author == null || author.local()) return;
        RemoteNote note = notes.parse(obj, author, null);
        Status stored = NoteReader.poll(obj).map(poll -> questions.create(note, poll)).orElseGet(() -> statuses.create(note));
        threads.enqueueReplies(stored, p.depth());
    }

    private Optional<JsonNode> fetch(String id) throws FetchFailedException {
        if (id == null || AsValues.httpUri(id) == null || AsValues.sameOrigin(id, settings.baseUrl())) return Optional.empty();
        try {
            JsonNode doc = client.fetchObject(URI.create(id));
            if (!id.equals(AsValues.text(doc, "id"))) return Optional.empty();
            return Optional.of(doc);
        } catch (RemoteStatusException e) {
            if (e.gone() || e.status() == 0 || (e.status() >= 400 && e.status() < 500 && e.status() != 429)) return Optional.empty();
            throw e;
        }
    }
}
