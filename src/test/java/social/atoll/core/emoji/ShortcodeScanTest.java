package social.atoll.core.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written shortcode scan finds exactly what Mastodon's regex finds. */
class ShortcodeScanTest {

    /** Mastodon's scan, as the service used it before. */
    private static final Pattern MASTODON = Pattern.compile("(?<=[^\\p{Alnum}:]|\\n|^):([a-zA-Z0-9_]{2,128}):(?=[^\\p{Alnum}:]|$)");

    private static Set<String> byRegex(String t) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MASTODON.matcher(t);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void examples() {
        assertThat(CustomEmojiService.shortcodesIn("<p>hello :blobcat: and :wave:</p>")).containsExactly("blobcat", "wave");
        assertThat(CustomEmojiService.shortcodesIn(":ab:")).containsExactly("ab");
        assertThat(CustomEmojiService.shortcodesIn(":a: x:ab: :ab:c :ab::cd: https://x.org")).isEmpty();
        assertThat(CustomEmojiService.shortcodesIn(":ab: :ab:\n:é:", null, "(:cd:)")).containsExactly("ab", "cd");
        assertThat(CustomEmojiService.shortcodesIn(":" + "a".repeat(128) + ":")).hasSize(1);
        assertThat(CustomEmojiService.shortcodesIn(":" + "a".repeat(129) + ":")).isEmpty();
    }

    @Test
    void agreesWithTheRegexOnRandomTexts() {
        Random r = new Random(7);
        String alphabet = "ab_Z9::: \n<>é😀-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(24);
            for (int k = 0; k < len; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String t = b.toString();
            assertThat(CustomEmojiService.shortcodesIn(t)).as(t).containsExactlyElementsOf(byRegex(t));
        }
    }
}
