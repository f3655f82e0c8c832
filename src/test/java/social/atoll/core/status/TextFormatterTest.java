package social.atoll.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.infra.db.Database;

class TextFormatterTest {

    private static Path dir;
    private static Database db;
    private static TextFormatter formatter;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("atoll-formatter");
        Settings settings = new SettingsLoader(Map.of("ATOLL_DOMAIN", "atoll.example", "ATOLL_DATA_DIR", dir.toString(),
                "ATOLL_DB_URL", "jdbc:sqlite:" + dir.resolve("f.db")), Map.of(), null).load();
        db = Database.open(settings);
        db.migrate();
        insertAccount(1, "alice", null, "https://atoll.example/@alice");
        insertAccount(2, "bob", "remote.example", "https://remote.example/@bob");
        insertAccount(3, "Carol_x", null, "https://atoll.example/@Carol_x");
        formatter = new TextFormatter(settings, new AccountStore(db));
    }

    private static void insertAccount(long id, String username, String domain, String url) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, url, created_at, updated_at)
                        VALUES (:id, :u, :d, :k, :uri, :url, 0, 0)""")
                .bind("id", id).bind("u", username).bind("d", domain).bind("k", Account.key(username, domain))
                .bind("uri", url + "#actor").bind("url", url).execute());
    }

    @AfterAll
    static void tearDown() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String html(String text) { return formatter.format(text).html(); }

    @Test
    void plainTextIsEscapedAndWrappedInParagraphs() {
        assertThat(html("hello world")).isEqualTo("<p>hello world</p>");
        assertThat(html("one\ntwo\n\nthree")).isEqualTo("<p>one<br />two</p><p>three</p>");
        assertThat(html("a\r\nb")).isEqualTo("<p>a<br />b</p>");
        assertThat(html("a\n\n\n\nb\n")).isEqualTo("<p>a</p><p>b</p>");
        assertThat(html("")).isEmpty();
        assertThat(html("   \n ")).isEmpty();
    }

    @Test
    void markupAndScriptsNeverSurvive() {
        String out = html("<script>alert('x')</script> & <b onmouseover=\"evil()\">bold</b>");
        assertThat(out).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b onmouseover=&quot;evil()&quot;&gt;bold&lt;/b&gt;</p>");
        assertThat(html("javascript:alert(1)")).doesNotContain("<a");
        // a quote inside a URL cannot break out of the href attribute
        String link = html("https://example.com/\"onmouseover=\"x");
        assertThat(link).doesNotContain("\"onmouseover");
        assertThat(html("#<img src=x onerror=alert(1)>")).doesNotContain("<img");
    }

    @Test
    void linksKeepQueryStringsAndAreShortenedForDisplay() {
        String out = html("see https://example.com/search?q=a&b=c#frag now");
        assertThat(out).isEqualTo("<p>see <a href=\"https://example.com/search?q=a&amp;b=c#frag\" target=\"_blank\" "
                + "rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span>"
                + "<span class=\"ellipsis\">example.com/search?q=a&amp;b=c#fra</span><span class=\"invisible\">g</span></a> now</p>");
        assertThat(html("https://www.example.com/x")).contains("<span class=\"invisible\">https://www.</span><span class=\"\">example.com/x</span><span class=\"invisible\"></span>");
        // bare domains are not links (Mastodon needs a scheme); trailing punctuation is not part of a link
        assertThat(html("visit example.com today")).doesNotContain("<a");
        assertThat(html("(https://example.com/a).")).contains("href=\"https://example.com/a\"").endsWith(").</p>");
    }

    @Test
    void hashtagsIncludingUnicodeAreLinkedAndCollected() {
        var f = formatter.format("#Hello and #café and #日本語 and #hello again");
        assertThat(f.tags()).containsExactly("Hello", "café", "日本語");
        assertThat(f.html()).contains("<a href=\"https://atoll.example/tags/Hello\" class=\"mention hashtag\" rel=\"tag\">#<span>Hello</span></a>");
        assertThat(f.html()).contains("href=\"https://atoll.example/tags/caf%C3%A9\"").contains("#<span>café</span>");
        assertThat(f.html()).contains("#<span>日本語</span>");
        // a fragment inside a URL is not a hashtag
        var url = formatter.format("https://example.com/page#section");
        assertThat(url.tags()).isEmpty();
    }

    @Test
    void knownAccountsBecomeMentionLinks() {
        var f = formatter.format("@alice hi, (@bob@remote.example) and @carol_X!");
        assertThat(f.mentions()).extracting(Account::id).containsExactly(1L, 2L, 3L);
        assertThat(f.html()).startsWith("<p><span class=\"h-card\" translate=\"no\"><a href=\"https://atoll.example/@alice\" class=\"u-url mention\">@<span>alice</span></a></span> hi, (");
        assertThat(f.html()).contains("<a href=\"https://remote.example/@bob\" class=\"u-url mention\">@<span>bob</span></a></span>)");
        assertThat(f.html()).contains("@<span>Carol_x</span></a></span>!</p>");
    }

    @Test
    void mentionsAtLineStartAfterPunctuationAndWithTheLocalDomain() {
        var f = formatter.format("first line\n@alice second\n.@alice @alice@atoll.example");
        assertThat(f.mentions()).extracting(Account::id).containsExactly(1L);
        assertThat(f.html().split("class=\"u-url mention\"", -1)).hasSize(4);
    }

    @Test
    void unknownMentionsAndEmailsStayText() {
        var f = formatter.format("@nobody and @ghost@far.example, write to alice@atoll.example");
        assertThat(f.mentions()).isEmpty();
        assertThat(f.html()).isEqualTo("<p>@nobody and @ghost@far.example, write to alice@atoll.example</p>");
        assertThat(formatter.format("see https://atoll.example/@alice").mentions()).isEmpty();
    }

    @Test
    void lengthCountsLinksAs23AndRemoteMentionsByUsername() {
        assertThat(StatusLength.of("hello", "")).isEqualTo(5);
        assertThat(StatusLength.of("https://example.com/" + "a".repeat(100), "")).isEqualTo(23);
        assertThat(StatusLength.of("@bob@remote.example", "")).isEqualTo(4);
        assertThat(StatusLength.of("hi", "cw")).isEqualTo(4);
        assertThat(StatusLength.of("👩‍👩‍👧‍👦é", null)).isEqualTo(2);
    }

    @Test
    void onlyTokensThatCanHoldALinkReachTheUrlPattern() {
        // the pattern backtracks for seconds on long runs of dotted labels with no known top-level domain
        assertThat(TextFormatter.urlCandidates("http://" + "a.".repeat(2000))).isEmpty();
        assertThat(TextFormatter.urlCandidates("http://" + "ab.".repeat(80) + "zz")).isEmpty();
        assertThat(TextFormatter.urlCandidates("http://" + "a.".repeat(200) + "com")).as("longer than a host can be").isEmpty();
        assertThat(TextFormatter.urlCandidates("http://" + "-".repeat(5000) + "x")).isEmpty();
        assertThat(TextFormatter.urlCandidates("no links, just words. a.b c://d")).isEmpty();

        String text = "see (https://example.com/a). and http://user@www.example.org:8080/x?y#z, then https://Example.COM.";
        assertThat(TextFormatter.urlCandidates(text)).extracting(t -> text.substring(t[0], t[1]))
                .containsExactly("(https://example.com/a).", "http://user@www.example.org:8080/x?y#z,", "https://Example.COM.");
    }

    @Test
    void adversarialTextStaysTextAndIsCountedWithoutLinks() {
        String dotted = "http://" + "a.".repeat(2000);
        assertThat(formatter.format(dotted).html()).isEqualTo("<p>" + dotted + "</p>");
        assertThat(StatusLength.of(dotted, "")).isEqualTo(dotted.length());
        String links = "https://example.com/x ".repeat(3);
        assertThat(StatusLength.of(links, "")).isEqualTo(3 * 23 + 3);
    }
}
