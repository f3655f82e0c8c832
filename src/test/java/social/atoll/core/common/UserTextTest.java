package social.atoll.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {

    @Test
    void controlCharactersGoLineBreaksStayInMultiLineText() {
        assertThat(UserText.multiLine("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg")).isEqualTo("abcdefg");
        assertThat(UserText.multiLine("line one\nline two\r\n\tindented")).isEqualTo("line one\nline two\r\n\tindented");
        assertThat(UserText.multiLine("👩\u200d👩\u200d👧 é ü")).as("joiners and letters are not controls").isEqualTo("👩\u200d👩\u200d👧 é ü");
        assertThat(UserText.multiLine(null)).isNull();
    }

    @Test
    void oneLineTextTurnsBreaksIntoSpaces() {
        assertThat(UserText.oneLine("Ali\u0000ce\nthe\tgreat")).isEqualTo("Alice the great");
        String plain = "nothing to clean";
        assertThat(UserText.oneLine(plain)).isSameAs(plain);
    }
}
