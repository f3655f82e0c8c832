package social.atoll.core.common;

/** The object does not exist, or the viewer may not know it exists (both look the same from outside). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) { super(what); }
}
