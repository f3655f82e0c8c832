package social.atoll.web.view;

/**
 * The sign-in page. {@code appName} is set when signing in to authorize an app; {@code error} when the last
 * attempt failed or the account may not sign in.
 */
public record SignInView(String instance, String email, String returnTo, String csrf, String error, String appName) {}
