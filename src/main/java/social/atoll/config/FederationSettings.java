package social.atoll.config;

import java.util.Locale;
import java.util.Set;

/**
 * How openly Atoll federates ({@code ATOLL_AUTHORIZED_FETCH}, {@code ATOLL_LIMITED_FEDERATION},
 * {@code ATOLL_ALLOWED_DOMAINS}).
 *
 * @param authorizedFetch   ActivityPub GETs must be signed (Mastodon's secure mode); the instance actor, WebFinger,
 *                          host-meta and NodeInfo stay public
 * @param limitedFederation talk only to {@code allowedDomains} (implies authorized fetch)
 * @param allowedDomains    lower-case host names (a domain also allows its subdomains)
 */
public record FederationSettings(boolean authorizedFetch, boolean limitedFederation, Set<String> allowedDomains) {

    public static FederationSettings open() { return new FederationSettings(false, false, Set.of()); }

    /** Signatures are required on ActivityPub GETs. */
    public boolean requireSignedFetch() { return authorizedFetch || limitedFederation; }

    /** May we talk to {@code host} (a host name, with or without port)? Blocks are checked elsewhere. */
    public boolean allows(String host) {
        if (!limitedFederation) return true;
        String h = SettingsLoader.hostOf(host.toLowerCase(Locale.ROOT));
        for (String d : allowedDomains) if (h.equals(d) || h.endsWith("." + d)) return true;
        return false;
    }
}
