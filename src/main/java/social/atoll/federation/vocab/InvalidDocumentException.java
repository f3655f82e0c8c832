package social.atoll.federation.vocab;

/** A remote ActivityPub document we will not use, with the reason (for logs and search results). */
public final class InvalidDocumentException extends Exception {
    public InvalidDocumentException(String reason) { super(reason); }
}
