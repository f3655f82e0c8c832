package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.quote.Quote;
import social.atoll.core.quote.QuotePolicy;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.federation.vocab.QuoteActivities;
import social.atoll.infra.http.FetchFailedException;

/**
 * What a remote Note says about quoting (FEP-044f): its {@code canQuote} policy, and the post it quotes with the
 * consent it claims. The quoted post is fetched when unknown; the claim is believed only as the quoted author's
 * server vouches for it: an authorization this server issued and still stands, or a {@code QuoteAuthorization}
 * fetched from the quoted author's server that names exactly this quote. Until then the quote is pending.
 */
final class QuoteIntake {

    private static final Logger log = LoggerFactory.getLogger(QuoteIntake.class);

    private final InboxServices s;

    QuoteIntake(InboxServices s) { this.s = s; }

    /** After {@code stored} (by {@code author}) was created or updated from {@code obj}. */
    void process(JsonNode obj, Status stored, Account author) {
        QuotePolicy policy = QuoteActivities.readPolicy(obj, author);
        if (policy != null) s.quotes().rememberPolicy(stored.id(), policy);
        QuoteActivities.QuoteRef ref = QuoteActivities.read(obj);
        if (ref.quotedUri() == null) return;
        Status quoted = resolve(ref.quotedUri()).orElse(null);
        if (quoted != null && quoted.isReblog()) quoted = null;
        boolean authorized = quoted != null && quoted.accountId() == author.id(); // quoting oneself needs nobody's consent
        String approval = ref.authorizationUri();
        if (!authorized && quoted != null && approval != null) authorized = verify(approval, stored, quoted);
        s.quotes().recordRemote(stored, ref.quotedUri(), quoted, approval, authorized);
    }

    /** The quoted post: stored here (local or remote), else fetched from its server and stored. */
    Optional<Status> resolve(String uri) {
        Optional<Status> known = s.remoteStatuses().byUri(uri);
        if (known.isPresent() || AsValues.sameOrigin(uri, s.settings().baseUrl())) return known;
        try {
            JsonNode obj = s.fetch(uri).orElse(null);
            if (obj == null || !NoteReader.isNote(obj)) return Optional.empty();
            String authorUri = AsValues.id(obj, "attributedTo");
            if (!AsValues.sameOrigin(authorUri, uri)) return Optional.empty();
            Account author = s.account(authorUri).orElse(null);
            if (author == null || author.local()) return Optional.empty();
            RemoteNote note = s.notes().parse(obj, author, null);
            Status stored = NoteReader.poll(obj).map(p -> s.remoteQuestions().create(note, p)).orElseGet(() -> s.remoteStatuses().create(note));
            QuotePolicy policy = QuoteActivities.readPolicy(obj, author);
            if (policy != null) s.quotes().rememberPolicy(stored.id(), policy);
            return Optional.of(stored);
        } catch (FetchFailedException | RuntimeException e) {
            log.info("cannot fetch quoted post {}: {}", uri, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Does {@code approval} authorize {@code quoting} to quote {@code quoted}? One of ours: the quote of that status
     * must be the one accepted here. Another server's: it must be the quoted author's server's QuoteAuthorization,
     * attributed to the quoted author, naming this quoting post and this quoted post.
     */
    private boolean verify(String approval, Status quoting, Status quoted) {
        if (AsValues.sameOrigin(approval, s.settings().baseUrl())) {
            Optional<Quote> ours = s.quotes().ofStatus(quoting.id());
            return quoted.local() && ours.isPresent() && ours.get().accepted() && approval.equals(s.quotes().approvalUriOf(ours.get()));
        }
        Account quotedAuthor = s.accounts().byId(quoted.accountId()).orElse(null);
        if (quotedAuthor == null || quotedAuthor.local() || !AsValues.sameOrigin(approval, quotedAuthor.uri())) return false;
        try {
            JsonNode doc = s.fetch(approval).orElse(null);
            return doc != null && AsValues.types(doc).contains("QuoteAuthorization")
                    && quotedAuthor.uri().equals(AsValues.id(doc, "attributedTo"))
                    && quoting.uri().equals(AsValues.id(doc, "interactingObject"))
                    && quoted.uri().equals(AsValues.id(doc, "interactionTarget"));
        } catch (FetchFailedException | RuntimeException e) {
            log.info("cannot verify quote authorization {}: {}", approval, e.getMessage());
            return false;
        }
    }
}
