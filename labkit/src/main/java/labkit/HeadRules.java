package labkit;

import static labkit.ResponseRules.COMMON_HEADERS;
import static labkit.ResponseRules.isDigits;
import static labkit.ResponseRules.lettersAndDigits;
import static labkit.ResponseRules.quote;
import static labkit.ResponseRules.swallowedHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules about the shape of a response's head, for {@link ResponseRules}: the status line,
 * the line endings, the empty line that ends the head, and {@code Name: value} header lines.
 */
final class HeadRules {

    /** At most this many problems about single lines (or line numbers) are listed. */
    private static final int MAX_LINE_PROBLEMS = 5;

    private HeadRules() {
    }

    static void check(Response response, List<String> problems) {
        checkStatusLine(response.lines().get(0), problems);
        checkLineEndings(response, problems);
        if (!response.hasHead()) {
            problems.add("The head never ends: there is no empty line after the headers. After the"
                    + " last header line send one more \\r\\n, so the client knows where the"
                    + " headers stop and the body begins.");
        }
        checkHeaderLines(response, problems);
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

    // ---- line endings ----------------------------------------------------------------------

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

    // ---- small helpers ---------------------------------------------------------------------

    /** The common header spelled like name apart from case, spaces and punctuation, or null. */
    private static String commonHeaderLike(String name) {
        for (String common : COMMON_HEADERS) {
            if (lettersAndDigits(common).equals(lettersAndDigits(name))) {
                return common;
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
