package checkpoints;

import labkit.Exchange;
import labkit.Response;
import labkit.Visible;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expectations the checkpoints of stage 02 on share: a body that must be a file's exact bytes
 * (with a diagnosis of the usual ways to spoil them), a status line with a hint about its reason
 * phrase, and a response whose head follows every rule.
 */
final class Answers {

    /** A template's placeholder, {{name}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[A-Za-z0-9_-]+}}");

    private Answers() {
    }

    /** The status line is exactly HTTP/1.1 CODE REASON; the hint names the reason phrase if that is what differs. */
    static void status(Probe p, Exchange e, int code, String reason, String hint) {
        String wanted = "HTTP/1.1 " + code + " " + reason;
        Response r;
        try {
            r = p.answered(e);
        } catch (Failure f) {
            // No complete answer: what this checkpoint expected, and its own hint first.
            throw p.fail(e, "the status line '" + wanted + "', then the server closing the connection", f.found(),
                hint + "\n" + f.hint());
        }
        String line = r.statusLine();
        if (wanted.equals(line)) {
            return;
        }
        String more = line != null && line.startsWith("HTTP/1.1 " + code + " ")
            ? "The code is right, the reason phrase is not: for " + code + " it is '" + reason + "', exactly so"
                + "\n(capitals and apostrophe included). Name each status once, with its phrase, and use that name."
            : code == 404 && r.status() == 200 && isThe404Page(p, r.body())
                ? "This is the 404 page, but the status line says 200: a browser shows it, a search engine or a"
                    + "\nscript takes it for the page asked for. The page for a missing file goes with 404 Not Found."
                : r.status() == 500 && p.server().printedSoon(p.linesBeforeLastExchange(), Answers::saysReplacementSyntax)
                    ? "500 says your server failed while answering: Matcher's exception (below). A value with $ or \\ in it"
                        + "\nwent in as a replacement (appendReplacement, replaceAll), where $9 means group 9 and \\ escapes."
                        + "\nMatcher.quoteReplacement(value) makes it plain text (the stage 06 lesson shows it in jshell)."
                : r.status() == 500
                    // the checkpoint's hint is about what to answer; a 500 is about an exception first
                    ? "500 says your server failed while answering: the exception it printed (below) shows where."
                        + "\nOnce that is fixed:\n" + hint // the hint on lines of its own: its own line breaks fit there
                    : hint;
        throw p.fail(e, "the status line '" + wanted + "'", line == null ? "no status line" : "'" + line + "'", more);
    }

    /**
     * Location sends the client to {@code path} on this server: the path itself, or this server's
     * whole address with that path (http://localhost:PORT/path), which HTTP allows too (RFC 9110,
     * 10.2.2). {@code hintIfMissing} is the checkpoint's own hint for a response without Location.
     */
    static void location(Probe p, Exchange e, String path, String hintIfMissing) {
        Response r = p.answered(e);
        String value = r.header("Location");
        if (value == null) {
            p.header(e, "Location", path, hintIfMissing); // fails, and names a look-alike header if there is one
            return;
        }
        value = value.strip();
        URI uri = uriOrNull(value);
        if (value.equals(path) || (uri != null && isThisServer(uri, p.port()) && path.equals(uri.getRawPath())
                && uri.getRawQuery() == null && uri.getRawFragment() == null)) {
            return;
        }
        String hint = uri != null && uri.getRawAuthority() != null && path.equals(uri.getRawPath())
            ? "The path is right, but this whole address is not this server's: the request went to"
                + "\nlocalhost:" + p.port() + " (its Host header says so). An address written into the code is right on"
                + "\none host and port only" + (uri.getPort() == 5000 ? " (by hand, on port 5000, this one looks fine)" : "")
                + ". A path alone,\n" + path + ", works on any: the browser keeps the host and port it asked."
            : value.equalsIgnoreCase(path)
                ? "A path is case-sensitive: " + path + " and " + value + " are different pages."
                : "Location is where the client goes next, as it will ask for it: the path " + path + ".";
        throw p.fail(e, "the header 'Location: " + path + "'", "Location: " + value, hint);
    }

