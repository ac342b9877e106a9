package checkpoints;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint sends: a request, perhaps in pieces with pauses. {@link TryIt} says how to send
 * the same thing by hand (a curl command, or a labkit line for what curl cannot send).
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
    /** The size in bytes an X-Filler header line makes the head, or 0 for none (see {@link #headOfSize}). */
    private final int headSize;

    private Request(String method, String target, List<String> headers, byte[] body, byte[] raw,
                    int pieces, Duration pause) {
        this(method, target, headers, body, raw, pieces, pause, false, 0);
    }

    private Request(String method, String target, List<String> headers, byte[] body, byte[] raw,
                    int pieces, Duration pause, boolean earlyAnswer, int headSize) {
        this.method = method;
        this.target = target;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.raw = raw;
        this.pieces = pieces;
        this.pause = pause;
        this.earlyAnswer = earlyAnswer;
        this.headSize = headSize;
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
        return new Request(method, target, more, body, raw, pieces, pause, earlyAnswer, headSize);
    }

    /** The same request for another target (a built request only: raw bytes have no target to change). */
    Request withTarget(String other) {
        if (raw != null) {
            throw new IllegalStateException("raw bytes have no target to change");
        }
        return new Request(method, other, headers, body, raw, pieces, pause, earlyAnswer, headSize);
    }

    /** The same bytes, sent in {@code count} pieces with {@code pause} between them. */
    public Request inPieces(int count, Duration pause) {
        return new Request(method, target, headers, body, raw, count, pause, earlyAnswer, headSize);
    }

    /**
     * The same request, for which the server MAY answer before it has read everything: a 413 for a
     * body it refuses, a 431 for a head too large. By default a checkpoint fails a server that stops
     * reading early (the classic mistake of answering before the request is read); with this, that
     * one check is skipped and the answer itself is what counts.
     */
    public Request earlyAnswerAllowed() {
        return new Request(method, target, headers, body, raw, pieces, pause, true, headSize);
    }

    /**
     * The same request with a last header line, {@code X-Filler: yyy...}, as long as it takes to make
     * the head exactly {@code size} bytes, from the request line to the empty line: sized when the
     * bytes are made, so that the head has that size on any port (the Host line names the port),
     * the 5000 of a "try it by hand" line included.
     */
    public Request headOfSize(int size) {
        return new Request(method, target, headers, body, raw, pieces, pause, earlyAnswer, size);
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
        if (headSize > 0) {
            int without = (head + FILLER + "\r\n\r\n").getBytes(StandardCharsets.UTF_8).length;
            if (headSize < without) {
                throw new IllegalArgumentException("a head of " + headSize + " bytes is too small for this request's lines");
            }
            head.append(FILLER).append("y".repeat(headSize - without)).append("\r\n");
        }
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

    /** The target, or null for raw bytes. */
    String target() {
        return target;
    }

    /** The headers given (Content-Type, Content-Length, others) and the X-Filler of headOfSize, without Host. */
    List<String> headers() {
        if (headSize == 0) {
            return headers;
        }
        List<String> all = new ArrayList<>(headers);
        all.add(FILLER + "(as long as it takes to make the head " + headSize + " bytes)");
        return all;
    }

    /** The start of the header line that headOfSize sizes. */
    private static final String FILLER = "X-Filler: ";

    /** The body's bytes (empty for none). */
    byte[] body() {
        return body.clone();
    }

    /** Whether the checkpoint sends raw bytes of its own rather than a request built here. */
    boolean isRaw() {
        return raw != null;
    }

    /** In how many pieces the checkpoint sends it. */
    int pieceCount() {
        return pieces;
    }

    /** A command that sends the same request to a server on port 5000, for a student to try (see {@link TryIt}). */
    public String tryIt() {
        return TryIt.of(this);
    }

    /** The same with labkit, which says when a connection stayed open (see {@link TryIt}). */
    public String tryItWithLabkit() {
        return TryIt.withLabkit(this);
    }

    private static String firstWord(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 20), StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        return space > 0 ? text.substring(0, space) : "GET";
    }
}
