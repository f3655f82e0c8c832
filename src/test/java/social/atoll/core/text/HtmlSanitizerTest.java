package social.atoll.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Remote HTML reduced to Mastodon's allow-list. */
class HtmlSanitizerTest {

    @Test
    void keepsMastodonsMarkupAndMicroformatClasses() {
        String html = "<p>Hi <span class=\"h-card\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">@<span>bob</span></a></span>"
                + " <a href=\"https://m.example/tags/x\" class=\"mention hashtag\" rel=\"tag\">#<span>x</span></a><br>"
                + "<em>e</em> <strong>s</strong> <code>c</code> <del>d</del></p><blockquote><p>q</p></blockquote><ul><li>i</li></ul>";
        String out = HtmlSanitizer.sanitize(html);
        assertThat(out).contains("<span class=\"h-card\">", "class=\"u-url mention\"", "class=\"mention hashtag\"", "<br />",
                "<em>e</em>", "<strong>s</strong>", "<code>c</code>", "<del>d</del>", "<blockquote>", "<li>i</li>");
        assertThat(out).contains("rel=\"nofollow noopener noreferrer\"", "target=\"_blank\"");
    }

    @Test
    void dropsScriptsHandlersStylesAndForeignClasses() {
        String out = HtmlSanitizer.sanitize("<p class=\"evil big\" style=\"color:red\" onclick=\"x()\">t<script>alert(1)</script>"
                + "<img src=x onerror=alert(1)><iframe src=\"https://e.example\"></iframe><a href=\"javascript:alert(1)\">j</a></p>");
        assertThat(out).doesNotContain("script", "alert", "onclick", "style", "evil", "img", "iframe", "javascript");
        assertThat(out).contains("t", "j");
    }

    @Test
    void headingsBecomeStrongAndOtherSchemesSurvive() {
        assertThat(HtmlSanitizer.sanitize("<h1>Title</h1>")).isEqualTo("<strong>Title</strong>");
        assertThat(HtmlSanitizer.sanitize("<a href=\"gemini://g.example/\">g</a>")).contains("href=\"gemini://g.example/\"");
        assertThat(HtmlSanitizer.sanitize("<a href=\"data:text/html,x\">d</a>")).doesNotContain("data:");
    }

    @Test
    void textAndEscaping() {
        assertThat(HtmlSanitizer.text("<p>a &amp; b</p><p>c<br>d</p>")).isEqualTo("a & b\n\nc\nd");
        assertThat(HtmlSanitizer.escape("<b>\"x\" & 'y'</b>")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
        assertThat(HtmlSanitizer.sanitize(null)).isNull();
    }
}
