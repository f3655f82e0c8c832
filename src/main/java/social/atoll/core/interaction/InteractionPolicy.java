package social.atoll.core.interaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.atoll.core.status.Visibility;

/**
 * Who may favourite, reply to and boost a status: GoToSocial's interaction policy. Each rule has entries for
 * automatic and for manual approval; an entry is one of GoToSocial's keys ({@code public}, {@code followers},
 * {@code following}, {@code mentioned}, {@code author}) or an actor URI (as remote policies name people).
 */
public record InteractionPolicy(Rules canFavourite, Rules canReply, Rules canReblog) {

    public static final String PUBLIC = "public";
    public static final String FOLLOWERS = "followers";
    public static final String FOLLOWING = "following";
    public static final String MENTIONED = "mentioned";
    public static final String AUTHOR = "author";
    /** In the API only: the viewer, added to the rule that lets them interact. */
    public static final String ME = "me";

    /** The three kinds of interaction a policy rules, by the names of GoToSocial's API and notifications. */
    public enum Type {
        FAVOURITE, REPLY, REBLOG;

        public String api() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Type> of(String s) {
            for (Type t : values()) if (t.api().equals(s)) return Optional.of(t);
            return Optional.empty();
        }
    }

    /** One rule: entries for automatic approval and for manual approval. */
    public record Rules(List<String> automatic, List<String> manual) {
        public Rules {
            automatic = List.copyOf(new LinkedHashSet<>(automatic));
            manual = List.copyOf(new LinkedHashSet<>(manual));
        }

        public static Rules of(String... automatic) { return new Rules(List.of(automatic), List.of()); }

        String automaticColumn() { return String.join(" ", automatic); }

        String manualColumn() { return String.join(" ", manual); }

        static Rules fromColumns(String automatic, String manual) { return new Rules(split(automatic), split(manual)); }
    }

    public Rules rules(Type t) {
        return switch (t) {
            case FAVOURITE -> canFavourite;
            case REPLY -> canReply;
            case REBLOG -> canReblog;
        };
    }

    /** What a post with no policy from a server that does not know them allows: anyone who may see it (GoToSocial). */
    public static final InteractionPolicy OPEN = new InteractionPolicy(Rules.of(PUBLIC), Rules.of(PUBLIC), Rules.of(PUBLIC));

    /** GoToSocial's default for a new post of this visibility (also the default of an account that chose none). */
    public static InteractionPolicy defaultFor(Visibility v) {
        return switch (v) {
            case PUBLIC, UNLISTED -> OPEN;
            case PRIVATE, LIMITED -> new InteractionPolicy(Rules.of(AUTHOR, FOLLOWERS, MENTIONED), Rules.of(AUTHOR, FOLLOWERS, MENTIONED),
                    Rules.of(AUTHOR));
            case DIRECT -> new InteractionPolicy(Rules.of(AUTHOR, MENTIONED), Rules.of(AUTHOR, MENTIONED), Rules.of(AUTHOR));
        };
    }

    /** The four visibilities GoToSocial keeps defaults for, by their API names. */
    public static final List<Visibility> DEFAULT_VISIBILITIES = List.of(Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE, Visibility.DIRECT);

    /**
     * A policy as a local author asked for it, checked and completed as GoToSocial does: each entry must make sense
     * for the visibility ({@code public} only on public and unlisted posts, {@code followers}/{@code following} not on
     * direct ones; {@code me} is the API's, never stored); the author may always do everything and mentioned accounts
     * may always reply, so they are added when not already covered.
     */
    public static InteractionPolicy checked(InteractionPolicy p, Visibility v) {
        return new InteractionPolicy(checked(p.canFavourite, v, false, "can_favourite"), checked(p.canReply, v, true, "can_reply"),
                checked(p.canReblog, v, false, "can_reblog"));
    }

