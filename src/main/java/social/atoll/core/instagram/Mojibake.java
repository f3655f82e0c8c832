package social.atoll.core.instagram;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Instagram's (and Facebook's) exports write each UTF-8 byte of a text as its own escape of the form backslash-u-00XX, so "café"
 * reads "cafÃ©". When every character of a text fits in one byte and those bytes are valid UTF-8 with at least one
 * multi-byte sequence, the text was written that way and is decoded again; anything else is left as it is (a caption
 * really written in Latin-1, or an export that one day gets it right).
 */
public final class Mojibake {

    private Mojibake() {}

    public static String repair(String s) {
        if (s == null || s.isEmpty()) return s;
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) return s;
            if (c >= 0x80) high = true;
        }
        if (!high) return s;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }
}
