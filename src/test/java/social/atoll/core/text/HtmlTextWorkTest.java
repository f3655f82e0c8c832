package social.atoll.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The visible text of remote HTML costs reads linear in its length, however it nests or fails to close its tags. */
class HtmlTextWorkTest {

    @Property(tries = 200)
    void visibleTextReadsALinearNumberOfCharacters(@ForAll("html") String html) {
        MeteredText.Meter meter = MeteredText.Meter.unlimited();
        HtmlSanitizer.text(html, meter);
        assertThat(meter.used()).as("reads for %d characters", html.length()).isLessThanOrEqualTo(20L * html.length() + 100);
    }

    @Provide
    Arbitrary<String> html() {
        Arbitrary<String> unit = Arbitraries.of("<", ">", "<p>", "</p>", "</p> ", "<br", "<br/>", " ", "a", "<span class=\"x\">",
                "</span>", "<a href=\"", "&amp;", "\"", "<p", "</p", "\u200d", "👩");
        return Combinators.combine(unit.list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(1, 5000))
                .as((units, times) -> String.join("", units).repeat(Math.max(1, times / units.size())));
    }
}
