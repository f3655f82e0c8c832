package social.atoll.web.settings;

import java.util.List;
import social.atoll.web.Messages;

/** A User-Agent header in a few words ("Firefox on Linux"), as a person recognises their own browsers. */
final class UserAgents {
    private UserAgents() {}

    private record Match(String token, String name) {}

    // Order matters: Edge and Opera say Chrome, Chrome says Safari, and headless Chrome says both.
    private static final List<Match> BROWSERS = List.of(
            new Match("Edg/", "Edge"), new Match("OPR/", "Opera"), new Match("Vivaldi/", "Vivaldi"),
            new Match("Firefox/", "Firefox"), new Match("HeadlessChrome/", "Chrome"), new Match("Chromium/", "Chromium"),
            new Match("Chrome/", "Chrome"), new Match("CriOS/", "Chrome"), new Match("FxiOS/", "Firefox"),
            new Match("Safari/", "Safari"), new Match("curl/", "curl"), new Match("Java-http-client", "Java"));
    private static final List<Match> SYSTEMS = List.of(
            new Match("Android", "Android"), new Match("iPhone", "iOS"), new Match("iPad", "iPadOS"),
            new Match("Windows", "Windows"), new Match("Mac OS X", "macOS"), new Match("CrOS", "ChromeOS"),
            new Match("Linux", "Linux"));

    static String summary(String ua, Messages t) {
        if (ua == null || ua.isBlank()) return t.get("settings.sessions.unknown_browser");
        String browser = first(BROWSERS, ua);
        String system = first(SYSTEMS, ua);
        if (browser == null) browser = t.get("settings.sessions.unknown_browser");
        return system == null ? browser : t.get("settings.sessions.browser_on", browser, system);
    }

    private static String first(List<Match> list, String ua) {
        for (Match m : list) if (ua.contains(m.token())) return m.name();
        return null;
    }
}
