package social.atoll.federation.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Map;
import social.atoll.config.Settings;
import social.atoll.core.instance.SiteSettings;

/**
 * The server's own actor ({@code /actor}, type {@code Application}, username = our domain, as Mastodon names it). It
 * signs the GETs we make on nobody's behalf (actor and key fetches, status lookups) and is always fetchable
 * unsigned, so two servers in secure mode can verify each other. Its RSA key pair is made on first use and kept in
 * {@code site_settings}.
 */
public final class InstanceActor {

    static final String PUBLIC_KEY = "instance_actor_public_key";
    static final String PRIVATE_KEY = "instance_actor_private_key";

    private final Settings settings;
    private final SiteSettings siteSettings;
    private volatile Keys keys;

    private record Keys(String publicPem, PrivateKey privateKey) {}

    public InstanceActor(Settings settings, SiteSettings siteSettings) {
        this.settings = settings;
        this.siteSettings = siteSettings;
    }

    public String uri() { return settings.url("/actor"); }

    public String keyId() { return uri() + "#main-key"; }

    /** Our domain, the instance actor's {@code preferredUsername}. */
    public String username() { return settings.domain(); }

    public String publicKeyPem() { return keys().publicPem(); }

    public PrivateKey privateKey() { return keys().privateKey(); }

    private Keys keys() {
        Keys k = keys;
        if (k != null) return k;
        synchronized (this) {
            if (keys == null) keys = loadOrCreate();
            return keys;
        }
    }

    private Keys loadOrCreate() {
        KeyPair fresh = LocalKeys.rsa();
        String pub = Pem.encode("PUBLIC KEY", fresh.getPublic().getEncoded());
        String priv = Pem.encode("PRIVATE KEY", fresh.getPrivate().getEncoded());
        // Another node may create the pair at the same moment: the first insert wins and everyone reads it back.
        Map<String, String> stored = siteSettings.putIfAbsent(Map.of(PRIVATE_KEY, priv, PUBLIC_KEY, pub));
        String p = stored.get(PUBLIC_KEY);
        Pem.publicKey(p); // fails loudly on a damaged stored key
        return new Keys(p, Pem.privateKey(stored.get(PRIVATE_KEY)));
    }
}
