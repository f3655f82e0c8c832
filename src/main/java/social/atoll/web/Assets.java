package social.atoll.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The web app's static files, read once from the class path and kept in memory with their gzip form: the one
 * stylesheet (the parts under {@code web/css/}, joined in {@link #CSS_PARTS} order), the ES modules and images under
 * {@code web/assets/}, and htmx from its webjar. Everything is served by Atoll itself, never from a CDN, so a page
 * contacts no third party. URLs carry a content hash ({@code ?v=…}) so browsers may cache them for a year.
 */
public final class Assets {

    /** The stylesheet's parts, in cascade order. */
    static final List<String> CSS_PARTS = List.of("base", "layout", "forms", "status", "public", "compose", "photos", "gallery", "app", "settings", "admin", "notifpolicy", "appeals", "quotes", "roles");

    /** The files under {@code web/assets/} that pages use (besides the stylesheet). */
    static final List<String> FILES = List.of("app.js", "live.js", "compose.js", "keys.js", "gifv.js", "preview.js", "copy.js",
            "icon.svg", "icons.svg", "manifest.webmanifest", "photo-filters.js", "photo-editor.js", "album.js",
            "passkeys.js", "carousel.js", "blurhash.js", "collection-order.js");

    private static final String HTMX = "META-INF/resources/webjars/htmx.org/2.0.8/dist/htmx.min.js";

    /** One file, ready to send. */
    public record Asset(String name, String contentType, byte[] bytes, byte[] gzipped, String version) {}

    private final Map<String, Asset> assets;

    private Assets(Map<String, Asset> assets) { this.assets = assets; }

    public static Assets load() {
        Map<String, Asset> m = new LinkedHashMap<>();
        ByteArrayOutputStream css = new ByteArrayOutputStream();
        for (String part : CSS_PARTS) {
            css.writeBytes(required("web/css/" + part + ".css"));
        }
        put(m, "app.css", css.toByteArray());
        for (String f : FILES) put(m, f, required("web/assets/" + f));
        byte[] htmx = read(HTMX);
        if (htmx == null) throw new IllegalStateException("htmx is missing from the class path (" + HTMX + ")");
        put(m, "htmx.min.js", htmx);
        return new Assets(Map.copyOf(m));
    }

    public Optional<Asset> get(String name) { return Optional.ofNullable(assets.get(name)); }

    public java.util.Collection<Asset> all() { return assets.values(); }

    /** The address of {@code name} with its content version, for pages to link. */
    public String url(String name) {
        Asset a = assets.get(name);
        if (a == null) throw new IllegalArgumentException("no web asset " + name);
        return "/assets/" + name + "?v=" + a.version();
    }

    /** Total gzip size of the stylesheet and every script: the weight the budget counts. */
    public long compressedWeight() {
        return assets.values().stream().filter(a -> a.name().endsWith(".css") || a.name().endsWith(".js"))
                .mapToLong(a -> a.gzipped().length).sum();
    }

    private static void put(Map<String, Asset> m, String name, byte[] bytes) {
        m.put(name, new Asset(name, contentType(name), bytes, gzip(bytes), hash(bytes)));
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".svg")) return "image/svg+xml";
        if (name.endsWith(".webmanifest")) return "application/manifest+json";
        if (name.endsWith(".png")) return "image/png";
        return "application/octet-stream";
    }

    /** A file the lists name: a missing one is a packaging mistake, found at start rather than as a 404 in a page. */
    private static byte[] required(String resource) {
        byte[] b = read(resource);
        if (b == null) throw new IllegalStateException("web asset missing from the class path: " + resource);
        return b;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
