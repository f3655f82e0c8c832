package social.atoll.federation.vocab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.keys.LocalKeys;

/**
 * Local account → actor document, as Mastodon publishes one (spec §2.2): Mastodon's context and terms, RSA
 * {@code publicKey} plus a FEP-521a Ed25519 {@code assertionMethod}, profile fields as {@code PropertyValue}s. A
 * suspended account is served as a stub with its key (so late deletes still verify) and {@code suspended: true}.
 */
public final class ActorWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final TypeReference<List<Map<String, Object>>> FIELDS = new TypeReference<>() {};

    private final Settings settings;
    private final AccountStore accounts;
    private final LocalKeys keys;
    private final ObjectMapper json;
    private final MediaDocuments media;

    public ActorWriter(Settings settings, AccountStore accounts, LocalKeys keys, ObjectMapper json) {
        this(settings, accounts, keys, json, null);
    }

    /** The local custom emoji a name, bio or field names become the actor's Emoji tags; null: none. */
    private final social.atoll.core.emoji.CustomEmojiService emojis;

    /** {@code media} (may be null) gives the URLs of uploaded avatars and headers. */
    public ActorWriter(Settings settings, AccountStore accounts, LocalKeys keys, ObjectMapper json, MediaDocuments media) {
        this(settings, accounts, keys, json, media, null);
    }

    public ActorWriter(Settings settings, AccountStore accounts, LocalKeys keys, ObjectMapper json, MediaDocuments media,
                       social.atoll.core.emoji.CustomEmojiService emojis) {
        this.emojis = emojis;
        this.settings = settings;
        this.accounts = accounts;
        this.keys = keys;
        this.json = json;
        this.media = media;
    }

    /** The full actor document of a local account, with {@code @context}. */
    public ObjectNode write(Account a) {
        ObjectNode d = F.objectNode();
        d.set("@context", Contexts.actor());
        d.put("id", a.uri());
        String type = a.actorType() == null ? "Person" : a.actorType();
        d.put("type", a.bot() && type.equals("Person") ? "Service" : type); // Mastodon publishes bots as Service
        d.put("following", a.followingUrl());
        d.put("followers", a.followersUrl());
        d.put("inbox", a.inboxUrl());
        d.put("outbox", a.outboxUrl());
        d.put("featured", a.featuredUrl());
        d.put("featuredTags", a.uri() + "/collections/tags");
        // Atoll's own: the actor's public photo collections (Pixelfed does not federate its collections), see README
        d.put("collections", a.uri() + "/collections");
        d.put("preferredUsername", a.username());
        d.put("webfinger", a.username() + "@" + settings.domain());
        if (a.suspended()) {
            d.put("name", "");
            d.put("summary", "");
        } else {
            d.put("name", a.displayName() == null ? "" : a.displayName());
            d.put("summary", a.note() == null ? "" : a.note());
        }
        d.put("url", a.url());
        d.put("manuallyApprovesFollowers", a.locked());
        d.put("discoverable", a.discoverable());
        d.put("indexable", a.indexable());
        d.put("published", a.createdAt().truncatedTo(ChronoUnit.DAYS).toString());
        d.put("memorial", a.memorial());
        if (a.suspended()) d.put("suspended", true);
        d.set("publicKey", publicKey(a.publicKeyId(), a.uri(), a.publicKeyPem()));
        LocalKeys.Ed25519 ed = keys.ed25519(a);
        ObjectNode multikey = d.putArray("assertionMethod").addObject();
        multikey.put("id", ed.keyId());
        multikey.put("type", "Multikey");
        multikey.put("controller", a.uri());
        multikey.put("publicKeyMultibase", ed.publicKeyMultibase());
        ArrayNode tags = d.putArray("tag");
        ArrayNode attachment = d.putArray("attachment");
        List<String> texts = new java.util.ArrayList<>();
        if (!a.suspended()) {
            texts.add(a.displayName());
            texts.add(a.note());
        }
        if (!a.suspended()) for (Map<String, Object> f : fields(a)) {
            texts.add(String.valueOf(f.getOrDefault("name", "")));
            texts.add(String.valueOf(f.get("value")));
            ObjectNode pv = attachment.addObject();
            pv.put("type", "PropertyValue");
            pv.put("name", String.valueOf(f.getOrDefault("name", "")));
            Object v = f.get("value");
            pv.put("value", v == null ? "" : v.toString());
        }
        if (emojis != null) {
            for (var e : emojis.localIn(texts.toArray(String[]::new))) tags.add(EmojiTags.tag(e, emojis.urls(e).url()));
        }
        ObjectNode endpoints = d.putObject("endpoints");
        endpoints.put("sharedInbox", a.sharedInboxUrl() != null ? a.sharedInboxUrl() : settings.url("/inbox"));
        if (!a.suspended()) {
            String avatar = media == null ? null : media.imageUrl(a.avatarMediaId()).orElse(null);
            String header = media == null ? null : media.imageUrl(a.headerMediaId()).orElse(null);
            if (avatar == null) avatar = a.avatarRemoteUrl();
            if (header == null) header = a.headerRemoteUrl();
            if (avatar != null) d.set("icon", image(avatar));
            if (header != null) d.set("image", image(header));
        }
        ArrayNode aka = d.putArray("alsoKnownAs");
        for (String uri : alsoKnownAs(a)) aka.add(uri);
        if (a.movedToAccountId() != null)
            accounts.byId(a.movedToAccountId()).ifPresent(target -> d.put("movedTo", target.uri()));
        return d;
    }

    /** The instance actor's document: only what Mastodon serves for it, readable by anyone (spec §1.6). */
    public ObjectNode writeInstanceActor(InstanceActor actor) {
        ObjectNode d = F.objectNode();
        d.set("@context", Contexts.actor());
        d.put("id", actor.uri());
        d.put("type", "Application");
        d.put("inbox", settings.url("/inbox"));
        d.put("outbox", actor.uri() + "/outbox");
        d.put("preferredUsername", actor.username());
        d.put("url", settings.url("/about"));
        d.put("manuallyApprovesFollowers", true);
        d.set("publicKey", publicKey(actor.keyId(), actor.uri(), actor.publicKeyPem()));
        d.putObject("endpoints").put("sharedInbox", settings.url("/inbox"));
        return d;
    }

    static ObjectNode publicKey(String keyId, String owner, String pem) {
        ObjectNode k = F.objectNode();
        k.put("id", keyId);
        k.put("owner", owner);
        k.put("publicKeyPem", pem);
        return k;
    }

    private static ObjectNode image(String url) {
        ObjectNode i = F.objectNode();
        i.put("type", "Image");
        String type = mediaType(url);
        if (type != null) i.put("mediaType", type);
        i.put("url", url);
        return i;
    }

    static String mediaType(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        int q = u.indexOf('?');
        if (q >= 0) u = u.substring(0, q);
        if (u.endsWith(".png")) return "image/png";
        if (u.endsWith(".jpg") || u.endsWith(".jpeg")) return "image/jpeg";
        if (u.endsWith(".gif")) return "image/gif";
        if (u.endsWith(".webp")) return "image/webp";
        if (u.endsWith(".avif")) return "image/avif";
        return null;
    }

    private List<Map<String, Object>> fields(Account a) {
        try {
            return a.fields() == null || a.fields().isBlank() ? List.of() : json.readValue(a.fields(), FIELDS);
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<String> alsoKnownAs(Account a) {
        try {
            return a.alsoKnownAs() == null || a.alsoKnownAs().isBlank() ? List.of() : json.readValue(a.alsoKnownAs(), new TypeReference<List<String>>() {});
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Instants as Mastodon writes them: seconds precision, UTC. */
    static String time(Instant t) { return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString(); }
}