    /** http://localhost:PORT, http://127.0.0.1:PORT or //localhost:PORT (scheme and host in any case). */
    private static boolean isThisServer(URI uri, int port) {
        return uri.getRawAuthority() != null && (uri.getScheme() == null || uri.getScheme().equalsIgnoreCase("http"))
            && uri.getHost() != null && List.of("localhost", "127.0.0.1").contains(uri.getHost().toLowerCase(Locale.ROOT))
            && uri.getPort() == port;
    }

    private static URI uriOrNull(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether a line the server printed is Matcher's complaint about a replacement's $ or \\ (a value not quoted). */
    private static boolean saysReplacementSyntax(String line) {
        return line.contains("No group ") || line.contains("Illegal group reference")
            || line.contains("character to be escaped is missing") || line.contains("named capturing group");
    }

    /** Whether {@code body} is the root's 404.html (stage 04 on), the page that goes with 404. */
    private static boolean isThe404Page(Probe p, byte[] body) {
        return "404.html".equals(p.fixture().fileWithBytes(body));
    }

    /** The response follows every rule of a response (the labkit checks): a well-formed head, the right headers. */
    static void valid(Probe p, Exchange e, String what) {
        p.answered(e);
        List<String> problems = e.problems();
        if (!problems.isEmpty()) {
            String headerInBody = headEndedEarly(e.body());
            throw p.fail(e, what + " to be a complete response: status line, Content-Type, Content-Length,"
                    + " Connection: close, each line ending \\r\\n",
                "- " + String.join("\n- ", problems), headerInBody != null
                    ? "The head ended early: the body starts with the header line '" + headerInBody + "'. The line"
                        + "\nbefore it ends with \\r\\n twice, and an empty line ends the head: does a header you add"
                        + "\nbring its own \\r\\n, where the code that joins the headers adds one too?"
                    : "An error response is still a response: it needs every header a 200 has, and a body that"
                        + "\nsays what went wrong (a browser shows it). Build it with the same code as the others.");
        }
    }

    /** A body's first line when it looks like a header line ("Connection: close"), else null. */
    private static String headEndedEarly(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        String first = end < 0 ? null : text.substring(0, end);
        return first != null && first.matches("[A-Za-z][A-Za-z0-9-]*: .*") ? first : null;
    }

    private static String excerpt(byte[] bytes, boolean binary) {
        return (binary ? Visible.ofBinary(bytes, 160) : Visible.of(bytes, 160)).strip();
    }

    /** The body is exactly {@code wanted}, the bytes of {@code file} in the web root. */
    static void sameBytes(Probe p, Exchange e, byte[] wanted, String file) {
        Response r = p.answered(e);
        byte[] body = r.body();
        if (Arrays.equals(body, wanted)) {
            return;
        }
        // Show where they differ: the first 160 bytes, or, when the difference comes later, the bytes around it.
        int at = Arrays.mismatch(body, wanted); // not -1: they differ
        int from = excerptStart(wanted, at);
        String shownFrom = from == 0 ? "" : "(from byte " + from + ", where they differ at byte " + at + ") ";
        // An image's bytes byte by byte: read as UTF-8, random bytes show as characters they never were.
        boolean binary = TryIt.binary(file);
        String expected = "the body to be the " + wanted.length + " bytes of " + file + (file.contains(" ") ? "" : " in the web root") + ": "
            + shownFrom + excerpt(Arrays.copyOfRange(wanted, Math.min(from, wanted.length), wanted.length), binary);
        String found = "a body of " + body.length + " bytes: " + shownFrom
            + excerpt(Arrays.copyOfRange(body, Math.min(from, body.length), body.length), binary);
        Failure failure = p.fail(e, expected, found, diagnose(body, wanted, file, p.fixture().fileWithBytes(body)));
        boolean charset = decodedWithAnotherCharset(body, wanted);
        String own = p.tryItNotes().ownFileNote(file);
        // For a charset's damage, only characters such as ü in the student's file matter: the note
        // below shows it by hand, and the one about the file only when the file has none.
        if (own != null && (!charset || own.contains(FileTraits.NON_ASCII_STEP))) {
            failure.withTryItNote(own);
        }
        if (charset) {
            // on a machine whose default is UTF-8 the student's own run shows nothing wrong
            String stage = p.stageFolder();
            failure.withTryItNote("(the checkpoints start your server with a default charset that is not UTF-8, as many computers"
                + " have; to see this by hand, start it so, from the workbook's folder: " + ServerProcess.MVNW + " -q compile -pl " + stage
                + ", then java \"-Dfile.encoding=" + ServerProcess.SERVER_DEFAULT_CHARSET.name() + "\" -cp " + stage
                + "/target/classes webserver.WebServer)");
        }
        throw failure;
    }

    /**
     * Fails unless the server printed its line about this request (SPEC 3: one line per request, with
     * method, target and status): one of the lines it printed since the request holds every one of
     * {@code words}.
     */
    static void logged(Probe p, Exchange e, String hint, String... words) {
        if (!p.server().printedSoon(p.linesBeforeLastExchange(), line -> Arrays.stream(words).allMatch(line::contains))) {
            String listed = String.join(", ", Arrays.asList(words).subList(0, words.length - 1)) + " and " + words[words.length - 1];
            throw p.fail(e, "a line with " + listed + " in what the server printed", "no such line (what the server printed is below)",
                hint).withTryItNote("(then read what your server prints for it: the answer itself may be right)");
        }
    }

    /** An href and its value, quoted with " or ' or not at all. */
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);

