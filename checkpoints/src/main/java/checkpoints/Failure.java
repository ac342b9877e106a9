package checkpoints;

import labkit.Exchange;
import labkit.Visible;

import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint found something wrong with the student's server.
 *
 * <p>Its message is the whole report a student reads: what was sent, what came back with the
 * invisible characters made visible, what was expected, a hint, what the server printed, and a
 * command to try it by hand. It carries no stack trace: the trace would point into the harness,
 * not at the student's code, and push the useful part off the screen.
 */
public final class Failure extends AssertionError {

    private static final long serialVersionUID = 1L;
    static final int SHOWN_BYTES = 1200;

    private final String expected;
    private final String found;
    private final String hint;
    private Exchange exchange;
    private String tryIt;
    private String report;
    private List<String> serverOutput;

    private Failure(String expected, String found, String hint) {
        super(found);
        this.expected = expected;
        this.found = found;
        this.hint = hint;
    }

    /** A failure: what should have happened, what happened instead, and a hint for the student. */
    public static Failure of(String expected, String found, String hint) {
        return new Failure(expected, found, hint);
    }

    /** Attaches the exchange that showed the problem (what was sent and what came back). */
    public Failure about(Exchange exchange, String tryIt) {
        if (this.exchange == null) {
            this.exchange = exchange;
            this.tryIt = tryIt;
        }
        return this;
    }

    /** Keeps what a server printed before it went away (a server that never started). */
    Failure withServerOutput(List<String> lines) {
        this.serverOutput = List.copyOf(lines);
        return this;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }

    public String hint() {
        return hint;
    }

    /** What the server printed before it went away, if this failure kept it; else empty. */
    List<String> serverOutput() {
        return serverOutput == null ? List.of() : serverOutput;
    }

    /** Writes the full report once the harness knows the checkpoint and the server's output. */
    void complete(Checkpoint checkpoint, List<String> currentOutput, String serverState) {
        List<String> serverOutput = this.serverOutput != null ? this.serverOutput : currentOutput;
        List<String> lines = new ArrayList<>();
        lines.add("FAILED " + checkpoint.id() + ": " + checkpoint.title());
        if (exchange != null) {
            lines.add("");
            lines.add("  What was sent (" + exchange.sent().length + " bytes):");
            lines.add(Visible.block(exchange.sent(), "    ", SHOWN_BYTES));
            lines.add("  What came back (" + exchange.response().raw().length + " bytes), then " + ending(exchange) + ":");
            lines.add(Visible.block(exchange.response().raw(), "    ", SHOWN_BYTES));
        }
        lines.add("");
        lines.add("  Expected: " + indentRest(expected, "            "));
        lines.add("  Found:    " + indentRest(found, "            "));
        lines.add("  Hint:     " + indentRest(hint, "            "));
        if (serverState != null) {
            lines.add("  Note:     " + serverState);
        }
        lines.add("");
        if (serverOutput.isEmpty()) {
            lines.add("  The server printed nothing.");
        } else {
            lines.add("  The server printed (last " + serverOutput.size() + " lines):");
            serverOutput.forEach(line -> lines.add("    " + line));
        }
        if (tryIt != null) {
            lines.add("");
            lines.add("  Try it by hand (start your server first, port 5000):");
            lines.add("    " + tryIt);
        }
        report = String.join("\n", lines);
    }

    @Override
    public String getMessage() {
        return report != null ? report : found;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // no trace: see the class comment
    }

    static String ending(Exchange exchange) {
        return switch (exchange.ending()) {
            case CLOSED -> "the server closed the connection";
            case RESET -> "the connection was RESET";
            case TIMED_OUT -> "nothing more, and the connection stayed open";
            case REFUSED -> "nothing: the connection was refused";
        };
    }

    private static String indentRest(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }
}
