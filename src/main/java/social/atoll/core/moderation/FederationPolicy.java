package social.atoll.core.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;

/**
 * Which remote hosts we federate with: none that an admin suspended ({@code domain_blocks} with severity
 * {@code suspend}, which also covers subdomains), and in limited federation mode only the allow-listed ones.
 */
public final class FederationPolicy {

    private final Settings settings;
    private final DomainBlockStore domainBlocks;

    public FederationPolicy(Settings settings, DomainBlockStore domainBlocks) {
        this.settings = settings;
        this.domainBlocks = domainBlocks;
    }

    /** May we fetch from, deliver to, and accept requests from {@code host} (a host name, port allowed)? */
    public boolean allows(String host) {
        if (host == null || host.isBlank()) return false;
        String h = SettingsLoader.hostOf(host.toLowerCase(Locale.ROOT));
        if (!settings.federation().allows(h)) return false;
        List<String> candidates = new ArrayList<>();
        candidates.add(h);
        for (int dot = h.indexOf('.'); dot >= 0 && dot < h.length() - 1; dot = h.indexOf('.', dot + 1)) candidates.add(h.substring(dot + 1));
        return !domainBlocks.anySuspended(candidates);
    }

    /** Signed ActivityPub GETs are required (authorized fetch or limited federation). */
    public boolean requireSignedFetch() { return settings.federation().requireSignedFetch(); }
}
