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

    /** How much of a request the labkit line shows, in characters, before it leaves header lines out. */
    static final int SHOWN_CHARACTERS = 300;

    /** A command that sends the same request to a server on port 5000, for a student to try. */
    public String tryIt() {
        boolean plain = raw == null && pieces == 1 && headers.stream().allMatch(h -> h.startsWith("Content-"));
        // curl removes /../ and /./ from a path before sending it; --path-as-is sends the path unchanged.
        String url = (hasDotSegment(target) ? "--path-as-is " : "") + "http://localhost:5000" + target;
        if (plain && method.equals("GET")) {
            return "curl -v " + url;
        }
        if (plain && method.equals("HEAD")) {
            return "curl -v -I " + url;
        }
        // A quote in the body would end the shell's quoted text early: labkit below sends those.
        if (plain && method.equals("POST") && body.length < 200 && new String(body, StandardCharsets.UTF_8).indexOf('\'') < 0) {
            String type = headers.stream().filter(h -> h.startsWith("Content-Type: ")).findFirst()
                .map(h -> " -H '" + h + "'").orElse(" -H 'Content-Type:'");
            return "curl -v" + type + " --data-binary '" + new String(body, StandardCharsets.UTF_8) + "' " + url;
        }
        return labkitSend();
    }

    /**
     * The labkit line for a client that must see whether the server closes the connection: curl
     * stops reading at the end that Content-Length gives, and looks fine; labkit says when the
     * connection stayed open past its time limit.
     */
    public String tryItWithLabkit() {
        boolean plain = raw == null && pieces == 1 && headers.isEmpty();
        if (plain && (method.equals("GET") || method.equals("HEAD"))) {
            return "in jshell with labkit (see labkit/README.md): " + method.toLowerCase(java.util.Locale.ROOT)
                + "(5000, \"" + javaEscape(target) + "\")";
        }
        return labkitSend();
    }

    /**
     * labkit's send(5000, "...") with the bytes of this request. A long request is cut after whole
     * header lines, never inside one, and still ends with its head's empty line: a request cut in
     * the middle of its head makes a correct server wait for the rest, and answer nothing.
     */
    private String labkitSend() {
        String text = new String(bytes(5000), StandardCharsets.UTF_8);
        String note = "";
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
            if (cut.length() + rest.length() <= SHOWN_CHARACTERS) {
                cut.append(rest);
            } else if (!rest.isEmpty()) {
                notes.add("its body of " + rest.getBytes(StandardCharsets.UTF_8).length + " bytes left out: a server that"
                    + " reads the Content-Length bytes the head announces waits for them");
            }
            text = cut.toString();
            note = notes.isEmpty() ? "" : "\n    (" + String.join("; ", notes) + ")";
        }
        return "in jshell with labkit (see labkit/README.md): send(5000, \"" + javaEscape(text) + "\")" + note
            + (pieces > 1 ? "\n    (the checkpoint sent it in " + pieces + " pieces, " + pause.toMillis() + " ms apart)" : "");
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
