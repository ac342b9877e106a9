package labkit;

import static labkit.ResponseRules.isDigits;
import static labkit.ResponseRules.lettersAndDigits;
import static labkit.ResponseRules.quote;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules about the headers every response needs, for {@link ResponseRules}: Content-Type
 * (with {@code charset=utf-8} for text), Content-Length (the body's size in bytes) and
 * {@code Connection: close}.
 */
final class HeaderRules {

    private HeaderRules() {
    }

    static void check(Response response, boolean isHead, List<String> problems) {
        checkContentType(response, problems);
        checkContentLength(response, isHead, problems);
        checkConnection(response, problems);
    }

    private static void checkContentType(Response response, List<String> problems) {
        List<String> values = response.headerValues("Content-Type");
        if (values.isEmpty()) {
            problems.add("Content-Type is missing; a response with a body should say what it is (RFC 9110, 8.3), and"
                    + " the workbook's servers always do, e.g. Content-Type: text/html; charset=utf-8."
                    + misplacedNote(response, "Content-Type"));
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
        if (!needsCharset(mediaType)) {
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
            problems.add("Content-Length is missing; the workbook's servers say how many bytes every body"
                    + " has" + size + ", e.g. Content-Length: 21 (without it, the body ends only where the"
                    + " connection does, and a client cannot tell a whole body from one cut short)."
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

    // ---- small helpers ---------------------------------------------------------------------

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

    /**
     * The types whose charset a browser needs to be told: text/*, and JavaScript and XHTML sent as
     * application/. Not JSON, which is UTF-8 by definition and has no charset parameter (RFC 8259,
     * 11), nor SVG, an image a browser reads as XML, which says its own encoding (the workbook
     * sends image/svg+xml without one, and 04.static-types expects exactly that).
     */
    private static boolean needsCharset(String mediaType) {
        if (mediaType.startsWith("text/")) {
            return true;
        }
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1);
        return List.of("xhtml+xml", "javascript").contains(subtype);
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

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
