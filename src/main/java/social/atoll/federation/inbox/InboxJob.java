package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.vocab.AsValues;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.jobs.PermanentJobFailure;

/** Processes one stored inbound activity: picks its handler from the registry and runs it. */
public final class InboxJob {

    private static final Logger log = LoggerFactory.getLogger(InboxJob.class);

    /**
     * The activity as received, who signed it, whose personal inbox it came to (null: the shared inbox), and whether
     * the signer forwarded it for its actor (null in jobs stored before forwarding was accepted: not forwarded).
     */
    public record Payload(String activity, long actorId, Long inboxOwnerId, Boolean forwarded) {}

    /** Retried for a day: a failure here is a fetch of a missing object or a busy database. */
    public static final JobType<Payload> TYPE = new JobType<>("federation.inbox", Payload.class, 10,
            Duration.ofSeconds(10), Duration.ofHours(2), Duration.ofDays(1));

    private final AccountStore accounts;
    private final InboxServices services;
    private final ActivityHandlers handlers;
    private final ObjectMapper json;

    public InboxJob(AccountStore accounts, InboxServices services, ActivityHandlers handlers, ObjectMapper json) {
        this.accounts = accounts;
        this.services = services;
        this.handlers = handlers;
        this.json = json;
    }

    public void register(JobQueue jobs) { jobs.register(TYPE, this::process); }

    public void process(Payload p) throws Exception {
        JsonNode activity;
        try {
            activity = json.readTree(p.activity());
        } catch (IOException e) {
            throw new PermanentJobFailure("stored activity does not parse", e);
        }
        boolean forwarded = Boolean.TRUE.equals(p.forwarded());
        // a forwarded activity's actor is not its signer: known here, or fetched
        Account actor = forwarded ? services.account(AsValues.id(activity, "actor")).filter(x -> !x.local()).orElse(null)
                : accounts.byId(p.actorId()).orElse(null);
        if (actor == null) return; // the account was removed meanwhile, or cannot be had
        Account owner = p.inboxOwnerId() == null ? null : accounts.byId(p.inboxOwnerId()).orElse(null);
        InboundActivity a = new InboundActivity(activity, actor, owner, forwarded);
        var handler = handlers.find(a.type(), a.objectType());
        if (handler.isEmpty()) {
            log.debug("ignoring {} {} from {}: no handler for this type", a.type(), a.id(), actor.uri());
            return;
        }
        handler.get().handle(a);
    }
}
