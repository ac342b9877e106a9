package checkpoints;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a student sends a checkpoint's request by hand, for its failure report: a curl command when
 * curl sends exactly those bytes (and shows what matters: not for HEAD), else a labkit line for
 * jshell (get, head, post, or send with the raw bytes). Whatever it prints, pasted as it is, must
 * make a correct server answer, never wait.
 */
final class TryIt {

    private TryIt() {
    }

    /** How much of a request's head the labkit line shows, in characters, before it leaves header lines out. */
    static final int SHOWN_CHARACTERS = 300;
    /** The longest body a command shows in full, in bytes; a longer one is shown by its start and end. */
    static final int SHOWN_BODY_BYTES = 1000;
    /** How much of a long body's start and end the labkit line keeps, in characters (at most). */
    private static final int KEPT_BODY_ENDS = 40;
    /**
     * The longest target a curl line shows, in characters. A longer one (03.long-request-line's
     * 4,000 x's) goes to labkit, where a run of one character is written as a repeat.
     */
    static final int LONGEST_SHOWN_TARGET = 200;
    /**
     * Extensions of files whose bytes are not text: curl -v writes them to a file, downloaded.EXT,
     * not the terminal (not /dev/null, which Windows' curl cannot open; .gitignore leaves the file out).
     */
    private static final Set<String> BINARY_EXTENSIONS = Set.of(
        "png", "jpg", "jpeg", "gif", "ico", "bin", "webp", "bmp", "pdf", "zip", "gz", "woff", "woff2");
    static final String LABKIT = "in jshell with labkit (see labkit/README.md): ";

    /** Java for jshell that opens a connection to the server on port 5000 and keeps it in {@code name}. */
    static String connection(String name) {
        return "var " + name + " = new java.net.Socket(\"127.0.0.1\", 5000);";
    }

    /** A command that sends the same request to a server on port 5000, for a student to try. */
    static String of(Request r) {
        if (r.method().equals("HEAD") && !r.isRaw()) {
            // labkit's head says when a HEAD answer has a body; curl -I hides it (a note in -v at most)
            return withLabkit(r);
        }
        boolean plain = !r.isRaw() && r.pieceCount() == 1 && r.headers().stream().allMatch(h -> h.startsWith("Content-"));
        if (plain && curlCanSend(r.target()) && r.target().length() <= LONGEST_SHOWN_TARGET) {
            // The URL in single quotes: unquoted, bash runs curl in the background at a '&' (and the
            // query is lost), and zsh takes '?' for a pattern of file names and stops.
            String url = (hasDotSegment(r.target()) ? "--path-as-is " : "") // curl would remove /../ and /./
                + (hasGlobCharacters(r.target()) ? "--globoff " : "") // curl would read [ ] { } as a range or a list
                + "'http://localhost:5000" + r.target() + "'";
            if (r.method().equals("GET")) {
                return CURL + " -v " + (binary(r.target()) ? "-o downloaded." + extension(r.target()) + " " : "") + url;
            }
            String text = Failure.utf8OrNull(r.body());
            String type = contentType(r);
            if (r.method().equals("POST") && text != null && r.body().length <= SHOWN_BODY_BYTES && shellQuotable(text)
                    && !text.startsWith("@") // --data-binary @NAME sends the file NAME
                    && (type == null || shellQuotable(type))) {
                return CURL + " -v -H '" + (type == null ? "Content-Type:" : "Content-Type: " + type) + "'"
                    + " --data-binary '" + text + "' " + url;
            }
        }
        return withLabkit(r);
    }

    /**
     * The labkit line for a client that must see whether the server closes the connection: curl
     * stops reading at the end that Content-Length gives, and looks fine; labkit says when the
     * connection stayed open past its time limit.
     */
    static String withLabkit(Request r) {
        if (r.pieceCount() > 1) {
            String inPieces = labkitSendInPieces(r);
            if (inPieces != null) {
                return inPieces;
            }
        }
        String labkit = labkitCall(r);
        return labkit != null ? labkit : labkitSend(r);
    }

    /** The pause of a labkit line that sends a request in pieces: long enough on any machine. */
    static final int PIECE_PAUSE_MILLIS = 200;
    /** How long, in characters, the rest of a head after its request line is before a labkit line sends it in more pieces. */
    private static final int LONG_REST = 2000;

