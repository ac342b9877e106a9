package labkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes a server sent back, taken apart the way a client reads them:
 * <pre>
 *   HTTP/1.1 200 OK\r\n                          status line: version, code, reason
 *   Content-Type: text/html; charset=utf-8\r\n   headers, one "Name: value" per line
 *   Content-Length: 21\r\n
 *   \r\n                                         the empty line: the head ends here
 *   &lt;h1&gt;Hello Client&lt;/h1&gt;                        the body
 * </pre>
 * Parsing is forgiving and never throws: whatever the bytes are, you get an object, and the
 * parts that are not there are {@code null}, {@code -1} or empty. Bare {@code \n} line endings
 * are read like {@code \r\n}. Whether the bytes follow the rules is {@link ResponseRules}' job.
 *
 * <p>An interim response comes before the real one when the request asked for it:
 * {@code HTTP/1.1 100 Continue} and an empty line, for a POST sent with
 * {@code Expect: 100-continue}. Such 1xx heads are listed by {@link #interim()}; everything else
 * here is about the final response after them.
 *
 * <p>Objects of this class never change; the arrays it hands out are copies.
 */
public final class Response {

    /** One header line, {@code Name: value}; the value without spaces or tabs around it. */
    public record Header(String name, String value) {
    }

    private final byte[] raw;
    private final List<String> interim;
    private final int headLength;
    private final boolean hasHead;
    private final List<HeadLine> lines;
    private final String version;
    private final int status;
    private final String reason;
    private final List<Header> headers;

    private Response(byte[] raw) {
        this.raw = raw;
        List<String> interimLines = new ArrayList<>();
        int start = 0; // where the final response starts, after any interim ones
        while (true) {
            int end = HeadLine.headEnd(raw, start);
            String first = end < 0 ? null : HeadLine.split(Arrays.copyOfRange(raw, start, end), end - start).get(0).text();
            String code = statusLineParts(first)[1];
            if (code == null || code.charAt(0) != '1' || code.equals("101")) {
                break; // not a complete 1xx head (101 switches protocols: no HTTP answer follows)
            }
            interimLines.add(first);
            start = end;
        }
        byte[] rest = Arrays.copyOfRange(raw, start, raw.length); // once: a copy per interim head took seconds for thousands
        this.interim = List.copyOf(interimLines);
        int headEnd = HeadLine.headEnd(rest);
        this.hasHead = headEnd >= 0;
        this.headLength = start + (hasHead ? headEnd : rest.length);
        this.lines = List.copyOf(HeadLine.split(rest, headLength - start));

        String[] parts = statusLineParts(statusLine());
        this.version = parts[0];
        this.status = parts[1] == null ? -1 : Integer.parseInt(parts[1]);
        this.reason = parts[2];
        this.headers = List.copyOf(parseHeaders());
    }

    /** Takes the bytes apart. Never throws; {@code null} is read as no bytes at all. */
    public static Response parse(byte[] raw) {
        return new Response(raw == null ? new byte[0] : raw.clone());
    }

    /** All the bytes, exactly as received. */
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * The status lines of interim responses that came before this one, such as
     * {@code HTTP/1.1 100 Continue}; empty if none did.
     */
    public List<String> interim() {
        return interim;
    }

    /** Whether the bytes contain the empty line that ends the head. */
    public boolean hasHead() {
        return hasHead;
    }

    /**
     * The number of bytes up to and including the empty line, interim responses included; all of
     * them if there is none.
     */
    public int headLength() {
        return headLength;
    }

    /** The first line, without its line ending; {@code null} if no bytes arrived. */
    public String statusLine() {
        return lines.isEmpty() ? null : lines.get(0).text();
    }

    /** The version from the status line, e.g. {@code HTTP/1.1}; {@code null} if it has none. */
    public String version() {
        return version;
    }

    /** The three-digit status code, e.g. 200; -1 if the status line has none. */
    public int status() {
        return status;
    }

    /** The reason phrase, e.g. {@code OK}; {@code null} if the status line has none. */
    public String reason() {
        return reason;
    }

    /** Every {@code Name: value} line of the head, in order. Lines without a colon are left out. */
    public List<Header> headers() {
        return headers;
    }

    /** The value of the first header with this name (any upper/lower case), or {@code null}. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The values of every header with this name (any upper/lower case), in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** The bytes after the empty line; none if the head never ends. */
    public byte[] body() {
        return hasHead ? Arrays.copyOfRange(raw, headLength, raw.length) : new byte[0];
    }

    /** The body as UTF-8 text; bytes that are not UTF-8 become the replacement character. */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The lines of the head, the empty line that ends it included (for ResponseRules). */
    List<HeadLine> lines() {
        return lines;
    }

    /** The bytes, made visible (at most 4096 of them). */
    @Override
    public String toString() {
        return Visible.of(raw, 4096);
    }

    /**
     * Splits {@code VERSION SP CODE SP REASON} into {version, code, reason}, each {@code null}
     * when missing: the version must start with {@code HTTP/} (any case), the code must be three
     * digits, and the reason is whatever follows the space after the code (possibly empty).
     */
    private static String[] statusLineParts(String line) {
        String[] parts = new String[3];
        if (line == null) {
            return parts;
        }
        int firstSpace = line.indexOf(' ');
        String first = firstSpace < 0 ? line : line.substring(0, firstSpace);
        if (!first.regionMatches(true, 0, "HTTP/", 0, 5)) {
            return parts;
        }
        parts[0] = first;
        if (firstSpace < 0) {
            return parts;
        }
        String rest = line.substring(firstSpace + 1);
        int secondSpace = rest.indexOf(' ');
        String code = secondSpace < 0 ? rest : rest.substring(0, secondSpace);
        if (!isThreeDigits(code)) {
            return parts;
        }
        parts[1] = code;
        if (secondSpace >= 0) {
            parts[2] = rest.substring(secondSpace + 1);
        }
        return parts;
    }

    private static boolean isThreeDigits(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false; // only ASCII digits: Character.isDigit would accept other scripts
            }
        }
        return true;
    }

    private List<Header> parseHeaders() {
        List<Header> found = new ArrayList<>();
        for (HeadLine line : lines) {
            if (line.number() == 1 || line.isEmpty()) {
                continue; // the status line, or the empty line that ends the head
            }
            String text = line.text();
            int colon = text.indexOf(':');
            if (colon >= 0) {
                found.add(new Header(text.substring(0, colon), trimSpacesAndTabs(text.substring(colon + 1))));
            }
        }
        return found;
    }

    /** HTTP allows spaces and tabs around a value; String.strip would also remove other bytes. */
    static String trimSpacesAndTabs(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpaceOrTab(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpaceOrTab(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }
}
