package social.atoll.core.account;

/** Limits on a local profile, as Mastodon sets them (the instance endpoint publishes them). */
public final class ProfileLimits {
    private ProfileLimits() {}

    public static final int MAX_DISPLAY_NAME = 30;
    public static final int MAX_NOTE = 500;
    public static final int MAX_FIELDS = 4;
    public static final int MAX_FIELD_NAME = 255;
    public static final int MAX_FIELD_VALUE = 255;
}
