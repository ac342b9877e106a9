package labkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns bytes into text in which every byte can be seen.
 *
 * <p>HTTP cares about bytes you cannot see on screen: a carriage return (CR, byte 13) before
 * each line feed (LF, byte 10), a missing empty line, a stray tab. Printed as they are, a
 * correct response and a broken one look the same. Here each invisible byte gets a name:
 * <ul>
 *   <li>CR is shown as the two characters {@code \r};</li>
 *   <li>LF is shown as {@code \n}, followed by a real line break so the text stays readable;</li>
 *   <li>TAB is shown as {@code \t};</li>
 *   <li>any other control byte (0x00-0x1F, 0x7F), and any byte that is not part of valid
 *       UTF-8, is shown as {@code \xNN} (its value in hexadecimal);</li>
 *   <li>a valid UTF-8 character is shown as itself, so {@code Jürgen} stays readable; except
 *       characters that would be invisible or look like a plain space (a byte order mark, a
 *       no-break space, zero-width and other control or format characters): those are shown
 *       byte by byte as {@code \xNN} too;</li>
 *   <li>everything else (letters, digits, punctuation, the space) is shown as it is.</li>
 * </ul>
 * In the body of a response whose Content-Type is not text (an image, a zip file), no bytes
 * are read as UTF-8: every byte over 0x7F is shown as {@code \xNN}, since a few of them in a
 * row may happen to spell a character that was never meant.
 * A backslash in the bytes is shown as it is, so the text {@code \r} (backslash, r) and a real
 * CR look alike here; real responses almost never contain the former.
 */
public final class Visible {

    private Visible() {
    }

    /** Every byte made visible. */
    public static String of(byte[] bytes) {
        return of(bytes, Integer.MAX_VALUE);
    }

