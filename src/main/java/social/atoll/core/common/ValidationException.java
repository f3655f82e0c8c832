package social.atoll.core.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input that breaks a rule of the domain. The message is shown to the user, in Mastodon's wording where one exists.
 * Sign-up also names each failing field ({@link #details()}), as Mastodon's {@code details} object does, so a client
 * can show the error next to the field.
 */
public final class ValidationException extends RuntimeException {

    /** One failed rule of one field: Mastodon's code ({@code ERR_TAKEN}) and text ({@code has already been taken}). */
    public record FieldError(String error, String description) {}

    private final Map<String, List<FieldError>> details;
    private final boolean bare;

    public ValidationException(String message) { this(message, Map.of()); }

    public ValidationException(String message, Map<String, List<FieldError>> details) { this(message, details, false); }

    private ValidationException(String message, Map<String, List<FieldError>> details, boolean bare) {
        super(message);
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.bare = bare;
    }

    /**
     * A refusal shown as it is, without "Validation failed: ": Mastodon words a few refusals of its services so
     * ({@code Mastodon::ValidationError}), apart from the failed rules of a record.
     */
    public static ValidationException bare(String message) { return new ValidationException(message, Map.of(), true); }

    /** True when the message is shown without the "Validation failed: " of a failed record rule. */
    public boolean isBare() { return bare; }

    /** Errors by field name, empty when the failure is not tied to fields. */
    public Map<String, List<FieldError>> details() { return details; }
}