    private static Rules checked(Rules r, Visibility v, boolean reply, String name) {
        List<String> automatic = new ArrayList<>();
        for (String e : r.automatic()) automatic.add(feasible(e, v, name));
        List<String> manual = new ArrayList<>();
        for (String e : r.manual()) manual.add(feasible(e, v, name));
        if (!automatic.contains(PUBLIC) && !automatic.contains(AUTHOR)) automatic.add(AUTHOR);
        if (reply && !automatic.contains(PUBLIC) && !automatic.contains(MENTIONED)) automatic.add(MENTIONED);
        return new Rules(automatic, manual);
    }

    private static String feasible(String entry, Visibility v, String name) {
        boolean ok = switch (entry) {
            case AUTHOR, MENTIONED -> true;
            case FOLLOWERS, FOLLOWING -> v != Visibility.DIRECT;
            case PUBLIC -> v == Visibility.PUBLIC || v == Visibility.UNLISTED;
            default -> entry.startsWith("https://") || entry.startsWith("http://");
        };
        // GoToSocial answers 422 with this reason
        if (!ok) throw new social.atoll.core.common.ValidationException("policyURI " + entry + " is not feasible for visibility " + v.api() + " (" + name + ")");
        return entry;
    }

    /** The web's preset names per interaction, in the order the composer and the settings page offer them. */
    public static final List<String> REPLY_PRESETS = List.of("anyone", "approval", "followers", "mentioned");
    public static final List<String> REBLOG_PRESETS = List.of("anyone", "approval", "nobody");
    public static final List<String> FAVOURITE_PRESETS = List.of("anyone", "approval");

    public static List<String> presets(Type t) {
        return switch (t) {
            case REPLY -> REPLY_PRESETS;
            case REBLOG -> REBLOG_PRESETS;
            case FAVOURITE -> FAVOURITE_PRESETS;
        };
    }

    /**
     * The web composer's simple choices as a policy: who may reply ({@code anyone}, {@code approval} — anyone, with
     * the author's approval —, {@code followers}, {@code mentioned}), boost ({@code anyone}, {@code approval},
     * {@code nobody}) and favourite ({@code anyone}, {@code approval}); "anyone" is whoever may see the post (on a
     * followers-only post its followers and the people it mentions). A blank choice keeps {@code base}'s rule.
     * Checked later like any policy.
     */
    public static InteractionPolicy preset(Visibility v, InteractionPolicy base, String reply, String boost, String like) {
        return new InteractionPolicy(preset(v, Type.FAVOURITE, like, base.canFavourite()), preset(v, Type.REPLY, reply, base.canReply()),
                preset(v, Type.REBLOG, boost, base.canReblog()));
    }

    private static Rules preset(Visibility v, Type t, String choice, Rules base) {
        List<String> anyone = switch (v) {
            case PUBLIC, UNLISTED -> List.of(PUBLIC);
            case PRIVATE, LIMITED -> List.of(FOLLOWERS, MENTIONED);
            case DIRECT -> List.of(MENTIONED);
        };
        String c = choice == null || !presets(t).contains(choice) ? "" : choice;
        return switch (c) {
            case "anyone" -> new Rules(anyone, List.of());
            case "approval" -> new Rules(List.of(AUTHOR), anyone);
            case "followers" -> v == Visibility.DIRECT ? Rules.of(AUTHOR, MENTIONED) : Rules.of(AUTHOR, FOLLOWERS, MENTIONED);
            case "mentioned" -> Rules.of(AUTHOR, MENTIONED);
            case "nobody" -> Rules.of(AUTHOR);
            default -> base;
        };
    }

    /**
     * The preset a rule of an account's default (as stored, checked) amounts to, so that the settings page shows it
     * selected; blank when none does (a finer policy set through the API, kept as it is unless changed).
     */
    public static String presetOf(Visibility v, InteractionPolicy p, Type t) {
        Rules have = p.rules(t);
        for (String name : presets(t)) {
            Rules r = checked(preset(v, p, t == Type.REPLY ? name : null, t == Type.REBLOG ? name : null, t == Type.FAVOURITE ? name : null), v)
                    .rules(t);
            if (new LinkedHashSet<>(r.automatic()).equals(new LinkedHashSet<>(have.automatic()))
                    && new LinkedHashSet<>(r.manual()).equals(new LinkedHashSet<>(have.manual()))) return name;
        }
        return "";
    }

