package social.atoll.web.view;

/** The instance's front page. {@code signedInAs} ({@code @user}) and {@code csrf} are set when a browser is signed in. */
public record LandingView(String instance, String description, String signedInAs, String csrf) {}
