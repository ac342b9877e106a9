package labkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a response's bytes against the rules every server of the workbook follows, and says
 * what is wrong in plain words:
 * <pre>
 *   HTTP/1.1 200 OK\r\n                          the status line: HTTP/1.1 CODE REASON
 *   Content-Type: text/html; charset=utf-8\r\n   what the body is; text says charset=utf-8
 *   Content-Length: 21\r\n                       the body's size in bytes
 *   Connection: close\r\n                        the server closes after the response
 *   \r\n                                         the empty line that ends the head
 *   &lt;h1&gt;Hello Client&lt;/h1&gt;                        exactly Content-Length bytes
 * </pre>
 * Every line of the head ends with {@code \r\n}. The checks never throw, whatever the bytes.
 * {@link HeadRules} checks the shape of the head, {@link HeaderRules} the headers it must hold.
 */
public final class ResponseRules {

    /** At most this many bytes of a line are quoted in a problem. */
    private static final int MAX_QUOTED_BYTES = 100;

    /** Headers a server commonly sends: to spot misspellings and headers run into a line. */
    static final List<String> COMMON_HEADERS = List.of(
            "Content-Type", "Content-Length", "Connection", "Location", "Allow", "Date",
            "Server", "Cache-Control", "Last-Modified", "ETag", "Set-Cookie", "Transfer-Encoding");

    private ResponseRules() {
    }

    /** The problems of a response to a GET request; an empty list if there are none. */
    public static List<String> check(byte[] raw) {
        return check(raw, "GET");
    }

    /**
     * The problems of a response to a request with this method ({@code "GET"}, {@code "HEAD"},
     * {@code "POST"} ..., as sent: case-sensitive); an empty list if there are none. A response to HEAD must have no body,
     * while its Content-Length says how long the body of a GET would be.
     */
    public static List<String> check(byte[] raw, String method) {
        List<String> problems = new ArrayList<>();
        try {
            boolean isHead = "HEAD".equals(method); // methods are case-sensitive: "head" is another method, whose answer has a body
            checkAll(raw == null ? new byte[0] : raw, isHead, problems);
        } catch (RuntimeException bug) {
            // A checker that crashes would hide the real problems: say what happened instead.
            problems.add("labkit could not finish checking this response (" + bug
                    + "). This is a bug in labkit, not in your server.");
        }
        return List.copyOf(problems);
    }

    private static void checkAll(byte[] raw, boolean isHead, List<String> problems) {
        if (raw.length == 0) {
            problems.add("Nothing received at all: the server sent no bytes. Every request must get"
                    + " a response that starts with a status line such as HTTP/1.1 200 OK.");
            return;
        }
        Response response = Response.parse(raw);
        if (response.statusLine() == null) { // only interim answers came, such as 100 Continue
            problems.add("Only an interim response arrived (" + String.join(", ", response.interim()) + "): it says"
                    + " the real answer follows, and then none came.");
            return;
        }
        HeadRules.check(response, problems);
        HeaderRules.check(response, isHead, problems);
        statusRules(response, problems);
        if (isHead && response.body().length > 0) {
            problems.add("The response to HEAD has a body (" + response.body().length + " bytes after"
                    + " the empty line). A response to HEAD must stop after the empty line; its"
                    + " Content-Length still says how many bytes a GET would get.");
        }
    }

    /** Headers that some statuses cannot do without (RFC 9110, 15). */
    private static void statusRules(Response response, List<String> problems) {
        int status = response.status();
        if (status == 405 && response.header("Allow") == null) {
            problems.add("A 405 Method Not Allowed has no Allow header. It must say which methods would work, such as"
                    + " \"Allow: GET, HEAD\" (RFC 9110, 15.5.6).");
        }
        if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && response.header("Location") == null) {
            problems.add("A redirect (" + status + ") has no Location header: the client cannot know where to go."
                    + " Send \"Location: /the-new-path\".");
        }
    }

    // ---- helpers for the wording of problems, shared by HeadRules and HeaderRules ----------

    /** The text in double quotes, invisible characters made visible, cut short if long. */
    static String quote(byte[] bytes) {
        String shown = Visible.of(bytes, MAX_QUOTED_BYTES);
        int lineBreak = shown.indexOf('\n'); // only the "... more bytes" note adds one
        if (lineBreak >= 0) {
            shown = shown.substring(0, lineBreak) + "...";
        }
        return "\"" + shown + "\"";
    }

    static String quote(String text) {
        return quote(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The common header whose "Name:" appears inside the text, or null. */
    static String swallowedHeader(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : COMMON_HEADERS) {
            if (lower.contains(name.toLowerCase(Locale.ROOT) + ":")) {
                return name;
            }
        }
        return null;
    }

    /** "Content length" and "content-LENGTH" both give "contentlength": to spot misspellings. */
    static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Whether the text is only the ASCII digits 0-9 (the empty text counts as digits). */
    static boolean isDigits(String text) {
        for (char c : text.toCharArray()) {
            if (c < '0' || c > '9') {
                return false; // ASCII digits only: Character.isDigit also accepts other scripts
            }
        }
        return true;
    }
}