    /**
     * A request the checkpoint sent in pieces, as labkit's sendInPieces: the request line, then
     * the rest (a long rest in more pieces); or, when it has a body, the head, then the body in two
     * halves. In one piece, a server that reads once, or reads one line, or reads a body with one
     * read(), would get away with it (the lessons say why); in pieces, labkit shows what was never
     * read. Null for a request whose shown text cannot be cut so, or whose body is written as a repeat.
     */
    private static String labkitSendInPieces(Request r) {
        Shown shown = shown(r);
        String text = shown.text();
        if (!shown.bodyPart().isEmpty()) {
            return bodyInHalves(r);
        }
        List<String> pieces = new ArrayList<>();
        String how;
        int headEnd = headEnd(text);
        if (headEnd > 0 && headEnd < text.length()) {
            int half = wholeCharacterAt(text, headEnd + (text.length() - headEnd) / 2);
            pieces.addAll(List.of(text.substring(0, headEnd), text.substring(headEnd, half), text.substring(half)));
            how = "the head, then the body in two halves";
        } else {
            int lineEnd = text.indexOf('\n') + 1;
            if (lineEnd <= 0 || lineEnd >= text.length()) {
                return null;
            }
            // A long rest in two, between two lines: a server that stops reading at a limit (at 1,024
            // bytes, at a long line) answers after the first, and labkit shows that the second was never sent.
            int half = text.indexOf('\n', lineEnd + (text.length() - lineEnd) / 2) + 1;
            if (text.length() - lineEnd > LONG_REST && half > 0 && half < text.length()) {
                pieces.add(text.substring(0, lineEnd));
                pieces.addAll(cut(text.substring(lineEnd, half)));
                pieces.addAll(cut(text.substring(half)));
                int rest = pieces.size() - 1;
                how = "the request line, then the rest in " + (rest == 2 ? "two" : String.valueOf(rest)) + " pieces, cut between two lines"
                    + (rest > 2 ? String.format(Locale.ROOT, " and every %,d characters", LONGEST_PIECE) : "");
            } else {
                pieces.addAll(List.of(text.substring(0, lineEnd), text.substring(lineEnd)));
                how = "the request line, then the rest";
            }
        }
        pieces.removeIf(String::isEmpty);
        return labkit(r, "sendInPieces(5000, " + PIECE_PAUSE_MILLIS + ", "
            + String.join(", ", pieces.stream().map(TryIt::expression).toList()) + ")") + shown.note() + piecesNote(r, how);
    }

    /**
     * A request with a body too long to print (07.large-message's 65,536 bytes) as sendInPieces:
     * the head, then the body in two halves, the body written as labkit's post line writes it (its
     * start, x's in place of the bytes between, its end: as many bytes) so each half fits as a
     * repeat. Sent whole, one read() on this machine gets all of it, and a server that reads its
     * body with one read() looks fine. Null when the head is long, or a half does not fit on a screen.
     */
    private static String bodyInHalves(Request r) {
        String text = new String(r.bytes(5000), StandardCharsets.UTF_8);
        int headEnd = headEnd(text);
        if (headEnd <= 0 || headEnd > SHOWN_CHARACTERS || headEnd >= text.length()) {
            return null;
        }
        String body = text.substring(headEnd);
        String note = "";
        if (body.getBytes(StandardCharsets.UTF_8).length > SHOWN_BODY_BYTES) {
            LongBody shortened = longBody(body);
            body = shortened.text();
            note = shortened.note();
        }
        int half = wholeCharacterAt(body, body.length() / 2);
        List<String> pieces = List.of(text.substring(0, headEnd), body.substring(0, half), body.substring(half))
            .stream().map(TryIt::expression).toList();
        if (pieces.stream().anyMatch(piece -> piece.length() > SHOWN_CHARACTERS)) {
            return null;
        }
        return labkit(r, "sendInPieces(5000, " + PIECE_PAUSE_MILLIS + ", " + String.join(", ", pieces) + ")") + note
            + piecesNote(r, "the head, then the body in two halves");
    }

