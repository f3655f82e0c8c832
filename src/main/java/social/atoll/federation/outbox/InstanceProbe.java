package social.atoll.federation.outbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.federation.FederationClient;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Response;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Asks an unavailable host, twice a day, whether it is back: any answer below 500 to a NodeInfo discovery request
 * marks it available again (deliveries resume); otherwise the next probe is scheduled.
 */
public final class InstanceProbe {

    private static final Logger log = LoggerFactory.getLogger(InstanceProbe.class);
    static final Duration INTERVAL = Duration.ofHours(12);

    /** Payload: the host and one inbox URL on it (its scheme tells how to reach the host). */
    public record Probe(String host, String inbox) {}

    public static final JobType<Probe> TYPE = JobType.local("federation.instance-probe", Probe.class);

    private final FederationClient client;
    private final InstanceHealth health;
    private final Clock clock;
    private JobQueue jobs;

    public InstanceProbe(FederationClient client, InstanceHealth health, Clock clock) {
        this.client = client;
        this.health = health;
        this.clock = clock;
    }

    public void register(JobQueue queue) {
        this.jobs = queue;
        queue.register(TYPE, this::probe);
    }

    /** Schedules the next probe of {@code host}. */
    void schedule(String host, String inbox) {
        var when = clock.instant().plus(INTERVAL);
        jobs.enqueueAtInOwnTransaction(TYPE, host + "@" + when.toEpochMilli(), new Probe(host, inbox), when);
    }

    private void probe(Probe p) {
        if (!health.unavailable(p.host())) return;
        URI inbox = URI.create(p.inbox());
        URI nodeinfo = inbox.resolve("/.well-known/nodeinfo");
        try {
            Response r = client.getPublic(nodeinfo, "application/json");
            if (r.status() < 500) {
                log.info("{} answers again ({}); resuming deliveries", p.host(), r.status());
                health.succeeded(p.host());
                return;
            }
        } catch (FetchFailedException e) {
            log.debug("{} is still unreachable: {}", p.host(), e.getMessage());
        }
        schedule(p.host(), p.inbox());
    }
}
