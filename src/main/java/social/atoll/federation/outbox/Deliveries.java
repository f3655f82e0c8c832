package social.atoll.federation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;

/**
 * Enqueues one {@link DeliveryJob} per inbox, all carrying the same bytes, in the caller's transaction — or in one
 * of their own for callers outside any (the job queue stores jobs in a transaction; no SQL here).
 */
final class Deliveries {

    private final Database db;
    private final JobQueue jobs;
    private final ObjectMapper json;

    Deliveries(Database db, JobQueue jobs, ObjectMapper json) {
        this.db = db;
        this.jobs = jobs;
        this.json = json;
    }

    void send(JsonNode activity, Account signer, Set<String> inboxes) {
        if (inboxes.isEmpty()) return;
        String body;
        try {
            body = json.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id = activity.path("id").asText();
        db.write(h -> {
            for (String inbox : inboxes) {
                if (inbox == null || inbox.isBlank()) continue;
                jobs.enqueue(DeliveryJob.TYPE, id + " " + inbox, new DeliveryJob.Delivery(inbox, signer.id(), body));
            }
            return null;
        });
    }
}
