package checkpoints;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint sends: a request, perhaps in pieces with pauses, and how to send the same
 * thing by hand (a curl command, or a labkit line for bytes curl cannot send).
 */
public final class Request {

    private final String method;
    private final String target;
    private final List<String> headers;
    private final byte[] body;
    private final byte[] raw;
    private final int pieces;
    private final Duration pause;
    private final boolean earlyAnswer;

    private Request(String method, String target, List<String> headers, byte[] body, byte[] raw,
                    int pieces, Duration pause) {
        this(method, target, headers, body, raw, pieces, pause, false);
    }

    private Request(String method, String target, List<String> headers, byte[] body, byte[] raw,
                    int pieces, Duration pause, boolean earlyAnswer) {
        this.method = method;
        this.target = target;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.raw = raw;
        this.pieces = pieces;
        this.pause = pause;
        this.earlyAnswer = earlyAnswer;
    }

    /** {@code GET target HTTP/1.1} with a Host header, as a minimal client sends it. */
    public static Request get(String target) {
        return new Request("GET", target, List.of(), new byte[0], null, 1, Duration.ZERO);
    }

    public static Request head(String target) {
        return new Request("HEAD", target, List.of(), new byte[0], null, 1, Duration.ZERO);
    }

    public static Request post(String target, String contentType, byte[] body) {
        List<String> headers = new ArrayList<>();
        if (contentType != null) {
            headers.add("Content-Type: " + contentType);
        }
        headers.add("Content-Length: " + body.length);
        return new Request("POST", target, headers, body, null, 1, Duration.ZERO);
    }

    /** Exactly these bytes (written in Java notation, e.g. "GET / HTTP/1.1\r\n\r\n"). */
    public static Request raw(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Request raw(byte[] bytes) {
        return new Request(null, null, List.of(), new byte[0], bytes.clone(), 1, Duration.ZERO);
    }

    /** The same request with one more header line. */
    public Request header(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name + ": " + value);
        return new Request(method, target, more, body, raw, pieces, pause, earlyAnswer);
    }

    /** The same bytes, sent in {@code count} pieces with {@code pause} between them. */
    public Request inPieces(int count, Duration pause) {
        return new Request(method, target, headers, body, raw, count, pause, earlyAnswer);
    }

    /**
     * The same request, for which the server MAY answer before it has read everything: a 413 for a
     * body it refuses, a 431 for a head too large. By default a checkpoint fails a server that stops
     * reading early (the classic mistake of answering before the request is read); with this, that
     * one check is skipped and the answer itself is what counts.
     */
    public Request earlyAnswerAllowed() {
        return new Request(method, target, headers, body, raw, pieces, pause, true);
    }

    public boolean mayAnswerEarly() {
        return earlyAnswer;
    }

    public String method() {
        return raw != null ? firstWord(raw) : method;
    }

