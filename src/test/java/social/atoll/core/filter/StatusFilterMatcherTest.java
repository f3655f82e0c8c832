package social.atoll.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusFilterMatcherTest {

    private static boolean matches(String keyword, boolean wholeWord, String text) {
        return StatusFilterMatcher.pattern(new Filter.Keyword(1, 1, keyword, wholeWord)).matcher(text).find();
    }

    @Test
    void wholeWordNeedsBoundariesOnlyWhereTheKeywordHasWordCharacters() {
        assertThat(matches("cat", true, "My Cat sleeps")).isTrue();
        assertThat(matches("cat", true, "the catalog")).isFalse();
        assertThat(matches("cat", true, "concatenate")).isFalse();
        assertThat(matches("cat", false, "the catalog")).isTrue();
        assertThat(matches("#cat", true, "I like #cats")).isFalse();
        assertThat(matches("#cat", true, "look: #cat!")).isTrue();
        assertThat(matches("c++", true, "writing c++ today")).isTrue();
        assertThat(matches("élan", true, "avec ÉLAN")).isTrue();
        assertThat(matches("élan", true, "sélane")).isFalse();
        assertThat(matches("a.b", true, "axb")).as("regex characters are literal").isFalse();
    }

    @Test
    void plainTextStripsTagsAndDecodesEntities() {
        assertThat(StatusFilterMatcher.plainText("<p>Tom &amp; <a href=\"x\">Jerry</a></p><p>second&#33;</p>"))
                .isEqualTo("Tom & Jerry\nsecond!");
        assertThat(StatusFilterMatcher.plainText("a<br>b<br/>c &lt;tag&gt; &#x263A;")).isEqualTo("a\nb\nc <tag> \u263A");
        assertThat(StatusFilterMatcher.plainText("<span class=\"h-card\">x</span>")).isEqualTo("x");
    }
}
