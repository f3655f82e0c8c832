package social.atoll.core.common;

/** The actor may not do this (blocked, suspended, not the owner). */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) { super(message); }
}
