package social.atoll.core.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;

/**
 * The one place that decides how Atoll treats a remote host, from the admin's domain blocks and allows: a block
 * covers the domain and its subdomains (the most specific block wins, as Mastodon's {@code DomainBlock.rule_for});
 * a block written with a port ({@code host:port}) covers only that port. {@code suspend} stops all federation with
 * it; in limited federation mode only hosts allowed by the settings or by {@code domain_allows} federate at all.
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
        String lower = host.toLowerCase(Locale.ROOT);
        // limited federation: the settings' list or an admin's domain allow (subdomains covered, as Mastodon's)
        if (!settings.federation().allows(lower) && !domainBlocks.anyAllowed(candidates(lower))) return false;
        return blockFor(lower).map(b -> !b.suspends()).orElse(true);
    }

    /** The block that applies to {@code host}, if any: the most specific one among it and its parent domains. */
    public Optional<DomainBlock> blockFor(String host) {
        if (host == null || host.isBlank()) return Optional.empty();
        List<DomainBlock> found = domainBlocks.among(candidates(host));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Media of {@code host} are neither cached nor proxied. */
    public boolean rejectsMedia(String host) { return blockFor(host).map(b -> b.rejectMedia() || b.suspends()).orElse(false); }

    /** {@code Flag}s from {@code host} are ignored. */
    public boolean rejectsReports(String host) { return blockFor(host).map(b -> b.rejectReports() || b.suspends()).orElse(false); }

    /** Accounts of {@code host} start silenced. */
    public boolean silences(String host) { return blockFor(host).map(DomainBlock::silences).orElse(false); }

    /** {@code host} as written (with its port), then the host name, then each parent domain. */
    public static List<String> candidates(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        String h = SettingsLoader.hostOf(lower);
        List<String> out = new ArrayList<>();
        if (!h.equals(lower)) out.add(lower);
        out.add(h);
        for (int dot = h.indexOf('.'); dot >= 0 && dot < h.length() - 1; dot = h.indexOf('.', dot + 1)) out.add(h.substring(dot + 1));
        return out;
    }

    /** Signed ActivityPub GETs are required (authorized fetch or limited federation). */
    public boolean requireSignedFetch() { return settings.federation().requireSignedFetch(); }
}
