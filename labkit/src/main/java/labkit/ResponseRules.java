package labkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 */
public final class ResponseRules {

    /** At most this many problems about single lines are listed; many more are summed up. */
    private static final int MAX_LINE_PROBLEMS = 5;

    /** At most this many bytes of a line are quoted in a problem. */
    private static final int MAX_QUOTED_BYTES = 100;

    /** Headers a server commonly sends: to spot misspellings and headers run into a line. */
    private static final List<String> COMMON_HEADERS = List.of(
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
     * {@code "POST"} ...); an empty list if there are none. A response to HEAD must have no body,
     * while its Content-Length says how long the body of a GET would be.
     */
    public static List<String> check(byte[] raw, String method) {
        List<String> problems = new ArrayList<>();
        try {
            boolean isHead = "HEAD".equalsIgnoreCase(method);
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
        checkStatusLine(response.lines().get(0), problems);
        checkLineEndings(response, problems);
        if (!response.hasHead()) {
            problems.add("The head never ends: there is no empty line after the headers. After the"
                    + " last header line send one more \\r\\n, so the client knows where the"
                    + " headers stop and the body begins.");
        }
        checkHeaderLines(response, problems);
        checkContentType(response, problems);
        checkContentLength(response, isHead, problems);
        checkConnection(response, problems);
        if (isHead && response.body().length > 0) {
            problems.add("The response to HEAD has a body (" + response.body().length + " bytes after"
                    + " the empty line). A response to HEAD must stop after the empty line; its"
                    + " Content-Length still says how many bytes a GET would get.");
        }
    }

    // ---- the status line -------------------------------------------------------------------

    private static void checkStatusLine(HeadLine first, List<String> problems) {
        String what = statusLineMistake(first);
        if (what != null) {
            problems.add("The status line is wrong: " + what + " The first line of every response"
                    + " must be HTTP/1.1 CODE REASON, e.g. HTTP/1.1 200 OK.");
        }
    }

    /** What is wrong with the first line, or null if it is a good status line. */
    private static String statusLineMistake(HeadLine first) {
        String line = first.text();
        String quoted = quote(first.content());
        if (line.isEmpty()) {
            return "the first line is empty.";
        }
        int space = line.indexOf(' ');
        String version = space < 0 ? line : line.substring(0, space);
        if (!version.regionMatches(true, 0, "HTTP/", 0, 5)) {
            String looksLike = line.startsWith("<")
                    ? " It looks like the body, sent without a status line and headers before it."
                    : "";
            return "the first line is " + quoted + ", which is not a status line." + looksLike;
        }
        if (!version.startsWith("HTTP/")) {
            return "the first line " + quoted + " writes HTTP in lower case; it must be in capital letters.";
        }
        if (!version.equals("HTTP/1.1")) {
            return version.startsWith("HTTP/1.1")
                    ? "in " + quoted + " there must be one space right after HTTP/1.1."
                    : quoted + " says the version is " + quote(version) + "; the servers of the"
                            + " workbook answer with HTTP/1.1.";
        }
        String rest = space < 0 ? "" : line.substring(space + 1);
        if (rest.isEmpty()) {
            return quoted + " has no status code (such as 200) and no reason phrase (such as OK).";
        }
        if (rest.startsWith(" ")) {
            return quoted + " has more than one space after HTTP/1.1; the parts are separated by"
                    + " exactly one space.";
        }
        if (rest.length() < 3 || !isDigits(rest.substring(0, 3))) {
            return quoted + " has no three-digit status code (such as 200) after HTTP/1.1.";
        }
        if (rest.length() == 3) {
            return quoted + " has no reason phrase (such as OK) after the code.";
        }
        if (rest.charAt(3) != ' ') {
            return "in " + quoted + " the status code must be three digits followed by one space"
                    + " and the reason phrase.";
        }
        String reason = rest.substring(4);
        if (Response.trimSpacesAndTabs(reason).isEmpty()) {
            return quoted + " has an empty reason phrase; write one after the code, such as OK.";
        }
        String swallowed = swallowedHeader(reason);
        if (swallowed != null) {
            return quoted + " seems to hold a header too: " + quote(swallowed + ":") + " appears in"
                    + " the reason phrase, so the status line is missing its \\r\\n.";
        }
        return null;
    }

    // ---- line endings and the end of the head ----------------------------------------------

    private static void checkLineEndings(Response response, List<String> problems) {
        List<Integer> lfAlone = new ArrayList<>();
        List<Integer> crAlone = new ArrayList<>();
        HeadLine emptyLine = null;
        for (HeadLine line : linesToCheck(response, false)) {
            if (line.end() == HeadLine.End.LF) {
                lfAlone.add(line.number());
            }
            if (contains(line.content(), (byte) '\r')) {
                crAlone.add(line.number());
            }
            if (line.number() > 1 && line.isEmpty()) {
                emptyLine = line;
            }
        }
        if (!lfAlone.isEmpty()) {
            String which = lfAlone.size() == 1
                    ? "Line " + lfAlone.get(0) + " ends"
                    : "Lines " + numbers(lfAlone) + " end";
            String note = emptyLine != null && lfAlone.size() > 1 && lfAlone.contains(emptyLine.number())
                    ? " (line " + emptyLine.number() + " is the empty line that ends the head)"
                    : "";
            problems.add(which + " with \\n alone" + note + "; every line of the head must end with"
                    + " \\r\\n (carriage return, line feed).");
        }
        if (!crAlone.isEmpty()) {
            String which = crAlone.size() == 1
                    ? "Line " + crAlone.get(0) + " contains"
                    : "Lines " + numbers(crAlone) + " contain";
            problems.add(which + " a \\r (carriage return) that is not followed by \\n; a carriage"
                    + " return belongs only in the \\r\\n at the end of a line.");
        }
    }

    // ---- header lines ----------------------------------------------------------------------

    private static void checkHeaderLines(Response response, List<String> problems) {
        List<String> lineProblems = new ArrayList<>();
        for (HeadLine line : linesToCheck(response, true)) {
            if (line.number() > 1 && !line.isEmpty()) {
                checkHeaderLine(line, lineProblems);
            }
        }
        if (lineProblems.size() <= MAX_LINE_PROBLEMS) {
            problems.addAll(lineProblems);
        } else {
            problems.addAll(lineProblems.subList(0, MAX_LINE_PROBLEMS));
            problems.add("... and " + (lineProblems.size() - MAX_LINE_PROBLEMS)
                    + " more problems like these in the lines of the head.");
        }
    }

    /**
     * The lines of the head. When the head never ends, only the lines before the first one that
     * is not a header (plus that one, if asked): what follows is most likely the body, and one
     * complaint about it is enough.
     */
    private static List<HeadLine> linesToCheck(Response response, boolean withFirstNonHeader) {
        List<HeadLine> lines = response.lines();
        if (response.hasHead()) {
            return lines;
        }
        for (HeadLine line : lines) {
            String text = line.text();
            boolean header = text.indexOf(':') > 0 && !text.startsWith(" ") && !text.startsWith("\t");
            if (line.number() > 1 && !header) {
                return lines.subList(0, withFirstNonHeader ? line.number() : line.number() - 1);
            }
        }
        return lines;
    }

    private static void checkHeaderLine(HeadLine line, List<String> problems) {
        String text = line.text();
        String start = "Line " + line.number() + ", " + quote(line.content()) + ",";
        if (text.startsWith(" ") || text.startsWith("\t")) {
            problems.add(start + " starts with a space; a header line must start with the header's"
                    + " name: Name: value.");
            return;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            String looksLike = text.startsWith("<")
                    ? " It looks like part of the body: is the empty line before the body missing?"
                    : "";
            problems.add(start + " is not a header: it has no colon. Every line between the status"
                    + " line and the empty line must be Name: value." + looksLike);
            return;
        }
        String name = text.substring(0, colon);
        String value = text.substring(colon + 1);
        String trimmedName = Response.trimSpacesAndTabs(name);
        if (trimmedName.isEmpty()) {
            problems.add(start + " has no header name before the colon.");
        } else if (!trimmedName.equals(name) && isToken(trimmedName)) {
            problems.add(start + " has a space before the colon; the colon must follow the name"
                    + " directly: " + quote(trimmedName + ": " + Response.trimSpacesAndTabs(value)) + ".");
        } else if (!isToken(name)) {
            String guess = commonHeaderLike(name);
            String didYouMean = guess == null ? "" : " (did you mean " + quote(guess) + "?)";
            String rule = containsSpace(name)
                    ? "which contains a space; a header name never contains spaces"
                    : "which contains characters a header name cannot have; use only letters,"
                            + " digits and -";
            byte[] nameBytes = Arrays.copyOf(line.content(), indexOf(line.content(), (byte) ':'));
            problems.add("Line " + line.number() + " has the header name " + quote(nameBytes) + ", "
                    + rule + didYouMean + ".");
        }
        String swallowed = swallowedHeader(value);
        if (swallowed != null) {
            problems.add(start + " seems to hold two headers run together: " + quote(swallowed + ":")
                    + " appears inside the value. The header before " + quote(swallowed)
                    + " is missing its \\r\\n line ending.");
        }
    }

    // ---- the headers every response needs --------------------------------------------------

    private static void checkContentType(Response response, List<String> problems) {
        List<String> values = response.headerValues("Content-Type");
        if (values.isEmpty()) {
            problems.add("Content-Type is missing; every response must say what its body is, e.g."
                    + " Content-Type: text/html; charset=utf-8." + misplacedNote(response, "Content-Type"));
            return;
        }
        if (values.size() > 1) {
            problems.add("Content-Type appears " + values.size() + " times; send it exactly once.");
            return;
        }
        String value = values.get(0);
        String[] parts = value.split(";", -1);
        String mediaType = Response.trimSpacesAndTabs(parts[0]).toLowerCase(Locale.ROOT);
        if (mediaType.isEmpty()) {
            problems.add("Content-Type is empty; it must say what the body is, e.g. Content-Type:"
                    + " text/html; charset=utf-8.");
            return;
        }
        if (!isText(mediaType)) {
            return;
        }
        String charset = parameter(parts, "charset");
        if (charset == null) {
            problems.add("Content-Type " + quote(value) + " has no charset; text must say how its"
                    + " characters are encoded: " + quote(mediaType + "; charset=utf-8") + "."
                    + " Without it a browser may guess another encoding and garble characters"
                    + " such as ü.");
        } else if (!charset.equalsIgnoreCase("utf-8")) {
            problems.add("Content-Type " + quote(value) + " says charset=" + charset + ", but the"
                    + " servers of the workbook send text as UTF-8 and must say charset=utf-8.");
        }
    }

    private static void checkContentLength(Response response, boolean isHead, List<String> problems) {
        List<String> values = response.headerValues("Content-Length");
        byte[] body = response.body();
        if (values.isEmpty()) {
            String size = response.hasHead() && !isHead ? " (here: " + body.length + ")" : "";
            problems.add("Content-Length is missing; every response must say how many bytes its body"
                    + " has" + size + ", e.g. Content-Length: 21."
                    + misspelledNote(response, "Content-Length")
                    + misplacedNote(response, "Content-Length"));
            return;
        }
        if (values.size() > 1) {
            List<String> quoted = new ArrayList<>();
            for (String value : values) {
                quoted.add(quote(value));
            }
            problems.add("Content-Length appears " + values.size() + " times (" + String.join(", ", quoted)
                    + "); send it exactly once.");
            return;
        }
        String value = values.get(0);
        if (value.isEmpty() || !isDigits(value)) {
            problems.add("Content-Length " + quote(value) + " is not a plain number; it must be only"
                    + " the digits of the body's size in bytes, e.g. Content-Length: 21.");
            return;
        }
        if (isHead || !response.hasHead()) {
            return; // HEAD: no body to compare; no head end: no body at all
        }
        BigInteger declared = new BigInteger(value); // a plain number, but maybe too big for long
        if (declared.equals(BigInteger.valueOf(body.length))) {
            return;
        }
        StringBuilder problem = new StringBuilder("Content-Length says " + declared + ", but the body"
                + " has " + body.length + " bytes.");
        if (declared.compareTo(BigInteger.valueOf(body.length)) < 0) {
            problem.append(" A client stops reading after ").append(declared)
                    .append(" bytes, so the rest of the body is lost.");
        } else {
            problem.append(" A client waits for more bytes that never come.");
        }
        if (hasNonAscii(body)) {
            problem.append(" Content-Length counts bytes, not characters: in UTF-8 a character like ü"
                    + " takes 2 bytes.");
            long characters = new String(body, StandardCharsets.UTF_8).codePoints().count();
            if (declared.equals(BigInteger.valueOf(characters))) {
                problem.append(" (The body has ").append(characters).append(" characters: it looks"
                        + " like the characters were counted instead of the bytes.)");
            }
        }
        problems.add(problem.toString());
    }

    private static void checkConnection(Response response, List<String> problems) {
        List<String> values = response.headerValues("Connection");
        if (values.isEmpty()) {
            problems.add("Connection: close is missing; the server closes the connection after every"
                    + " response, and the header Connection: close tells the client so."
                    + misplacedNote(response, "Connection"));
            return;
        }
        for (String value : values) {
            for (String option : value.split(",", -1)) {
                if (Response.trimSpacesAndTabs(option).equalsIgnoreCase("close")) {
                    return;
                }
            }
        }
        problems.add("The Connection header says " + quote(values.get(0)) + ", but the server closes"
                + " the connection after every response, so it must say Connection: close.");
    }

    /** When a header is missing but a line holds something spelled like it, say so. */
    private static String misspelledNote(Response response, String name) {
        for (Response.Header header : response.headers()) {
            if (!header.name().equalsIgnoreCase(name) && lettersAndDigits(header.name()).equals(lettersAndDigits(name))) {
                return " There is a header " + quote(header.name()) + ", but that is not the same"
                        + " name: header names must be spelled exactly, " + quote(name) + ".";
            }
        }
        return "";
    }

    /** When a header is missing but "Name:" appears inside another line, say where. */
    private static String misplacedNote(Response response, String name) {
        for (HeadLine line : response.lines()) {
            int at = line.text().toLowerCase(Locale.ROOT).indexOf(name.toLowerCase(Locale.ROOT) + ":");
            if (at > 0) {
                return " (" + quote(name + ":") + " does appear in line " + line.number() + ", but in"
                        + " the middle of that line, so it does not count as a header.)";
            }
        }
        return "";
    }

    // ---- small helpers ---------------------------------------------------------------------

    /** The text in double quotes, invisible characters made visible, cut short if long. */
    private static String quote(byte[] bytes) {
        String shown = Visible.of(bytes, MAX_QUOTED_BYTES);
        int lineBreak = shown.indexOf('\n'); // only the "... more bytes" note adds one
        if (lineBreak >= 0) {
            shown = shown.substring(0, lineBreak) + "...";
        }
        return "\"" + shown + "\"";
    }

    private static String quote(String text) {
        return quote(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The common header whose "Name:" appears inside the text, or null. */
    private static String swallowedHeader(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : COMMON_HEADERS) {
            if (lower.contains(name.toLowerCase(Locale.ROOT) + ":")) {
                return name;
            }
        }
        return null;
    }

    /** The common header spelled like name apart from case, spaces and punctuation, or null. */
    private static String commonHeaderLike(String name) {
        for (String common : COMMON_HEADERS) {
            if (lettersAndDigits(common).equals(lettersAndDigits(name))) {
                return common;
            }
        }
        return null;
    }

    private static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** Text types are the ones that need a charset: text/*, and JavaScript, JSON, SVG, XHTML. */
    private static boolean isText(String mediaType) {
        if (mediaType.startsWith("text/")) {
            return true;
        }
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1);
        return List.of("html", "xhtml+xml", "css", "javascript", "json", "svg+xml").contains(subtype);
    }

    /** The value of a parameter such as charset in "text/html; charset=utf-8", or null. */
    private static String parameter(String[] parts, String name) {
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            if (equals > 0 && Response.trimSpacesAndTabs(part.substring(0, equals)).equalsIgnoreCase(name)) {
                String value = Response.trimSpacesAndTabs(part.substring(equals + 1));
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /** A header name is a "token": letters, digits and a few symbols, no spaces. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (char c : name.toCharArray()) {
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsSpace(String text) {
        return text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0;
    }

    private static boolean isDigits(String text) {
        for (char c : text.toCharArray()) {
            if (c < '0' || c > '9') {
                return false; // ASCII digits only: Character.isDigit also accepts other scripts
            }
        }
        return true;
    }

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] bytes, byte wanted) {
        return indexOf(bytes, wanted) >= 0;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** "1", "1 and 2", "1, 2 and 3", or "1, 2, 3, 4, 5 and 7 more" when the list is long. */
    private static String numbers(List<Integer> numbers) {
        int shown = Math.min(numbers.size(), MAX_LINE_PROBLEMS);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            parts.add(String.valueOf(numbers.get(i)));
        }
        if (numbers.size() > shown) {
            return String.join(", ", parts) + " and " + (numbers.size() - shown) + " more";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
