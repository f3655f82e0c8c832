package social.atoll.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.infra.db.Database;

/**
 * Which remote hosts we federate with: none that an admin suspended ({@code domain_blocks} with severity
 * {@code suspend}, which also covers subdomains), and in limited federation mode only the allow-listed ones.
 */
public final class FederationPolicy {

    private final Settings settings;
    private final Database db;

    public FederationPolicy(Settings settings, Database db) {
        this.settings = settings;
        this.db = db;
    }

    /** May we fetch from, deliver to, and accept requests from {@code host} (a host name, port allowed)? */
    public boolean allows(String host) {
        if (host == null || host.isBlank()) return false;
        String h = SettingsLoader.hostOf(host.toLowerCase(Locale.ROOT));
        if (!settings.federation().allows(h)) return false;
        List<String> candidates = new ArrayList<>();
        candidates.add(h);
        for (int dot = h.indexOf('.'); dot >= 0 && dot < h.length() - 1; dot = h.indexOf('.', dot + 1)) candidates.add(h.substring(dot + 1));
        return db.read(q -> q.createQuery("SELECT COUNT(*) FROM domain_blocks WHERE severity = 'suspend' AND domain IN (<d>)")
                .bindList("d", candidates).mapTo(Integer.class).one()) == 0;
    }

    /** Signed ActivityPub GETs are required (authorized fetch or limited federation). */
    public boolean requireSignedFetch() { return settings.federation().requireSignedFetch(); }
}
