package social.atoll.core.moderation;

import java.time.Instant;

/** A server-wide block of a domain and its subdomains (Mastodon's {@code DomainBlock}). */
public record DomainBlock(long id, String domain, String severity, boolean rejectMedia, boolean rejectReports, String privateComment,
                          String publicComment, boolean obfuscate, Instant createdAt) {

    public static final java.util.Set<String> SEVERITIES = java.util.Set.of("silence", "suspend", "noop");

    public boolean suspends() { return severity.equals("suspend"); }

    public boolean silences() { return severity.equals("silence"); }
}
