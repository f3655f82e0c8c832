package social.atoll.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import social.atoll.core.text.MeteredText;

/**
 * Finding links, hashtags and mentions costs work linear in the length of the text, whatever the text: adversarial
 * shapes (long dotted hosts, {@code @a@b.b.b…}, deep nesting of brackets, emoji joined by zero-width joiners,
 * scheme-like runs) are repeated to a few thousand characters, and the characters the patterns read, counted
 * through {@link MeteredText}, stay within a fixed number per character of input. The count is the work itself, not a
 * clock, so it holds on any machine under any load.
 */
class AdversarialTextTest {

    /** Reads per character of input that entity extraction may cost; ordinary text costs well under 50. */
    static final long READS_PER_CHAR = 300;
    /**
     * A constant beside the per-character cost: the URL pattern may spend {@link TextFormatter#URL_WORK_BASE} on one
     * token whatever its length (a 44-character {@code https://a.com/a.(a.(a.(…} spends ~19,000), which is a constant,
     * not growth; quadratic work on the inputs here, up to 12,000 characters, would exceed this by orders of magnitude.
     */
    static final long READS_FIXED = TextFormatter.URL_WORK_BASE + 5_000;

    @Property(tries = 300)
    void extractionReadsALinearNumberOfCharacters(@ForAll("adversarial") String text) {
        MeteredText.Meter meter = MeteredText.Meter.unlimited();
        TextFormatter.entities(new MeteredText(text, meter));
        assertThat(meter.used()).as("reads for %d characters", text.length())
                .isLessThanOrEqualTo(READS_PER_CHAR * text.length() + READS_FIXED);
    }

    @Property(tries = 100)
    void theMeteredReadingFindsWhatThePlainOneFinds(@ForAll("adversarial") String text) {
        var plain = TextFormatter.entities(text);
        var metered = TextFormatter.entities(new MeteredText(text, MeteredText.Meter.unlimited()));
        assertThat(metered).usingRecursiveFieldByFieldElementComparator().isEqualTo(plain);
    }

    @Provide
    Arbitrary<String> adversarial() {
        Arbitrary<String> unit = Arbitraries.of(
                "a.", "ab.", "a-", "1.", ".", "-", "(", ")", "(a)", "a(", "[", "<", "<b>", "</", "@a", "@a@", "b.", "#", "#1",
                "1", "://", "http://", "https://a.com/", "a.com", "\u200d", "👩\u200d", "🏳️\u200d", "\u0301", "é", "x", " ",
                "\n", "@", "?", "&", "=", "%", "'", "\"", "www.", "..", ".-", "_", "＃", "＠", "\uFE0F", "\u20E3");
        Arbitrary<String> prefix = Arbitraries.of("", "http://", "https://", "#a http://", "@a@", "#", "@", "https://a.com/",
                "x http://a.", "(", "<p>", "@a@b.", "see https://example.com/");
        Arbitrary<String> suffix = Arbitraries.of("", "-", ".", "com", ".com", " ", "!", ")", "@", "#", "/", "a");
        return Combinators.combine(prefix, unit.list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(1, 2500), suffix)
                .as((p, units, times, s) -> p + String.join("", units).repeat(Math.max(1, times / units.size())) + s)
                .filter(t -> t.length() <= 12_000);
    }

    /** The shapes named in issue 17, at their full size, beside the generated ones. */
    @Example
    void theIssuesPostsAreLinear() {
        Map<String, String> posts = new LinkedHashMap<>();
        posts.put("4 KB dotted host", "http://" + "a.".repeat(2000));
        posts.put("8 KB dotted host", "http://" + "a.".repeat(4000));
        posts.put("dotted host after a hashtag", "#a http://" + "a.".repeat(4000));
        posts.put("dotted host ending in a known domain", "http://" + "a.".repeat(120) + "com/" + "(a)".repeat(1000) + "-");
        posts.put("remote mention with a long domain", "@a@" + "b.".repeat(50_000) + "-");
        posts.put("emoji joined by ZWJ", "👩\u200d".repeat(30_000));
        posts.put("nested parentheses in a path", "https://a.com/" + "(a)".repeat(3000));
        posts.forEach((name, text) -> {
            MeteredText.Meter meter = MeteredText.Meter.unlimited();
            TextFormatter.entities(new MeteredText(text, meter));
            System.out.printf("%s: %d characters, %d reads (%.1f per character)%n", name, text.length(), meter.used(),
                    (double) meter.used() / text.length());
            assertThat(meter.used()).as(name).isLessThanOrEqualTo(READS_PER_CHAR * text.length() + READS_FIXED);
        });
    }
}
