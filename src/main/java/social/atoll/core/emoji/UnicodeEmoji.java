package social.atoll.core.emoji;

import social.atoll.core.common.ValidationException;

/**
 * Is a reaction a Unicode emoji? Symbols only (no letters, digits alone or punctuation), with the joiners, variation
 * selectors, skin tones and flag letters emoji sequences are made of. The same rule as announcement reactions.
 */
public final class UnicodeEmoji {

    private UnicodeEmoji() {}

    public static String check(String raw) {
        String n = raw == null ? "" : raw.strip();
        boolean ok = !n.isEmpty() && n.length() <= 32 && n.codePoints().allMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.FORMAT || type == Character.SURROGATE
                    || cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || (cp >= 0xE0020 && cp <= 0xE007F)
                    || cp == '#' || cp == '*' || (cp >= '0' && cp <= '9' && n.codePointCount(0, n.length()) > 1);
        }) && n.codePoints().anyMatch(cp -> Character.getType(cp) == Character.OTHER_SYMBOL || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == 0x20E3);
        if (!ok) throw new ValidationException("Name is not a recognized emoji");
        return n;
    }
}