    /** A cut at {@code at}, or one before it when {@code at} falls between the two halves of one character. */
    private static int wholeCharacterAt(String text, int at) {
        return Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }

    /** The note under a sendInPieces line: how the checkpoint sent the request, and how the line sends it. */
    private static String piecesNote(Request r, String how) {
        return "\n    (the checkpoint sent it in " + r.pieceCount() + " pieces, " + r.pause().toMillis() + " ms apart; this line"
            + " sends " + how + ")";
    }

    /** The longest piece of a long rest, in characters: a server with no limit on its head then has to read several. */
    static final int LONGEST_PIECE = 10_000;

    /**
     * The text in pieces of at most {@value #LONGEST_PIECE} characters (one long header line, as
     * 04.head-too-large's 40,000 bytes): sent in one piece, a server that stops at 8 KiB would still
     * get it whole before it answers, and by hand look like one that reads on without a limit.
     */
    private static List<String> cut(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (text.length() - start > LONGEST_PIECE) {
            int end = wholeCharacterAt(text, start + LONGEST_PIECE);
            pieces.add(text.substring(start, end));
            start = end;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /** Where the head of a request's text ends (after its empty line), or -1 if it has none. */
    private static int headEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (lf >= 0 && (crlf < 0 || lf < crlf)) {
            return lf + 2;
        }
        return crlf >= 0 ? crlf + 4 : -1;
    }

    /**
     * labkit's get, head or post for a request they send the same way (apart from the Connection:
     * close they add), or null: post computes Content-Length from the body's UTF-8 bytes, so the
     * body must be UTF-8 (the checkpoints' are).
     */
    private static String labkitCall(Request r) {
        if (r.isRaw()) {
            return null;
        }
        if ((r.method().equals("GET") || r.method().equals("HEAD")) && r.headers().isEmpty()) {
            return labkit(r, r.method().toLowerCase(Locale.ROOT) + "(5000, " + targetExpression(r.target()) + ")") + pieceNote(r);
        }
        String type = contentType(r);
        String text = Failure.utf8OrNull(r.body());
        boolean onlyTypeAndLength = r.headers().stream().allMatch(h -> h.startsWith("Content-Type: ") || h.startsWith("Content-Length: "));
        if (!r.method().equals("POST") || !onlyTypeAndLength || type == null || text == null
                || !r.headers().contains("Content-Length: " + r.body().length)) {
            return null;
        }
        String[] shown = bodyExpression(text);
        return labkit(r, "post(5000, \"" + javaEscape(r.target()) + "\", \"" + javaEscape(type) + "\", " + shown[0] + ")")
            + shown[1] + pieceNote(r);
    }

    /** A request longer than this, in bytes, makes a report longer than jshell shows: the labkit line then prints it. */
    static final int LONGEST_REQUEST_JSHELL_SHOWS = 500;

    /**
     * A labkit call as a line for jshell. jshell shows a value of more than 1,000 characters with
     * its middle cut out, and the report of a long request would lose what follows the bytes sent
     * (how many were never sent, the start of the answer): for one, the line prints the whole
     * report with show(...).
     */
    private static String labkit(Request r, String call) {
        return LABKIT + (r.bytes(5000).length > LONGEST_REQUEST_JSHELL_SHOWS ? "show(" + call + ")" : call);
    }

    /** A line that says the checkpoint sent the request in pieces, or "" if it sent it whole. */
    private static String pieceNote(Request r) {
        return r.pieceCount() > 1
            ? "\n    (the checkpoint sent it in " + r.pieceCount() + " pieces, " + r.pause().toMillis() + " ms apart)" : "";
    }

    /**
     * The target as a Java expression: a string literal, or for a target longer than
     * {@value #LONGEST_SHOWN_TARGET} characters, one with its runs of one character written as
     * repeats ("/long-abc" + "x".repeat(4000)), so that the line sends the same bytes and still
     * fits on a screen.
     */
    static String targetExpression(String target) {
        return expression(target, LONGEST_SHOWN_TARGET);
    }

    /** The shortest run of one character, or of one line, that {@link #compact} writes as a repeat. */
    private static final int SHORTEST_RUN = 20, FEWEST_SAME_LINES = 3;

    /** A text as a Java expression: a string literal, or when it is longer than a screen's worth, {@link #compact}. */
    static String expression(String text) {
        return expression(text, SHOWN_CHARACTERS);
    }

    /** A string literal of the text, or {@link #compact} when it is longer than {@code longestLiteral} characters. */
    private static String expression(String text, int longestLiteral) {
        return text.length() <= longestLiteral ? "\"" + javaEscape(text) + "\"" : compact(text);
    }

    /**
     * A text as a Java expression that makes exactly its characters, with what a checkpoint repeats
     * to make a request large written as repeats: a run of one character ("c".repeat(2000)), and
     * the same line several times over (("X-Filler: " + "x".repeat(60) + "\r\n").repeat(79)).
     */
    static String compact(String text) {
        Expression whole = new Expression();
        List<String> lines = List.of(text.split("(?<=\n)"));
        for (int i = 0; i < lines.size(); ) {
            int same = i + 1;
            while (same < lines.size() && lines.get(same).equals(lines.get(i))) {
                same++;
            }
            if (same - i >= FEWEST_SAME_LINES) {
                Expression line = new Expression().text(lines.get(i));
                whole.code(line.single() ? line + ".repeat(" + (same - i) + ")" : "(" + line + ").repeat(" + (same - i) + ")");
                i = same;
            } else {
                whole.text(lines.get(i++));
            }
        }
        return whole.toString();
    }

    /** String literals and repeats joined with +, as {@link #compact} writes them. */
    private static final class Expression {
        private final List<String> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();

        /** Adds text: runs of {@value #SHORTEST_RUN} or more of one character as repeats, the rest as it is. */
        Expression text(String text) {
            for (int i = 0; i < text.length(); ) {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) == text.charAt(i)) {
                    end++;
                }
                if (end - i >= SHORTEST_RUN && !Character.isSurrogate(text.charAt(i))) {
                    code("\"" + javaEscape(String.valueOf(text.charAt(i))) + "\".repeat(" + (end - i) + ")");
                } else {
                    literal.append(text, i, end);
                }
                i = end;
            }
            return this;
        }

