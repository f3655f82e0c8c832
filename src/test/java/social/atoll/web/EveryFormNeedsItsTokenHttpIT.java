package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.Account;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.status.Status;
import social.atoll.testing.TestInstance;

/**
 * Issue 10's "CSRF token on every form": an administrator's browser walks the web app from its home page (every
 * same-site link, one page per path shape), gathers every form that POSTs, and sends each one with the session
 * cookie but without the form's token — as a forged form on another site would. Every one must be refused with 403.
 * New pages are covered as soon as a link reaches them.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class EveryFormNeedsItsTokenHttpIT {

    private static final int MAX_PAGES = 250;

    private TestInstance atoll;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        WebSeed seed = new WebSeed(atoll);
        atoll.app().core.accountService.createLocal(new NewLocalAccount("boss", "boss@example.test", "password-boss", User.Role.ADMIN,
                true, true, "en", null, null), true);
        Account boss = atoll.app().core.accountQueries.visibleByAcct("boss", null).orElseThrow();
        Account alice = seed.user("alice");
        Account bob = seed.user("bob");
        seed.follow(boss, alice);
        seed.follow(bob, boss);
        Status post = seed.post(alice, "A post to act on #reef");
        seed.post(boss, "My own post, @alice");
        atoll.app().core.favourites.favourite(bob.id(), post.id());
        // something in each place that has forms of its own: a list, a filter, a report, a follow request, a poll
        String bossToken = atoll.token(boss.id(), "read write follow");
        atoll.http().postJson("/api/v1/lists", bossToken, Map.of("title", "Reef people"));
        atoll.http().postJson("/api/v2/filters", bossToken, Map.of("title", "Spoilers", "context", List.of("home"),
                "keywords_attributes", List.of(Map.of("keyword", "finale"))));
        atoll.http().postJson("/api/v1/statuses", bossToken, Map.of("status", "Which reef?", "poll",
                Map.of("options", List.of("North", "South"), "expires_in", 3600)));
        atoll.http().postJson("/api/v1/reports", atoll.token(alice.id(), "read write"), Map.of("account_id", Long.toString(bob.id()),
                "comment", "spam"));
        atoll.http().patchJson("/api/v1/accounts/update_credentials", bossToken, Map.of("locked", true));
        atoll.http().postJson("/api/v1/accounts/" + boss.id() + "/follow", atoll.token(seed.user("carol").id(), "read write follow"), Map.of());
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
    }

    @Test
    void everyFormThatPostsIsRefusedWithoutItsToken() {
        FormClient web = new FormClient(atoll.baseUrl()).signIn("boss");
        Map<String, String> forms = new LinkedHashMap<>(); // action shape -> one real action
        Set<String> shapes = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/home", "/notifications", "/settings/profile",
                "/admin/dashboard", "/admin/reports", "/lists", "/filters", "/@alice", "/@boss", "/@bob", "/explore"));
        int pages = 0;
        while (!queue.isEmpty() && pages < MAX_PAGES) {
            String path = queue.poll();
            if (!shapes.add(shape(path))) continue;
            var r = web.get(path);
            pages++;
            if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) continue;
            Document doc = Jsoup.parse(r.body(), atoll.baseUrl() + path);
            for (Element form : doc.select("form")) {
                if (!"post".equalsIgnoreCase(form.attr("method"))) continue;
                String action = local(form.absUrl("action"));
                if (action != null) forms.putIfAbsent(shape(action), action);
            }
            for (Element a : doc.select("a[href]")) {
                String href = local(a.absUrl("href"));
                if (href != null && !href.startsWith("/assets/") && !href.startsWith("/system/") && !href.startsWith("/media")
                        && !href.endsWith(".rss") && !href.contains("/embed") && !href.startsWith("/api/")) queue.add(href);
            }
        }
        assertThat(pages).as("pages read").isGreaterThan(30);
        assertThat(forms.keySet()).as("forms found").hasSizeGreaterThan(45)
                .contains("/web/statuses/{id}/favourite", "/web/accounts/{id}/block", "/settings/profile", "/auth/sign_out");

        List<String> accepted = new ArrayList<>();
        for (String action : forms.values()) {
            var r = web.post(action, Map.of());
            if (r.statusCode() != 403) accepted.add(action + " -> " + r.statusCode());
        }
        System.out.printf("EveryFormNeedsItsTokenHttpIT: %d pages read, %d kinds of POST form sent without their token%n", pages, forms.size());
        assertThat(accepted).as("forms answered without the token (of " + forms.size() + ")").isEmpty();
        // the session itself still works: nothing above signed it out
        assertThat(web.get("/home").statusCode()).isEqualTo(200);
    }

    /** The path of a URL on this server (query kept), or null for another site or a fragment link. */
    private String local(String url) {
        if (url == null || url.isEmpty() || !url.startsWith(atoll.baseUrl() + "/")) return null;
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** A path with its numbers as {id} and without its query: one page per shape is enough. */
    private static String shape(String path) {
        int q = path.indexOf('?');
        return (q < 0 ? path : path.substring(0, q)).replaceAll("/\\d+", "/{id}");
    }
}
