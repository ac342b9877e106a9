package labkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One conversation with a server over a socket: what was sent, what came back, and how the
 * conversation ended. In jshell, an Exchange prints as a short report of all three, with the
 * invisible characters made visible and the problems {@link ResponseRules} finds.
 *
 * <p>Objects of this class never change; the arrays it hands out are copies.
 */
public final class Exchange {

    /** How a conversation ended. */
    public enum Ending {
        /** The server closed the connection cleanly (a read returned end of stream). */
        CLOSED,
        /** The connection was reset: reading or writing failed with a SocketException. */
        RESET,
        /** The connection was still open when the time limit ran out. */
        TIMED_OUT,
        /** No connection at all: nothing was listening on that port (or it did not answer). */
        REFUSED
    }

    /** At most this many bytes of each direction are shown by {@link #toString()}. */
    private static final int MAX_SHOWN_BYTES = 4096;

    private final String host;
    private final int port;
    private final byte[] sent;
    private final Response response;
    private final Ending ending;
    private final long millis;
    private final String error;
    private final int sentBeforeAnswer;
    private final int notSent;

    /**
     * An exchange whose answer, if any, came after everything was sent.
     *
     * @param sent   every byte that was written to the socket
     * @param millis how long the conversation took, from connect to end
     * @param error  the text of the exception that ended it, or null
     */
    public Exchange(String host, int port, byte[] sent, Response response, Ending ending, long millis, String error) {
        this(host, port, sent, response, ending, millis, error, sent.length);
    }

    /**
     * Usually made by {@link RawClient}.
     *
     * @param sentBeforeAnswer how many bytes of {@code sent} had been written when the first byte
     *                         of the answer arrived (see {@link #sentBeforeAnswer()})
     */
    public Exchange(String host, int port, byte[] sent, Response response, Ending ending, long millis, String error,
                    int sentBeforeAnswer) {
        this(host, port, sent, response, ending, millis, error, sentBeforeAnswer, 0);
    }

    /**
     * Usually made by {@link RawClient}.
     *
     * @param sentBeforeAnswer how many bytes of {@code sent} had been written when the first byte
     *                         of the answer arrived (see {@link #sentBeforeAnswer()})
     * @param notSent          how many bytes of the request were never written, because the server
     *                         answered or closed before they were due (see {@link #notSent()})
     */
    public Exchange(String host, int port, byte[] sent, Response response, Ending ending, long millis, String error,
                    int sentBeforeAnswer, int notSent) {
        this.host = host;
        this.port = port;
        this.sent = sent.clone();
        this.response = response;
        this.ending = ending;
        this.millis = millis;
        this.error = error;
        this.sentBeforeAnswer = Math.min(sentBeforeAnswer, sent.length);
        this.notSent = Math.max(0, notSent);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Every byte that was actually written to the server. */
    public byte[] sent() {
        return sent.clone();
    }

    /** Everything the server sent back, taken apart. */
    public Response response() {
        return response;
    }

    public Ending ending() {
        return ending;
    }

    /** Milliseconds from the start of connecting to the end of the conversation. */
    public long millis() {
        return millis;
    }

    /**
     * How many bytes the client had sent when the answer began to arrive: fewer than
     * {@code sent().length} when the server answered before the request was complete, which a
     * client sending in pieces notices between two pieces. {@code sent().length} when the answer
     * came after the last byte, or no answer came.
     */
    public int sentBeforeAnswer() {
        return sentBeforeAnswer;
    }

    /**
     * How many bytes of the request were never sent: a request sent in pieces stops when the
     * server answers, or closes, before the next piece is due. A server that answers before the
     * request is complete has not read all of it.
     */
    public int notSent() {
        return notSent;
    }

    /** The text of the exception that ended the conversation (a reset, a refusal), or null. */
    public String error() {
        return error;
    }

    /** The method of the request that was sent (its first word), or GET if none can be found. */
    public String requestMethod() {
        String start = new String(sent, 0, Math.min(sent.length, 32), StandardCharsets.ISO_8859_1);
        int space = start.indexOf(' ');
        return space > 0 ? start.substring(0, space) : "GET";
    }

    // ---- shortcuts for jshell --------------------------------------------------------------

    /** The status code, e.g. 200; -1 if the response has none. */
    public int status() {
        return response.status();
    }

    /** The value of the first header with this name (any case), or null. */
    public String header(String name) {
        return response.header(name);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return response.text();
    }

    /** The body's bytes. */
    public byte[] body() {
        return response.body();
    }

    /** What is wrong with the response, in plain words; an empty list if nothing is. */
    public List<String> problems() {
        return ResponseRules.check(response.raw(), requestMethod());
    }

    /**
     * The problems the report lists: those of the response, and an answer that is not an error
     * (2xx, 3xx) given before the whole request was sent, a request the server had not read to its
     * end. (An error such as 431 or 413 may come early; a GET's stray bytes are the checkpoints' to judge.)
     */
    private List<String> reportedProblems() {
        List<String> problems = new ArrayList<>(problems());
        if (notSent > 0 && response.status() >= 100 && response.status() < 400) {
            int whole = sent.length + notSent;
            problems.add("The server answered " + response.status() + " after only " + sent.length + " of the request's " + whole
                + " bytes: it did not read the whole request (a head ends with its empty line; a body is Content-Length"
                + " bytes). A browser that is still sending then often sees \"connection reset\" instead of the page.");
        }
        return problems;
    }

    /**
     * The report jshell prints: the bytes sent, the bytes received, how the conversation ended
     * and the problems found. It holds nothing that changes from run to run (no timings), so a
     * lesson can show it exactly.
     */
    @Override
    public String toString() {
        StringBuilder report = new StringBuilder();
        report.append("--- sent (").append(sent.length).append(" bytes) ---\n");
        report.append(Visible.block(sent, "", MAX_SHOWN_BYTES)).append('\n');
        if (notSent > 0) {
            report.append("--- the other ").append(notSent).append(" bytes of the request were never sent: the server answered,")
                    .append(" or closed, before it had the whole request ---\n");
        }
        if (ending == Ending.REFUSED) {
            report.append("--- ").append(refusal()).append(" ---");
            return report.toString();
        }
        byte[] received = response.raw();
        report.append("--- received (").append(received.length).append(" bytes), then the server ")
                .append(endingInWords()).append(" ---\n");
        report.append(Visible.response(received, "", MAX_SHOWN_BYTES)).append('\n');
        List<String> problems = reportedProblems();
        if (problems.isEmpty()) {
            report.append("--- no problems found ---");
        } else {
            report.append("--- problems ---");
            for (String problem : problems) {
                report.append("\n- ").append(problem);
            }
        }
        return report.toString();
    }

    private String endingInWords() {
        return switch (ending) {
            case CLOSED -> "closed the connection";
            case RESET -> "reset the connection";
            case TIMED_OUT -> "kept the connection open past the time limit";
            case REFUSED -> "refused the connection";
        };
    }

    private String refusal() {
        String address = host + ":" + port;
        if (error != null && error.startsWith("Connection refused")) {
            return "the connection was refused: nothing is listening on " + address
                    + ". Is the server running, on that port?";
        }
        return "could not connect to " + address + " (" + error + "). Is the server running, on that port?";
    }
}
