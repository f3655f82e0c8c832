package social.atoll.api.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.testing.TestHttp;

/**
 * A browser for tests: keeps cookies, never follows redirects (tests look at each one), and reads the forms of
 * the server's HTML pages the way a person's browser would submit them.
 */
final class Browser {

    /** A form on a page: where it posts and the values of its inputs. */
    record Form(String action, Map<String, String> inputs) {}

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z_-]+)=\"([^\"]*)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String pathOrUrl) { return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET()); }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form))));
    }

    /** Submits {@code form} with some fields changed or added (a clicked button adds its name and value). */
    HttpResponse<String> submit(Form form, Map<String, String> changes) {
        Map<String, String> values = new LinkedHashMap<>(form.inputs());
        values.putAll(changes);
        return post(form.action(), values);
    }

    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name) && !c.getValue().isEmpty())
                .map(HttpCookie::getValue).findFirst();
    }

    private URI uri(String pathOrUrl) { return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl); }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The form posting to {@code action} on this page, with its inputs' values (HTML entities decoded). */
    static Form form(String html, String action) {
        Matcher m = FORM.matcher(html);
        while (m.find()) {
            Map<String, String> attrs = attrs(m.group(1));
            if (!action.equals(attrs.get("action"))) continue;
            Map<String, String> inputs = new LinkedHashMap<>();
            Matcher in = INPUT.matcher(m.group(2));
            while (in.find()) {
                Map<String, String> a = attrs(in.group(1));
                if (a.containsKey("name")) inputs.put(a.get("name"), a.getOrDefault("value", ""));
            }
            return new Form(action, inputs);
        }
        throw new AssertionError("no form posting to " + action + " in:\n" + html);
    }

    private static Map<String, String> attrs(String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) out.put(a.group(1), unescape(a.group(2)));
        return out;
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
                .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&");
    }
}
