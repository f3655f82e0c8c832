package social.atoll.core.quote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may quote a status: the keys of Mastodon's {@code QuoteApproval} ({@code public}, {@code followers},
 * {@code following}, {@code unsupported_policy}) for automatic and for manual approval. A local author chooses one of
 * three ({@code public}, {@code followers}, {@code nobody}), all automatic as Mastodon's are; a remote post's policy is
 * read from its {@code interactionPolicy.canQuote}, where manual approval appears (GoToSocial's).
 */
public record QuotePolicy(List<String> automatic, List<String> manual) {

    public static final String PUBLIC = "public";
    public static final String FOLLOWERS = "followers";
    public static final String FOLLOWING = "following";
    public static final String UNSUPPORTED = "unsupported_policy";
    /** The API's third choice: nobody but the author. */
    public static final String NOBODY = "nobody";

    /** Nobody but the author (a status with no policy stored, or a private one). */
    public static final QuotePolicy AUTHOR_ONLY = new QuotePolicy(List.of(), List.of());

    public QuotePolicy {
        automatic = List.copyOf(automatic);
        manual = List.copyOf(manual);
    }

    /** The policy a local author chose by its API name ({@code public}, {@code followers}, {@code nobody}). */
    public static Optional<QuotePolicy> ofApi(String name) {
        if (name == null) return Optional.empty();
        return switch (name) {
            case PUBLIC -> Optional.of(new QuotePolicy(List.of(PUBLIC), List.of()));
            case FOLLOWERS -> Optional.of(new QuotePolicy(List.of(FOLLOWERS), List.of()));
            case NOBODY -> Optional.of(AUTHOR_ONLY);
            default -> Optional.empty();
        };
    }

    /** The API name of a policy a local author could have chosen. */
    public String apiName() {
        if (automatic.contains(PUBLIC)) return PUBLIC;
        if (automatic.contains(FOLLOWERS)) return FOLLOWERS;
        return NOBODY;
    }

    static QuotePolicy fromColumns(String automatic, String manual) { return new QuotePolicy(split(automatic), split(manual)); }

    String automaticColumn() { return String.join(",", automatic); }

    String manualColumn() { return String.join(",", manual); }

    private static List<String> split(String s) {
        if (s == null || s.isBlank()) return List.of();
        return new ArrayList<>(Arrays.stream(s.split(",")).filter(x -> !x.isBlank()).toList());
    }

    /** Does deciding for someone need to know who follows whom? */
    boolean needsTies() {
        return automatic.contains(FOLLOWERS) || automatic.contains(FOLLOWING) || manual.contains(FOLLOWERS) || manual.contains(FOLLOWING);
    }

    /** How the policy applies to one account: Mastodon's {@code current_user}. */
    public enum Decision {
        AUTOMATIC, MANUAL, UNKNOWN, DENIED;

        public String api() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * Mastodon's {@code quote_policy_for_account}: the author always may; then the automatic keys, then the manual
     * ones; a policy with keys Mastodon does not model answers {@code unknown} rather than {@code denied}.
     *
     * @param followsAuthor  does the account follow the author
     * @param followedByAuthor does the author follow the account
     */
    public Decision decide(boolean self, boolean followsAuthor, boolean followedByAuthor) {
        if (self) return Decision.AUTOMATIC;
        if (allows(automatic, followsAuthor, followedByAuthor)) return Decision.AUTOMATIC;
        if (allows(manual, followsAuthor, followedByAuthor)) return Decision.MANUAL;
        if (automatic.contains(UNSUPPORTED) || manual.contains(UNSUPPORTED)) return Decision.UNKNOWN;
        return Decision.DENIED;
    }

    private static boolean allows(List<String> keys, boolean followsAuthor, boolean followedByAuthor) {
        return keys.contains(PUBLIC) || (keys.contains(FOLLOWERS) && followsAuthor) || (keys.contains(FOLLOWING) && followedByAuthor);
    }
}
