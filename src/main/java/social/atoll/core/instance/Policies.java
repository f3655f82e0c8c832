package social.atoll.core.instance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The privacy policy and terms of service staff write in Markdown ({@code privacy_policy}, {@code terms_of_service}
 * in {@link SiteSettings}), rendered to HTML for the API and the public pages. Raw HTML in the Markdown is escaped
 * by the renderer and the result goes through an allow-list as well, so a policy can never carry a script or a
 * {@code javascript:} link onto the server's own pages. Without a privacy policy of its own the server serves a
 * short default (Mastodon does the same); without terms of service there are none.
 */
public final class Policies {

    public record PrivacyPolicy(Instant updatedAt, String html) {}

    /**
     * The terms of service in force: Mastodon 4.4's entity keeps versions; here there is one, effective from its
     * date (the day it was saved unless staff chose another), so {@code succeeded_by} is always null.
     */
    public record TermsOfService(LocalDate effectiveDate, boolean effective, String html) {}

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory ALLOWED = Sanitizers.BLOCKS.and(Sanitizers.FORMATTING).and(Sanitizers.LINKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder().allowElements("pre", "hr").toFactory());

    /** Used until staff write their own; {0} is the server's name. */
    static final String DEFAULT_PRIVACY_POLICY = """
            **{0}** keeps what you post, the people you follow and your settings to run your account, and nothing else: \
            no tracking, no advertising, no third-party scripts or fonts on its pages.

            ## What others see

            Public posts are visible to anyone and sent to the servers of your followers. Followers-only posts and direct \
            messages go only to the people they are for, but their servers and administrators can read them: do not \
            share anything dangerous in them.

            ## What stays here

            Your e-mail address, password and sign-in records (IP address, browser) stay on this server; they are used to \
            secure your account.

            ## Deleting

            You can delete your posts at any time; deletions are sent to other servers too. Ask the administrators to \
            remove your account.
            """;

    private final SiteSettings site;
    private final Clock clock;
    private final String serverName;

    public Policies(SiteSettings site, Clock clock, String serverName) {
        this.site = site;
        this.clock = clock;
        this.serverName = serverName;
    }

    /** The Markdown rendered to safe HTML. */
    public static String render(String markdown) {
        return ALLOWED.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown))).strip();
    }

    public PrivacyPolicy privacyPolicy() {
        Map<String, String> s = site.all();
        String text = s.get(SiteSettings.PRIVACY_POLICY);
        if (text == null || text.isBlank()) {
            String title = s.getOrDefault(SiteSettings.TITLE, serverName);
            return new PrivacyPolicy(Instant.EPOCH, render(DEFAULT_PRIVACY_POLICY.replace("{0}", title.replace("*", "\\*"))));
        }
        return new PrivacyPolicy(instant(s.get(SiteSettings.PRIVACY_POLICY_UPDATED_AT)), render(text));
    }

    public Optional<TermsOfService> termsOfService() {
        Map<String, String> s = site.all();
        String text = s.get(SiteSettings.TERMS_OF_SERVICE);
        if (text == null || text.isBlank()) return Optional.empty();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate effective = date(s.get(SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE)).orElse(today);
        return Optional.of(new TermsOfService(effective, !effective.isAfter(today), render(text)));
    }

    private static Instant instant(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    static Optional<LocalDate> date(String s) {
        try {
            return s == null || s.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(s.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
