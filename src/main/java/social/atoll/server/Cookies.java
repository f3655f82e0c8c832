package social.atoll.server;

/** Names of the cookies Atoll sets, shared by the doors that read them (the web app, and the streaming API for its pages). */
public final class Cookies {

    /** The browser's sign-in session (see web.BrowserSessions). */
    public static final String SESSION = "_atoll_session";

    private Cookies() {}
}
