package labkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VisibleTest {

    @Test
    void carriageReturnLineFeedAndTabGetNames() {
        assertEquals("a\\r\\n\nb\\tc", Visible.of("a\r\nb\tc"));
    }

    @Test
    void aLineFeedIsFollowedByARealLineBreak() {
        assertEquals("GET / HTTP/1.1\\r\\n\n\\r\\n\n", Visible.of("GET / HTTP/1.1\r\n\r\n"));
        assertEquals("one\\n\ntwo", Visible.of("one\ntwo"));
    }

    @Test
    void otherControlBytesAreShownInHex() {
        assertEquals("\\x00\\x01\\x1B\\x7F", Visible.of(new byte[] {0x00, 0x01, 0x1B, 0x7F}));
    }

    @Test
    void printableAsciiStaysAsItIs() {
        String printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~";
        assertEquals(printable, Visible.of(printable));
    }

    @Test
    void validUtf8IsShownAsTheCharacter() {
        assertEquals("Jürgen € 😀 日本", Visible.of("Jürgen € 😀 日本"));
    }

    @Test
    void bytesThatAreNotUtf8AreShownInHex() {
        assertEquals("J\\xFCrgen", Visible.of("Jürgen".getBytes(ISO_8859_1)), "ü in ISO-8859-1");
        assertEquals("\\xFF\\xFE", Visible.of(new byte[] {(byte) 0xFF, (byte) 0xFE}));
        assertEquals("\\x80a", Visible.of(new byte[] {(byte) 0x80, 'a'}), "a lone continuation byte");
        assertEquals("\\xC3a", Visible.of(new byte[] {(byte) 0xC3, 'a'}), "a sequence cut short");
        assertEquals("a\\xC3", Visible.of(new byte[] {'a', (byte) 0xC3}), "a sequence cut off at the end");
        assertEquals("\\xC0\\xAF", Visible.of(new byte[] {(byte) 0xC0, (byte) 0xAF}), "overlong /");
        assertEquals("\\xED\\xA0\\x80", Visible.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "a surrogate");
        assertEquals("\\xF4\\x90\\x80\\x80", Visible.of(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                "beyond U+10FFFF");
    }

    @Test
    void invisibleCharactersAreShownByteByByte() {
        assertEquals("\\xEF\\xBB\\xBF<h1>", Visible.of("\uFEFF<h1>"), "a byte order mark");
        assertEquals("a\\xC2\\xA0b", Visible.of("a\u00A0b"), "a no-break space");
        assertEquals("a\\xE2\\x80\\x8Bb", Visible.of("a\u200Bb"), "a zero-width space");
    }

    @Test
    void aLimitCutsTheBytesAndSaysHowManyAreLeft() {
        assertEquals("abc\n... (3 more bytes not shown)", Visible.of("abcdef".getBytes(UTF_8), 3));
        assertEquals("ab\\n\n... (2 more bytes not shown)", Visible.of("ab\ncd".getBytes(UTF_8), 3));
        assertEquals("abc", Visible.of("abc".getBytes(UTF_8), 3));
        assertEquals("... (3 more bytes not shown)", Visible.of("abc".getBytes(UTF_8), 0));
    }

    @Test
    void aLimitNeverCutsACharacterInHalf() {
        assertEquals("a\n... (2 more bytes not shown)", Visible.of("aü".getBytes(UTF_8), 2));
    }

    @Test
    void aBlockIndentsEveryLine() {
        byte[] head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8);
        assertEquals("    GET / HTTP/1.1\\r\\n\n    Host: x\\r\\n\n    \\r\\n", Visible.block(head, "    ", 100));
    }

    @Test
    void aBlockIndentsTheNoteAboutBytesLeftOut() {
        assertEquals("  ab\\n\n  ... (2 more bytes not shown)", Visible.block("ab\ncd".getBytes(UTF_8), "  ", 3));
    }

    @Test
    void threeOrMoreEqualLinesInARowAreShownOnceAndCounted() {
        String page = "<p>\n" + "pad\n".repeat(13) + "</p>\n";
        assertEquals("  <p>\\n\n  pad\\n\n  (the line above, 12 more times)\n  </p>\\n",
            Visible.block(page.getBytes(UTF_8), "  ", 1000));
        assertEquals("  a\\n\n  a\\n\n  b", Visible.block("a\na\nb".getBytes(UTF_8), "  ", 100), "two stay two");
    }

    @Test
    void theBodyOfAResponseThatIsNotTextIsShownByteByByte() {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 6\r\n\r\n";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', (byte) 0xC3, (byte) 0xBC}; // C3 BC would read as ü
        byte[] raw = new byte[head.length() + png.length];
        System.arraycopy(head.getBytes(UTF_8), 0, raw, 0, head.length());
        System.arraycopy(png, 0, raw, head.length(), png.length);
        assertTrue(Visible.response(raw, "", 1000).endsWith("\\r\\n\n\\x89PNG\\xC3\\xBC"));
        byte[] html = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\nJ\u00fcrgen").getBytes(UTF_8);
        assertTrue(Visible.response(html, "", 1000).endsWith("\\r\\n\nJ\u00fcrgen"));
    }

    @Test
    void anEmptyBlockSaysNothing() {
        assertEquals("  (nothing)", Visible.block(new byte[0], "  ", 100));
    }

    @Test
    void aLongRunOfOneCharacterIsShortenedWithACount() {
        String cookie = "Cookie: a=" + "c".repeat(2000) + "\r\n";
        assertEquals("  Cookie: a=cccccccccc...(1990 more \"c\")\\r\\n",
            Visible.block(cookie.getBytes(UTF_8), "  ", 5000));
        assertEquals("  " + "x".repeat(39), Visible.block("x".repeat(39).getBytes(UTF_8), "  ", 100), "39 stay as they are");
        assertEquals("  " + "\\x00".repeat(50), Visible.block(new byte[50], "  ", 100), "escapes are never cut");
    }
}
