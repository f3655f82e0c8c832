package social.atoll.core.auth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** OAuth applications: registration and lookup. */
public final class OAuthService {

    static final RowMapper<OAuthApp> APP = ConstructorMapper.of(OAuthApp.class);
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    private static final String CLI_APP_NAME = "Atoll admin CLI";

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;

    public OAuthService(Database db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Registers a client. Redirect URIs must be absolute and not javascript:/data:/vbscript:. */
    public OAuthApp register(String name, List<String> redirectUris, Set<String> scopes, String website) {
        if (name == null || name.isBlank()) throw new ValidationException("Name can't be blank");
        if (name.length() > 200) throw new ValidationException("Name is too long (maximum is 200 characters)");
        if (redirectUris.isEmpty()) throw new ValidationException("Redirect URI can't be blank");
        for (String uri : redirectUris) checkRedirectUri(uri);
        for (String s : scopes) {
            if (!Scopes.isKnown(s)) throw new ValidationException("Scopes are invalid: " + s);
        }
        if (website != null && !website.isBlank()) {
            try {
                URI w = URI.create(website.trim());
                if (w.getScheme() == null) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw new ValidationException("Website is invalid");
            }
        }
        long id = ids.next();
        String clientId = Tokens.random();
        String clientSecret = Tokens.random();
        db.write(h -> h.createUpdate("""
                        INSERT INTO oauth_apps (id, name, website, redirect_uris, scopes, client_id, client_secret, created_at)
                        VALUES (:id, :name, :website, :uris, :scopes, :cid, :secret, :now)""")
                .bind("id", id).bind("name", name.trim()).bind("website", website == null || website.isBlank() ? null : website.trim())
                .bind("uris", String.join("\n", redirectUris)).bind("scopes", Scopes.join(scopes))
                .bind("cid", clientId).bind("secret", clientSecret).bind("now", clock.instant()).execute());
        return byId(id).orElseThrow();
    }

    static void checkRedirectUri(String uri) {
        if (uri.equals(OOB)) return;
        URI u;
        try {
            u = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Redirect URI must be an absolute URI.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!u.isAbsolute() || scheme.isEmpty() || u.getFragment() != null)
            throw new ValidationException("Redirect URI must be an absolute URI.");
        if (scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript"))
            throw new ValidationException("Redirect URI is not allowed");
    }

    public Optional<OAuthApp> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM oauth_apps WHERE id = :id").bind("id", id).map(APP).findOne());
    }

    public Optional<OAuthApp> byClientId(String clientId) {
        if (clientId == null) return Optional.empty();
        return db.read(h -> h.createQuery("SELECT * FROM oauth_apps WHERE client_id = :c").bind("c", clientId).map(APP).findOne());
    }

    /** The client credentials, checked in constant time. */
    public Optional<OAuthApp> authenticate(String clientId, String clientSecret) {
        return byClientId(clientId).filter(a -> Tokens.same(a.clientSecret(), clientSecret));
    }

    /** The app that tokens made by {@code atoll admin accounts token} belong to; created on first use. */
    public OAuthApp adminCliApp() {
        return db.write(h -> {
            Optional<OAuthApp> existing = h.createQuery("SELECT * FROM oauth_apps WHERE name = :n AND owner_account_id IS NULL AND redirect_uris = :oob ORDER BY id LIMIT 1")
                    .bind("n", CLI_APP_NAME).bind("oob", OOB).map(APP).findOne();
            if (existing.isPresent()) return existing.get();
            return register(CLI_APP_NAME, List.of(OOB), Scopes.parse("read write follow push"), null);
        });
    }
}
