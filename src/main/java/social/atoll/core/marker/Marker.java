package social.atoll.core.marker;

import java.time.Instant;

/** Where an account stopped reading a timeline ({@code home} or {@code notifications}); {@code version} is an optimistic lock. */
public record Marker(String timeline, long lastReadId, int version, Instant updatedAt) {}