    // ---- deciding ----

    /** How a rule applies to one account: GoToSocial's forbidden, manual approval, automatic approval. */
    public enum Permission { FORBIDDEN, MANUAL, AUTOMATIC }

    /**
     * The outcome for one account and interaction. {@code onCollection}: automatic only because the account is in the
     * author's followers or following, which a remote author's server must confirm with an Accept (GoToSocial).
     */
    public record Check(Permission permission, boolean onCollection) {
        public static final Check AUTOMATIC = new Check(Permission.AUTOMATIC, false);
        public static final Check MANUAL = new Check(Permission.MANUAL, false);
        public static final Check FORBIDDEN = new Check(Permission.FORBIDDEN, false);

        public boolean forbidden() { return permission == Permission.FORBIDDEN; }

        /** Must the interaction wait for an answer of the author (or their server, for a post from elsewhere)? */
        public boolean held(boolean targetLocal) { return permission == Permission.MANUAL || (onCollection && !targetLocal); }
    }

    /** What deciding for one account needs to know about it and the post's author. */
    public record Facts(boolean self, boolean followsAuthor, boolean followedByAuthor, boolean mentioned, String accountUri) {}

    /**
     * GoToSocial's rules: the author may always; mentioned (or replied-to) accounts may always reply; otherwise the
     * most specific entry that names the account wins (its URI, then mentioned/author, then a collection, then
     * public), automatic approval over manual at the same level.
     */
    public Check decide(Type t, Facts f) {
        if (f.self()) return Check.AUTOMATIC;
        if (t == Type.REPLY && f.mentioned()) return Check.AUTOMATIC;
        Rules r = rules(t);
        int auto = level(r.automatic(), f);
        int manual = level(r.manual(), f);
        if (auto == 0 && manual == 0) return Check.FORBIDDEN;
        if (auto >= manual) return new Check(Permission.AUTOMATIC, auto == 2);
        return Check.MANUAL;
    }

    private static int level(List<String> entries, Facts f) {
        int best = 0;
        for (String e : entries) {
            int l = switch (e) {
                case PUBLIC -> 1;
                case FOLLOWERS -> f.followsAuthor() ? 2 : 0;
                case FOLLOWING -> f.followedByAuthor() ? 2 : 0;
                case MENTIONED -> f.mentioned() ? 3 : 0;
                case AUTHOR -> 0; // the author was answered before
                default -> e.equals(f.accountUri()) ? 4 : 0;
            };
            best = Math.max(best, l);
        }
        return best;
    }

    /** Anyone may do everything, automatically (no manual entries): the outcome is the same for every viewer. */
    boolean isOpen() {
        for (Rules r : List.of(canFavourite, canReply, canReblog))
            if (!r.automatic().contains(PUBLIC) || !r.manual().isEmpty()) return false;
        return true;
    }

    /** Does some rule name an actor by URI (so deciding needs the viewer's own URI)? */
    boolean namesActors() {
        for (Rules r : List.of(canFavourite, canReply, canReblog))
            for (List<String> l : List.of(r.automatic(), r.manual()))
                for (String e : l) if (e.startsWith("http://") || e.startsWith("https://")) return true;
        return false;
    }

    /** Does deciding for someone need to know who follows whom? */
    boolean needsTies() {
        for (Rules r : List.of(canFavourite, canReply, canReblog))
            for (List<String> l : List.of(r.automatic(), r.manual()))
                if (l.contains(FOLLOWERS) || l.contains(FOLLOWING)) return true;
        return false;
    }

    static List<String> split(String s) {
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isBlank()).toList();
    }
}
