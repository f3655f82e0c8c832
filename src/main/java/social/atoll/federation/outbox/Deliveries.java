package social.atoll.federation.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.infra.jobs.JobQueue;

/**
 * Enqueues one {@link DeliveryJob} per inbox, all carrying the same bytes, in the caller's transaction — or in one
 * of their own for callers outside any (the job queue stores jobs in a transaction; no SQL here).
 */
final class Deliveries {

    private final JobQueue jobs;
    private final ObjectMapper json;

    Deliveries(JobQueue jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    void send(JsonNode activity, Account signer, Set<String> inboxes) { enqueue(activity, signer.id(), inboxes); }

    /** Sends on nobody's behalf, signed by the instance actor (forwarded reports). */
    void sendAsInstance(JsonNode activity, Set<String> inboxes) { enqueue(activity, null, inboxes); }

    private void enqueue(JsonNode activity, Long signerId, Set<String> inboxes) {
        if (inboxes.isEmpty()) return;
        String body;
        try {
            body = json.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String id = activity.path("id").asText();
        Map<String, DeliveryJob.Delivery> byKey = new LinkedHashMap<>();
        for (String inbox : inboxes) {
            if (inbox == null || inbox.isBlank()) continue;
            byKey.put(id + " " + inbox, new DeliveryJob.Delivery(inbox, signerId, body));
        }
        jobs.enqueueAll(DeliveryJob.TYPE, byKey);
    }
}
