package social.atoll.federation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.infra.jobs.JobQueue;

/** Enqueues one {@link DeliveryJob} per inbox, in the caller's transaction, all carrying the same bytes. */
final class Deliveries {

    private Deliveries() {}

    static void enqueue(JobQueue jobs, ObjectMapper json, JsonNode activity, Account signer, Set<String> inboxes) {
        if (inboxes.isEmpty()) return;
        String body;
        try {
            body = json.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id = activity.path("id").asText();
        for (String inbox : inboxes) {
            if (inbox == null || inbox.isBlank()) continue;
            jobs.enqueue(DeliveryJob.TYPE, id + " " + inbox, new DeliveryJob.Delivery(inbox, signer.id(), body));
        }
    }
}
