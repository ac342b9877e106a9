package labkit;

/**
 * Recognises valid UTF-8 byte sequences, the rules of RFC 3629 written out.
 *
 * <p>Java's decoders replace bad bytes with U+FFFD and move on, which hides exactly the bytes a
 * student needs to see; this tells {@link Visible} where a real character starts and ends.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The length (2, 3 or 4) of the valid multi-byte UTF-8 sequence that starts at
     * {@code bytes[start]}, or 0 if none starts there (a stray continuation byte, a sequence
     * cut short, an overlong form, a surrogate, or a value above U+10FFFF).
     */
    static int sequenceLength(byte[] bytes, int start) {
        int first = bytes[start] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (first >= 0xC2 && first <= 0xDF) {
            length = 2;
        } else if (first >= 0xE0 && first <= 0xEF) {
            length = 3;
            if (first == 0xE0) {
                secondMin = 0xA0; // below this the character has a shorter form
            } else if (first == 0xED) {
                secondMax = 0x9F; // above this are the surrogates U+D800-U+DFFF
            }
        } else if (first >= 0xF0 && first <= 0xF4) {
            length = 4;
            if (first == 0xF0) {
                secondMin = 0x90; // below this the character has a shorter form
            } else if (first == 0xF4) {
                secondMax = 0x8F; // above this is beyond U+10FFFF
            }
        } else {
            return 0;
        }
        if (start + length > bytes.length) {
            return 0;
        }
        int second = bytes[start + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int i = start + 2; i < start + length; i++) {
            if (!isContinuation(bytes[i])) {
                return 0;
            }
        }
        return length;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