    /**
     * Whether the body has an HTML link to {@code path}: href="path", href='path' or href=path, or
     * the whole address of the same path on this server (href="http://localhost:PORT/path"), which
     * is as right as in Location.
     */
    static boolean linksTo(Exchange e, String path) {
        Matcher href = HREF.matcher(e.text());
        while (href.find()) {
            String value = (href.group(1) != null ? href.group(1) : href.group(2) != null ? href.group(2) : href.group(3)).strip();
            URI uri = uriOrNull(value);
            if (value.equals(path) || (uri != null && isThisServer(uri, e.port()) && path.equals(uri.getRawPath())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the excerpts of two bodies that differ at byte {@code at} start: at 0 when that is early,
     * else 40 bytes before it, moved back to the start of a UTF-8 character (the bytes before
     * {@code at} are the same in both, so one body decides), so that the excerpt does not begin with
     * the \xA7 of half an "§".
     */
    static int excerptStart(byte[] wanted, int at) {
        int from = at < 120 ? 0 : at - 40;
        while (from > 0 && (wanted[from] & 0xC0) == 0x80) { // a continuation byte: 10xxxxxx
            from--;
        }
        return from;
    }

    /** Whether the body is the file turned into a String and back with a charset other than UTF-8, on one side or both. */
    static boolean decodedWithAnotherCharset(byte[] body, byte[] wanted) {
        return howCharactersCameOut(body, wanted) != null;
    }

    /**
     * How the file's non-ASCII characters came out, when the body is the file turned into a String
     * and back with a charset other than UTF-8 on one side or both; null when it is not. Said as
     * the student sees it in the report: decoded with another charset, ü is shown as Ã¼; encoded
     * with a one-byte charset, as the byte \xFC.
     */
    static String howCharactersCameOut(byte[] body, byte[] wanted) {
        String asPlatform = new String(wanted, ServerProcess.SERVER_DEFAULT_CHARSET);
        String asLatin1 = new String(wanted, StandardCharsets.ISO_8859_1);
        String asUtf8 = new String(wanted, StandardCharsets.UTF_8);
        if (Arrays.equals(body, asPlatform.getBytes(StandardCharsets.UTF_8))
                || Arrays.equals(body, asLatin1.getBytes(StandardCharsets.UTF_8))) {
            return "ü as Ã¼: each byte of the file read as a character of another charset";
        }
        if (Arrays.equals(body, asUtf8.getBytes(StandardCharsets.ISO_8859_1))
                || Arrays.equals(body, asUtf8.getBytes(ServerProcess.SERVER_DEFAULT_CHARSET))) {
            return "ü as the one byte \\xFC, and characters that charset lacks as ?: the text written with a"
                + " one-byte charset";
        }
        if (Arrays.equals(body, asUtf8.getBytes(StandardCharsets.US_ASCII))) {
            return "every non-ASCII character as ?: the text written as ASCII";
        }
        return null;
    }

    /**
     * What probably turned the file's bytes into these; {@code sameAs} is the file of the root
     * whose bytes the body is, if any (the home page where another file was due, say).
     */
    static String diagnose(byte[] body, byte[] wanted, String file, String sameAs) {
        String asUtf8 = new String(wanted, StandardCharsets.UTF_8);
        String cameOut = howCharactersCameOut(body, wanted);
        if (cameOut != null) {
            return "The file's bytes were changed on the way: its non-ASCII characters came out wrong ("
                + cameOut + "). The file was turned into a String and back with a charset other than UTF-8,"
                + " like the platform's default charset, which is not UTF-8 here (nor on many students' machines)."
                + " Do not decode it at all: send the bytes you read, as they are.";
        }
        // Exactly the file read as UTF-8 text and written again; or, for another way of reading it as
        // text, replacement characters the file does not have (a random image may hold one itself).
        if ((!Arrays.equals(body, wanted) && Arrays.equals(body, asUtf8.getBytes(StandardCharsets.UTF_8)))
                || (contains(body, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}) && !contains(wanted, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}))) {
            return "Bytes of the file were replaced by EF BF BD, the UTF-8 'replacement character': the file was"
                + "\nread as text. An image is not text: read it as bytes and send the bytes, no String in between.";
        }
        if (Arrays.equals(body, Stage01.HELLO.getBytes(StandardCharsets.UTF_8))) {
            return "This is still stage 01's page. Read the file " + file
                + "\nfrom the root folder (--root) and send its bytes.";
        }
        String bodyText = new String(body, StandardCharsets.UTF_8);
        Matcher left = PLACEHOLDER.matcher(bodyText);
        String wantedText = new String(wanted, StandardCharsets.UTF_8);
        while (left.find()) {
            if (!wantedText.contains(left.group())) {
                return left.group() + " is still in the page. A placeholder with no value becomes empty; one with a value"
                    + "\ngets it. (If every placeholder is still there, the template was sent unfilled.)";
            }
        }
        if (sameAs != null && bodyText.contains("{{")) {
            return "This body is the template " + sameAs + " as it is in the root: fill its placeholders with the values"
                + "\nof this request, in one pass.";
        }
        String asLines = wantedText.replace("\r\n", "\n"); // what reading lines and joining them with \n makes of it
        if (!asLines.equals(wantedText) && (bodyText.equals(asLines) || bodyText.equals(asLines.stripTrailing())
                || (bodyText + "\n").equals(asLines))) {
            return "The body is the file with its \\r\\n line endings turned into \\n: was it read as lines and joined"
                + "\nagain? Lines lose their endings. Read the file's bytes as they are.";
        }
        if (body.length > 0 && body.length < wanted.length && Arrays.mismatch(body, wanted) == body.length) { // a beginning of it
            boolean lastLineEnding = body.length == wanted.length - 1 && wanted[wanted.length - 1] == '\n';
            return lastLineEnding
                ? "The body is the file without its last '\\n': was it read as lines and joined again? Lines lose"
                    + "\ntheir endings. Read the file's bytes as they are."
                : "The body is the first " + body.length + " of the file's " + wanted.length + " bytes. One read() gives"
                    + "\nwhat it gives (at most the buffer's size), not the whole file: read to the end (Files.readAllBytes,"
                    + "\nor read until -1).";
        }
        if (sameAs != null && file.startsWith("static/")) {
            return "This body is the root's " + sameAs + ", not the file of static/ this path names. Files under"
                + "\n/static/ are no routes of the map: one rule serves them all, the file named by what follows"
                + "\n/static/ in the path, checked before the map is asked (the lesson's \"Files under /static/\").";
        }
        if (sameAs != null) {
            return "This body is the root's " + sameAs + ", not what this request should get."
                + "\nDoes this path reach its own route yet? A key of the map is the path exactly as the request line"
                + "\nhas it, with its leading '/' ('/style.css', not 'style.css').";
        }
        if (file.contains(" ")) { // a description ("kittens.html with every {{size}} replaced by ..."), not a name
            return "Send exactly the bytes expected above, made afresh for this request.";
        }
        return "Send the bytes of " + file + " from the folder the server was started with (--root), exactly as"
            + "\nthey are in the file, read afresh for this request.";
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
