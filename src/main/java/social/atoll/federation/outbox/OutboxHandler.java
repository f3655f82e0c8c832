package social.atoll.federation.outbox;

import social.atoll.infra.events.EventBus;

/**
 * Federates one subject of what local accounts do: listens to core's events inside their transaction and enqueues
 * deliveries, so an action and its deliveries commit together (or not at all). Actions of remote accounts (which
 * arrive through the inbox and raise the same events) are never sent back out.
 */
interface OutboxHandler {

    /** Registers the handler's listeners (and jobs); call before the job queue starts. */
    void register(EventBus events);
}
