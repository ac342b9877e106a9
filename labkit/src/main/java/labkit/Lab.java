package labkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One-line calls for jshell. Start jshell with the labkit jar and import them:
 * <pre>
 *   jshell --class-path labkit/target/labkit.jar
 *   jshell&gt; import static labkit.Lab.*
 *   jshell&gt; get(5000, "/")
 * </pre>
 * Every call talks to 127.0.0.1 (this computer) and waits at most
 * {@link RawClient#DEFAULT_TIMEOUT} for the server. Type {@code help()} for the list.
 */
public final class Lab {

    private Lab() {
    }

    // ---- sending requests ------------------------------------------------------------------

    /** Sends the text exactly as written (as UTF-8): {@code send(5000, "GET / HTTP/1.1\r\n\r\n")}. */
    public static Exchange send(int port, String raw) {
        return send(port, utf8(raw));
    }

    /** Sends exactly these bytes. */
    public static Exchange send(int port, byte[] raw) {
        return RawClient.exchange(port, raw, RawClient.DEFAULT_TIMEOUT);
    }

    /**
     * Sends the pieces one after the other with a pause between them, the way a slow network
     * delivers a request: {@code sendInPieces(5000, 500, "GET / HTTP/1.1\r\n", "\r\n")}.
     */
    public static Exchange sendInPieces(int port, int pauseMillis, String... pieces) {
        List<byte[]> bytes = new ArrayList<>();
        for (String piece : pieces) {
            bytes.add(utf8(piece));
        }
        return RawClient.exchange(port, bytes, Duration.ofMillis(pauseMillis), RawClient.DEFAULT_TIMEOUT);
    }

    /** Sends {@code GET target HTTP/1.1} with the headers Host and Connection: close. */
    public static Exchange get(int port, String target) {
        return send(port, "GET " + target + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    /** Like {@link #get}, with HEAD: the server answers with the head only, no body. */
    public static Exchange head(int port, String target) {
        return send(port, "HEAD " + target + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    /** POSTs a form body, such as {@code form("name", "Ada")}, as a browser does. */
    public static Exchange post(int port, String target, String formBody) {
        return post(port, target, "application/x-www-form-urlencoded", formBody);
    }

    /** POSTs a body of any type; Content-Length is the body's size in UTF-8 bytes. */
    public static Exchange post(int port, String target, String contentType, String body) {
        byte[] bodyBytes = utf8(body);
        byte[] head = utf8("POST " + target + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n");
        byte[] request = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(bodyBytes, 0, request, head.length, bodyBytes.length);
        return send(port, request);
    }

    // ---- looking at bytes ------------------------------------------------------------------

    /** The text's bytes with invisible characters made visible: see {@link Visible}. */
    public static String visible(String text) {
        return Visible.of(text);
    }

    /** The bytes with invisible characters made visible: see {@link Visible}. */
    public static String visible(byte[] bytes) {
        return Visible.of(bytes);
    }

    /**
     * Prints the text with invisible characters made visible. (jshell shows a String value the
     * way Java source writes it, which escapes the backslashes a second time; printing does not.)
     */
    public static void show(String text) {
        printLine(Visible.of(text));
    }

    /** Prints the bytes with invisible characters made visible. */
    public static void show(byte[] bytes) {
        printLine(Visible.of(bytes));
    }

    /** Prints the whole report of an exchange (jshell cuts values longer than 1000 characters). */
    public static void show(Exchange exchange) {
        System.out.println(exchange);
    }

    /** What is wrong with the response, in plain words; an empty list if nothing is. */
    public static List<String> check(Exchange exchange) {
        return exchange.problems();
    }

    // ---- building bodies -------------------------------------------------------------------

    /**
     * A form body as a browser sends it (application/x-www-form-urlencoded), from names and
     * values in turn: {@code form("name", "Ada", "message", "hi & bye")} is
     * {@code name=Ada&message=hi+%26+bye}.
     */
    public static String form(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("form(...) takes names and values in pairs, like"
                    + " form(\"name\", \"Ada\", \"message\", \"hi\"); got " + namesAndValues.length + " strings");
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    // ---- help ------------------------------------------------------------------------------

    /** Prints the list of calls, with examples. */
    public static void help() {
        System.out.print(helpText());
    }

    static String helpText() {
        return """
                labkit: poke a server and see its bytes. Every call talks to 127.0.0.1 (this computer).

                  get(5000, "/")                       GET a path; shows what was sent, what came back, problems
                  head(5000, "/")                      the same with HEAD: the head only, no body
                  post(5000, "/guestbook", form("name", "Ada", "message", "hi"))
                                                       POST a form, as a browser does
                  post(5000, "/notes", "text/plain; charset=utf-8", "hello")
                                                       POST any body, with its Content-Type
                  send(5000, "GET / HTTP/1.1\\r\\n\\r\\n")
                                                       send exactly these bytes, as written
                  sendInPieces(5000, 500, "GET / HTTP/1.1\\r\\n", "\\r\\n")
                                                       send in pieces, 500 ms apart
                  var r = get(5000, "/")               keep the answer, then look at its parts:
                      r.status()   r.header("Content-Type")   r.text()   r.body()   r.problems()
                  check(r)                             the problems, as a list
                  show(r)                              print the whole report (jshell cuts long values)
                  visible("a\\r\\n")                     invisible characters made visible
                  show("a\\r\\n")                        the same, printed
                  form("name", "Ada Lovelace")         a form body: name=Ada+Lovelace
                  help()                               this list
                """;
    }

    /** Prints the text and ends the line, unless the text already ends with a line break. */
    private static void printLine(String text) {
        System.out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
        System.out.flush();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
