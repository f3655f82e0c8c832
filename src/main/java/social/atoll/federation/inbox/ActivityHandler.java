package social.atoll.federation.inbox;

/**
 * Turns one kind of inbound activity into calls on {@code core}. Runs in a job, never in the HTTP request; must be
 * idempotent (a job may run again after a crash). Throwing retries the job; {@code PermanentJobFailure} drops it.
 */
@FunctionalInterface
public interface ActivityHandler {
    void handle(InboundActivity activity) throws Exception;
}