    /** The bytes sent to a server on {@code port}. */
    public byte[] bytes(int port) {
        if (raw != null) {
            return raw.clone();
        }
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        head.append("Host: localhost:").append(port).append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The bytes cut into the requested number of pieces. */
    public List<byte[]> pieces(int port) {
        byte[] all = bytes(port);
        List<byte[]> out = new ArrayList<>();
        int size = Math.max(1, (all.length + pieces - 1) / pieces);
        for (int start = 0; start < all.length; start += size) {
            out.add(java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + size)));
        }
        return out;
    }

    public Duration pause() {
        return pause;
    }

    /** How much of a request's head the labkit line shows, in characters, before it leaves header lines out. */
    static final int SHOWN_CHARACTERS = 300;
    /** The longest body a command shows in full, in bytes; a longer one is shown by its start and end. */
    static final int SHOWN_BODY_BYTES = 1000;
    /** How much of a long body's start and end the labkit line keeps, in characters (at most). */
    private static final int KEPT_BODY_ENDS = 40;
    /** Extensions of files whose bytes are not text: curl -v writes them to /dev/null, not the terminal. */
    private static final java.util.Set<String> BINARY_EXTENSIONS = java.util.Set.of(
        "png", "jpg", "jpeg", "gif", "ico", "bin", "webp", "bmp", "pdf", "zip", "gz", "woff", "woff2");
    private static final String LABKIT = "in jshell with labkit (see labkit/README.md): ";

    /** The target, or null for raw bytes. */
    String target() {
        return target;
    }

    /** A command that sends the same request to a server on port 5000, for a student to try. */
    public String tryIt() {
        boolean plain = raw == null && pieces == 1 && headers.stream().allMatch(h -> h.startsWith("Content-"));
        if (plain && curlCanSend(target)) {
            // The URL in single quotes: unquoted, bash runs curl in the background at a '&' (and the
            // query is lost), and zsh takes '?' for a pattern of file names and stops.
            String url = (hasDotSegment(target) ? "--path-as-is " : "") // curl would remove /../ and /./
                + (hasGlobCharacters(target) ? "--globoff " : "") // curl would read [ ] { } as a range or a list
                + "'http://localhost:5000" + target + "'";
            if (method.equals("GET")) {
                return "curl -v " + (binary(target) ? "-o /dev/null " : "") + url;
            }
            if (method.equals("HEAD")) {
                return "curl -v -I " + url;
            }
            String text = utf8(body);
            String type = contentType();
            if (method.equals("POST") && text != null && body.length <= SHOWN_BODY_BYTES && shellQuotable(text)
                    && !text.startsWith("@") // --data-binary @NAME sends the file NAME
                    && (type == null || shellQuotable(type))) {
                return "curl -v -H '" + (type == null ? "Content-Type:" : "Content-Type: " + type) + "'"
                    + " --data-binary '" + text + "' " + url;
            }
        }
        String labkit = labkitCall();
        return labkit != null ? labkit : labkitSend();
    }

    /**
     * The labkit line for a client that must see whether the server closes the connection: curl
     * stops reading at the end that Content-Length gives, and looks fine; labkit says when the
     * connection stayed open past its time limit.
     */
    public String tryItWithLabkit() {
        String labkit = labkitCall();
        return labkit != null ? labkit : labkitSend();
    }

    /**
     * labkit's get, head or post for a request they send the same way (apart from the Connection:
     * close they add), or null: post computes Content-Length from the body's UTF-8 bytes, so the
     * body must be UTF-8 (the checkpoints' are).
     */
    private String labkitCall() {
        if (raw != null) {
            return null;
        }
        String pieceNote = pieces > 1 ? "\n    (the checkpoint sent it in " + pieces + " pieces, " + pause.toMillis() + " ms apart)" : "";
        if ((method.equals("GET") || method.equals("HEAD")) && headers.isEmpty()) {
            return LABKIT + method.toLowerCase(java.util.Locale.ROOT) + "(5000, \"" + javaEscape(target) + "\")" + pieceNote;
        }
        String type = contentType();
        String text = utf8(body);
        boolean onlyTypeAndLength = headers.stream().allMatch(h -> h.startsWith("Content-Type: ") || h.startsWith("Content-Length: "));
        if (!method.equals("POST") || !onlyTypeAndLength || type == null || text == null
                || !headers.contains("Content-Length: " + body.length)) {
            return null;
        }
        String[] shown = bodyExpression(text);
        return LABKIT + "post(5000, \"" + javaEscape(target) + "\", \"" + javaEscape(type) + "\", " + shown[0] + ")"
            + shown[1] + pieceNote;
    }

    /**
     * The body as a Java expression, and a note (empty, or a line that starts with a line break): in
     * full up to {@value #SHOWN_BODY_BYTES} bytes; a longer one as its start and end with x's in
     * place of the bytes between, so that the line sends as many bytes as the checkpoint did (and a
     * server that reads Content-Length bytes does not wait for more).
     */
    private static String[] bodyExpression(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= SHOWN_BODY_BYTES) {
            return new String[] {"\"" + javaEscape(text) + "\"", ""};
        }
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
        String expression = "\"" + javaEscape(head) + "\" + \"x\".repeat(" + between + ")"
            + (tail.isEmpty() ? "" : " + \"" + javaEscape(tail) + "\"");
        return new String[] {expression, "\n    (the checkpoint's body of " + bytes + " bytes is too long to print: this one has as many"
            + " bytes, the same start and end, and x's in place of the " + between + " bytes between them)"};
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
     * labkit's send(5000, "...") with the bytes of this request. A long head is cut after whole
     * header lines, never inside one, and still ends with its empty line: a request cut in the
     * middle of its head makes a correct server wait for the rest, and answer nothing. A long body
     * is sent as its start and end with x's between (see {@link #bodyExpression}), so that a server
     * that reads the Content-Length bytes the head announces gets as many as the checkpoint sent.
     */
    private String labkitSend() {
        String text = new String(bytes(5000), StandardCharsets.UTF_8);
        String note = "";
        String bodyPart = "";
        if (text.length() > SHOWN_CHARACTERS) {
            int crlf = text.indexOf("\r\n\r\n");
            int lf = text.indexOf("\n\n");
            boolean bareLf = lf >= 0 && (crlf < 0 || lf < crlf);
            boolean ended = bareLf || crlf >= 0;
            int end = bareLf ? lf + 2 : crlf >= 0 ? crlf + 4 : text.length();
            String emptyLine = bareLf ? "\n" : "\r\n";
            List<String> lines = List.of(text.substring(0, end).split("(?<=\n)"));
            int headLines = ended ? lines.size() - 1 : lines.size(); // not counting the empty line
            StringBuilder cut = new StringBuilder(lines.get(0)); // the request line, always
            int kept = 1;
            while (kept < headLines && cut.length() + lines.get(kept).length() + emptyLine.length() <= SHOWN_CHARACTERS) {
                cut.append(lines.get(kept++));
            }
            if (cut.charAt(cut.length() - 1) != '\n') {
                cut.append(emptyLine);
            }
            cut.append(emptyLine); // the end of the head: without it a server waits for more
            List<String> notes = new ArrayList<>();
            if (headLines > kept) {
                int leftOut = headLines - kept;
                notes.add(leftOut + " header line" + (leftOut == 1 ? "" : "s") + " left out of the checkpoint's "
                    + bytes(5000).length + "-byte request");
            }
            String rest = text.substring(end);
            boolean exact = utf8(bytes(5000)) != null; // else the text is not the bytes, and x's would not count right
            if (rest.getBytes(StandardCharsets.UTF_8).length <= SHOWN_BODY_BYTES) {
                cut.append(rest);
            } else if (headLines == kept && exact) {
                String[] shown = bodyExpression(rest);
                bodyPart = " + " + shown[0];
                note = shown[1];
            } else {
                notes.add("its body of " + rest.getBytes(StandardCharsets.UTF_8).length + " bytes left out: a server that"
                    + " reads the Content-Length bytes the head announces waits for them");
            }
            text = cut.toString();
            note = (notes.isEmpty() ? "" : "\n    (" + String.join("; ", notes) + ")") + note;
        }
        return LABKIT + "send(5000, \"" + javaEscape(text) + "\"" + bodyPart + ")" + note
            + (pieces > 1 ? "\n    (the checkpoint sent it in " + pieces + " pieces, " + pause.toMillis() + " ms apart)" : "");
    }

    /** The Content-Type header's value, or null if the request has none. */
    private String contentType() {
        return headers.stream().filter(h -> h.startsWith("Content-Type: ")).findFirst()
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
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** Text a shell keeps as it is between single quotes, on one line: printable, no quote. */
    private static boolean shellQuotable(String text) {
        return text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != '\'' && !(c >= 0x80 && c < 0xa0));
    }

    /** The bytes as UTF-8 text, or null if they are not valid UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether curl would change the path: it removes the dot segments "." and ".." (as in
     * /static/../index.html) before it sends a request. It leaves %2e%2e alone, and the query too.
     */
    static boolean hasDotSegment(String target) {
        if (target == null) {
            return false;
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
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

    private static String firstWord(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 20), StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        return space > 0 ? text.substring(0, space) : "GET";
    }
}
