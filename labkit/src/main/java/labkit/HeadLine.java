package labkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a response head, exactly as the bytes arrived: its content without the line
 * ending, and which line ending it had. {@link Response} reads headers from these lines;
 * {@link ResponseRules} checks their endings.
 *
 * @param number  1 for the status line, 2 for the line after it, and so on
 * @param content the bytes of the line, without the line ending
 * @param end     how the line ended
 */
record HeadLine(int number, byte[] content, End end) {

    /** How a line ended: {@code \r\n} (right), {@code \n} alone (tolerated), or not at all. */
    enum End { CRLF, LF, NONE }

    /** The line as text (UTF-8; bad bytes become U+FFFD). */
    String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    boolean isEmpty() {
        return content.length == 0;
    }

    /**
     * Where the head ends: the index just after the first empty line that follows a line, or
     * -1 if the bytes contain none. An empty line is a line feed right after the line feed that
     * ended the previous line, with or without a carriage return before it ({@code \r\n\r\n},
     * {@code \n\n}, {@code \n\r\n}).
     */
    static int headEnd(byte[] raw) {
        return headEnd(raw, 0);
    }

    /** As {@link #headEnd(byte[])}, for the head that starts at {@code from}; the index is in raw. */
    static int headEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] != '\n') {
                continue;
            }
            if (i + 1 < raw.length && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * Splits raw[0 .. headLength) into lines at each line feed. A carriage return right before
     * the line feed belongs to the line ending; any other carriage return stays in the content.
     * Bytes after the last line feed form a last line with no ending.
     */
    static List<HeadLine> split(byte[] raw, int headLength) {
        List<HeadLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < headLength; i++) {
            if (raw[i] != '\n') {
                continue;
            }
            boolean crBefore = i > start && raw[i - 1] == '\r';
            int contentEnd = crBefore ? i - 1 : i;
            lines.add(new HeadLine(lines.size() + 1, copy(raw, start, contentEnd), crBefore ? End.CRLF : End.LF));
            start = i + 1;
        }
        if (start < headLength) {
            lines.add(new HeadLine(lines.size() + 1, copy(raw, start, headLength), End.NONE));
        }
        return lines;
    }

    private static byte[] copy(byte[] raw, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(raw, from, part, 0, part.length);
        return part;
    }
}
