package social.atoll.infra.storage;

import java.io.IOException;

/**
 * The media store refused a write: a read-only or full disk, a bucket that denies or does not answer. Not the
 * uploader's fault, and usually passing: the API answers 503 and readiness reports the store.
 */
public final class StorageWriteException extends IOException {
    public StorageWriteException(String message, Throwable cause) { super(message, cause); }
}
