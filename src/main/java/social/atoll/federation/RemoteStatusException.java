package social.atoll.federation;

import social.atoll.infra.http.FetchFailedException;

/** A remote server answered, but not with what we asked for: an error status or a document we refuse. */
public final class RemoteStatusException extends FetchFailedException {

    private final int status;

    public RemoteStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the answer was 2xx but its content was refused. */
    public int status() { return status; }

    /** 404 or 410: the object is not (or no longer) there. */
    public boolean gone() { return status == 404 || status == 410; }
}