    /** The text's UTF-8 bytes made visible: {@code of("a\r\n")} is {@code a\r\n} and a line break. */
    public static String of(String text) {
        return of(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The first {@code maxBytes} bytes made visible, then, if any bytes were left out, a line
     * {@code ... (N more bytes not shown)}. The cut never splits a UTF-8 character: if it
     * would, the whole character is left out (and counted as not shown).
     */
    public static String of(byte[] bytes, int maxBytes) {
        return of(bytes, maxBytes, Integer.MAX_VALUE);
    }

    /**
     * As {@link #of(byte[], int)}, for bytes that are not text (an image): every byte over 0x7F as
     * \\xNN, never read as part of a UTF-8 character that the bytes of a picture only happen to make.
     */
    public static String ofBinary(byte[] bytes, int maxBytes) {
        return of(bytes, maxBytes, 0);
    }

    /** As {@link #of(byte[], int)}, reading no UTF-8 from byte {@code binaryFrom} on. */
    private static String of(byte[] bytes, int maxBytes, int binaryFrom) {
        byte[] all = bytes == null ? new byte[0] : bytes;
        StringBuilder out = new StringBuilder();
        int shown = render(all, Math.max(0, maxBytes), binaryFrom, out);
        int notShown = all.length - shown;
        if (notShown > 0) {
            boolean endsWithLineBreak = out.length() > 0 && out.charAt(out.length() - 1) == '\n';
            if (out.length() > 0 && !endsWithLineBreak) {
                out.append('\n');
            }
            out.append("... (").append(notShown).append(" more bytes not shown)");
        }
        return out.toString();
    }

    /**
     * Like {@link #of(byte[], int)}, with {@code indent} in front of every line, for showing
     * bytes inside a longer report. The result never ends with a line break (the report adds
     * its own). No bytes at all give {@code indent + "(nothing)"}.
     */
    public static String block(byte[] bytes, String indent, int maxBytes) {
        return block(bytes, indent, maxBytes, Integer.MAX_VALUE);
    }

    /**
     * A response as {@link #block(byte[], String, int)} shows bytes, with the body of a type that
     * is not text (image/png) shown byte by byte (see the class comment).
     */
    public static String response(byte[] raw, String indent, int maxBytes) {
        Response response = Response.parse(raw == null ? new byte[0] : raw);
        boolean binary = response.hasHead() && !isText(response.header("Content-Type"));
        return block(raw, indent, maxBytes, binary ? response.headLength() : Integer.MAX_VALUE);
    }

    /**
     * Whether a Content-Type is text a person reads; no Content-Type at all counts as text.
     * {@link #response} shows the body of any other type byte by byte.
     */
    public static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
            || type.contains("javascript") || type.contains("x-www-form-urlencoded");
    }

    private static String block(byte[] bytes, String indent, int maxBytes, int binaryFrom) {
        if (bytes == null || bytes.length == 0) {
            return indent + "(nothing)";
        }
        String text = of(bytes, maxBytes, binaryFrom);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return indent + withRunsCounted(withLongRunsShortened(text)).replace("\n", "\n" + indent);
    }

    /** A character repeated this many times or more in a row is shown shortened in a report. */
    static final int LONG_RUN = 40;

    /** How many of a long run's characters are shown before the count. */
    static final int RUN_SHOWN = 10;

    /**
     * One character repeated {@value #LONG_RUN} times or more in a row (a header padded with
     * 2,000 c's) as its first {@value #RUN_SHOWN} and a count: the run would fill a screen on its
     * own. Backslashes are left alone, as they begin the escapes of invisible bytes.
     */
    static String withLongRunsShortened(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int end = i + 1;
            while (end < text.length() && text.charAt(end) == c) {
                end++;
            }
            int run = end - i;
            if (run >= LONG_RUN && c != '\\' && c != '\n') {
                out.append(String.valueOf(c).repeat(RUN_SHOWN))
                   .append("...(").append(run - RUN_SHOWN).append(" more \"").append(c).append("\")");
            } else {
                out.append(text, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * Three or more equal lines in a row as the first of them and a count: a page padded with
     * one line repeated would push everything else off the screen. The count has no visible line
     * ending, so it cannot be taken for a line that was received.
     */
    static String withRunsCounted(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; ) {
            int end = i + 1;
            while (end < lines.length && lines[end].equals(lines[i])) {
                end++;
            }
            out.add(lines[i]);
            if (end - i >= 3) {
                out.add("(the line above, " + (end - i - 1) + " more times)");
            } else if (end - i == 2) {
                out.add(lines[i]);
            }
            i = end;
        }
        return String.join("\n", out);
    }

    /**
     * Appends the visible form of bytes[0 .. limit) to out, and returns how many bytes it
     * rendered: limit, or fewer when the last character would have been cut in half.
     */
    private static int render(byte[] bytes, int limit, int binaryFrom, StringBuilder out) {
        int i = 0;
        while (i < bytes.length && i < limit) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                appendAscii(b, out);
                i++;
                continue;
            }
            if (i >= binaryFrom) {
                appendHex(b, out); // a body that is not text: no byte is part of a character
                i++;
                continue;
            }
            int length = Utf8.sequenceLength(bytes, i);
            if (length == 0) {
                appendHex(b, out); // not UTF-8: show the byte's value
                i++;
            } else if (i + length > limit) {
                break; // the character does not fit: leave it out entirely
            } else {
                String character = new String(bytes, i, length, StandardCharsets.UTF_8);
                if (looksInvisible(character.codePointAt(0))) {
                    for (int k = i; k < i + length; k++) {
                        appendHex(bytes[k] & 0xFF, out);
                    }
                } else {
                    out.append(character);
                }
                i += length;
            }
        }
        return i;
    }

    private static void appendAscii(int b, StringBuilder out) {
        switch (b) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n\n");
            case '\t' -> out.append("\\t");
            default -> {
                if (b < 0x20 || b == 0x7F) {
                    appendHex(b, out);
                } else {
                    out.append((char) b);
                }
            }
        }
    }

    private static void appendHex(int b, StringBuilder out) {
        out.append(String.format("\\x%02X", b));
    }

    /** Characters that print as nothing, or as something that looks like an ordinary space. */
    private static boolean looksInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