        /** Adds a Java expression of its own. */
        void code(String expression) {
            endLiteral();
            parts.add(expression);
        }

        /** Whether it is one part, which needs no parentheses before .repeat. */
        boolean single() {
            endLiteral();
            return parts.size() == 1;
        }

        private void endLiteral() {
            if (literal.length() > 0) {
                parts.add("\"" + javaEscape(literal.toString()) + "\"");
                literal.setLength(0);
            }
        }

        @Override
        public String toString() {
            endLiteral();
            return parts.isEmpty() ? "\"\"" : String.join(" + ", parts);
        }
    }

    /** "before" + "c".repeat(count) + "after" as a Java expression, an empty end left out. */
    private static String repeatExpression(String before, char c, int count, String after) {
        return (before.isEmpty() ? "" : "\"" + javaEscape(before) + "\" + ")
            + "\"" + javaEscape(String.valueOf(c)) + "\".repeat(" + count + ")"
            + (after.isEmpty() ? "" : " + \"" + javaEscape(after) + "\"");
    }

    /**
     * The body as a Java expression, and a note (empty, or a line that starts with a line break): in
     * full up to {@value #SHOWN_BODY_BYTES} bytes; a longer one as its start and end with x's in
     * place of the bytes between, so that the line sends as many bytes as the checkpoint did (and a
     * server that reads Content-Length bytes does not wait for more).
     */
    private static String[] bodyExpression(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= SHOWN_BODY_BYTES) {
            return new String[] {"\"" + javaEscape(text) + "\"", ""};
        }
        LongBody body = longBody(text);
        return new String[] {repeatExpression(body.start(), 'x', body.xs(), body.end()), body.note()};
    }

    /** A long body as a labkit line sends it: its start, x's in place of the bytes between, its end; and a note that says so. */
    private record LongBody(String start, int xs, String end, String note) {
        String text() {
            return start + "x".repeat(xs) + end;
        }
    }

    private static LongBody longBody(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        int headEnd = cutPoint(text, Math.min(KEPT_BODY_ENDS, text.length()), true);
        int tailStart = cutPoint(text, Math.max(headEnd, text.length() - KEPT_BODY_ENDS), false);
        while (headEnd > 0 && text.charAt(headEnd - 1) == 'x') { // x's the repeat can make: fewer to read
            headEnd--;
        }
        while (tailStart < text.length() && text.charAt(tailStart) == 'x') {
            tailStart++;
        }
        String head = text.substring(0, headEnd), tail = text.substring(tailStart);
        int between = bytes - head.getBytes(StandardCharsets.UTF_8).length - tail.getBytes(StandardCharsets.UTF_8).length;
        return new LongBody(head, between, tail, "\n    (the checkpoint's body of " + bytes + " bytes is too long to print: this one has as many"
            + " bytes, the same start and end, and x's in place of the " + between + " bytes between them)");
    }

    /**
     * A place near {@code at} to cut a long body: at a '+' (a form's space, between two words) if
     * there is one on the kept side with no '&' or '=' between it and {@code at} (the cut must not
     * take a field's name away from its value), never inside a %XX escape nor between the two chars
     * of a surrogate pair. {@code head}: the cut ends the start that is kept (the search goes left);
     * otherwise it begins the end that is kept (the search goes right).
     */
    private static int cutPoint(String text, int at, boolean head) {
        int cut = at;
        if (head) {
            int plus = text.lastIndexOf('+', at - 1);
            if (plus > 0 && noFieldSyntax(text, plus + 1, at)) {
                cut = plus + 1;
            }
            while (cut > 0 && insideEscapeOrPair(text, cut)) {
                cut--;
            }
        } else {
            int plus = text.indexOf('+', at);
            if (plus >= 0 && noFieldSyntax(text, at, plus)) {
                cut = plus;
            }
            while (cut < text.length() && insideEscapeOrPair(text, cut)) {
                cut++;
            }
        }
        return cut;
    }

    private static boolean noFieldSyntax(String text, int from, int to) {
        String part = text.substring(from, to);
        return part.indexOf('&') < 0 && part.indexOf('=') < 0;
    }

    private static boolean insideEscapeOrPair(String text, int cut) {
        return (cut >= 1 && text.charAt(cut - 1) == '%') || (cut >= 2 && text.charAt(cut - 2) == '%')
            || (cut < text.length() && Character.isLowSurrogate(text.charAt(cut)));
    }

    /**
     * labkit's send(5000, "...") with the bytes of this request. A long head is sent whole when it
     * is short written with repeats (see {@link #compact}); else it is cut after whole header
     * lines, never inside one, and still ends with its empty line: a request cut in the
     * middle of its head makes a correct server wait for the rest, and answer nothing. A long body
     * is sent as its start and end with x's between (see {@link #bodyExpression}), so that a server
     * that reads the Content-Length bytes the head announces gets as many as the checkpoint sent.
     */
    private static String labkitSend(Request r) {
        Shown shown = shown(r);
        return labkit(r, "send(5000, " + expression(shown.text()) + shown.bodyPart() + ")") + shown.note() + pieceNote(r);
    }

    /**
     * A request as a labkit line shows it: its text (a long head without some header lines), a
     * long body as a Java expression to append (or ""), and notes on what was left out (or "").
     */
    private record Shown(String text, String bodyPart, String note) {
    }

    private static Shown shown(Request r) {
        byte[] bytes = r.bytes(5000);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String note = "";
        String bodyPart = "";
        if (text.length() > SHOWN_CHARACTERS) {
            int headEnd = headEnd(text);
            boolean ended = headEnd >= 0;
            boolean bareLf = ended && text.charAt(headEnd - 2) == '\n'; // "\n\n" ends it, not "\r\n\r\n"
            int end = ended ? headEnd : text.length();
            String emptyLine = bareLf ? "\n" : "\r\n";
            List<String> lines = List.of(text.substring(0, end).split("(?<=\n)"));
            int headLines = ended ? lines.size() - 1 : lines.size(); // not counting the empty line
            StringBuilder cut = new StringBuilder(lines.get(0)); // the request line, always
            int kept = 1;
            if (ended && compact(text.substring(0, end)).length() <= SHOWN_CHARACTERS) {
                cut.setLength(0);
                cut.append(text, 0, end); // long, but short as an expression: filler lines, a long cookie
                kept = headLines;
            } else {
                while (kept < headLines && cut.length() + lines.get(kept).length() + emptyLine.length() <= SHOWN_CHARACTERS) {
                    cut.append(lines.get(kept++));
                }
                if (cut.charAt(cut.length() - 1) != '\n') {
                    cut.append(emptyLine);
                }
                cut.append(emptyLine); // the end of the head: without it a server waits for more
            }
            List<String> notes = new ArrayList<>();
            if (headLines > kept) {
                int leftOut = headLines - kept;
                notes.add(leftOut + " header line" + (leftOut == 1 ? "" : "s") + " of the checkpoint's request left out");
            }
            String rest = text.substring(end);
            boolean exact = Failure.utf8OrNull(bytes) != null; // else the text is not the bytes, and x's would not count right
            int restBytes = rest.getBytes(StandardCharsets.UTF_8).length;
            if (restBytes <= SHOWN_BODY_BYTES) {
                cut.append(rest);
            } else if (headLines == kept && exact) {
                String[] shown = bodyExpression(rest);
                bodyPart = " + " + shown[0];
                note = shown[1];
            } else {
                notes.add("its body of " + restBytes + " bytes left out: a server that"
                    + " reads the Content-Length bytes the head announces waits for them");
            }
            text = cut.toString();
            note = (notes.isEmpty() ? "" : "\n    (" + String.join("; ", notes) + ")") + note;
        }
        return new Shown(text, bodyPart, note);
    }

    /** The Content-Type header's value, or null if the request has none. */
    private static String contentType(Request r) {
        return r.headers().stream().filter(h -> h.startsWith("Content-Type: ")).findFirst()
            .map(h -> h.substring("Content-Type: ".length())).orElse(null);
    }

    /**
     * Whether curl sends this target as it is, in single quotes: no quote (it would end the quoted
     * text), no '#' (curl leaves out the fragment), only printable ASCII (curl refuses a space, and
     * labkit sends other characters as the checkpoint did, in UTF-8).
     */
    static boolean curlCanSend(String target) {
        return target != null && target.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\'' && c != '#');
    }

    /** Whether curl's URL globbing would read part of the target as a range or a list. */
    static boolean hasGlobCharacters(String target) {
        return target.chars().anyMatch(c -> c == '[' || c == ']' || c == '{' || c == '}');
    }

    /** Whether the target names a file whose bytes are not text (by its extension), such as kitten.png. */
    static boolean binary(String target) {
        return BINARY_EXTENSIONS.contains(extension(target));
    }

    /** The extension of the target's last name, in lower case ("png"); "" for a name without one. */
    private static String extension(String target) {
        String path = pathOf(target);
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * Text a shell keeps as it is between single quotes, on one line, and that curl sends as it is
     * everywhere: printable ASCII, no quote. (curl on Windows may send non-ASCII arguments in the
     * system's code page, not UTF-8: labkit's line sends those.)
     */
    private static boolean shellQuotable(String text) {
        return text.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\'');
    }

    /**
     * Whether curl would change the path: it removes the dot segments "." and ".." (as in
     * /static/../index.html) before it sends a request. It leaves %2e%2e alone, and the query too.
     */
    static boolean hasDotSegment(String target) {
        if (target == null) {
            return false;
        }
        for (String segment : pathOf(target).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** The path with its %XX escapes decoded (as UTF-8); an escape that is not one stays as it is. */
    static String percentDecoded(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            int hex = i + 2 < path.length() ? hexValue(path.charAt(i + 1), path.charAt(i + 2)) : -1;
            if (c == '%' && hex >= 0) {
                bytes.write(hex);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(char high, char low) {
        int h = Character.digit(high, 16), l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /**
     * The curl command as the student types it: in Windows PowerShell "curl" is another command
     * (Invoke-WebRequest), and "curl.exe" is the real one, which Windows 10 and 11 have.
     */
    static final String CURL = ServerProcess.ON_WINDOWS ? "curl.exe" : "curl";

    /** The path of a target: what comes before its '?', all of it if it has no query. */
    static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static String javaEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
