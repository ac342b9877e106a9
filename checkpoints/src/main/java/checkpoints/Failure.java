package checkpoints;

import labkit.Exchange;
import labkit.Visible;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** How much of one line the server printed a report shows, in characters as shown. */
    static final int SHOWN_LINE_CHARACTERS = 300;
    /** The longest line of a hint, in characters, before it is broken at a space. */
    static final int HINT_WIDTH = 100;
    /**
     * How many bytes a report shows before the place it points at ({@link #pointingAt}), when
     * that place is further into the response than its first {@value #SHOWN_BYTES} bytes.
     */
    static final int BEFORE_SPOT = 200;

    private final String expected;
    private final String found;
    private final String hint;
    private Exchange exchange;
    private String tryIt;
    private String report;
    private List<String> serverOutput;
    private String spot;
    private boolean diagnosis;

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

    /**
     * Puts {@code line} in place of the "try it by hand" line the exchange gave, for a failure that
     * one request cannot show (a client that hung up before it, a silent one beside it).
     */
    public Failure withTryIt(String line) {
        this.tryIt = line;
        return this;
    }

    /** Adds a note under the "try it by hand" line: what a correct server does with it, where that could surprise. */
    public Failure withTryItNote(String note) {
        if (tryIt != null) {
            tryIt += "\n    " + note;
        }
        return this;
    }

    /**
     * Points the report at the first place where {@code text} is in the response. The report shows
     * a response's first {@value #SHOWN_BYTES} bytes; when {@code text} comes later (an unescaped
     * entry near the end of a 68 KB guestbook), it shows the start up to the body's first lines,
     * then the lines around {@code text}, so the student sees the bytes the failure is about.
     * Nothing changes when {@code text} is not in the response or is within the first bytes anyway.
     */
    public Failure pointingAt(String text) {
        this.spot = text;
        return this;
    }

    /**
     * Marks the hint as a diagnosis: it says what this server did, as the exchange shows it ("it read
     * the whole head, then answered before the whole body had come"), not what most likely went wrong.
     * A checkpoint that adds its own hint puts it after a diagnosis, before any other hint.
     */
    Failure asDiagnosis() {
        this.diagnosis = true;
        return this;
    }

    boolean isDiagnosis() {
        return diagnosis;
    }

    /** Keeps what a server printed before it went away (a server that never started). */
    Failure withServerOutput(List<String> lines) {
        this.serverOutput = List.copyOf(lines);
        return this;
    }

    /** The "try it by hand" line (and its notes), or null. */
    String tryIt() {
        return tryIt;
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

    /** Whether the response came and the server then left the connection open. */
    boolean showsConnectionLeftOpen() {
        return exchange != null && Probe.leftOpen(exchange);
    }

    /**
     * What the server printed during a checkpoint, as far as it is kept, with how many lines that
     * was in all; and its last lines before the checkpoint, shown when it printed nothing during it
     * (they may say why it stopped).
     */
    record ServerLines(List<String> during, int total, List<String> earlier) {
        static final ServerLines NONE = new ServerLines(List.of(), 0, List.of());
        /** How many earlier lines a report shows when the server printed nothing during the checkpoint. */
        static final int EARLIER_SHOWN = 3;

        ServerLines {
            during = List.copyOf(during);
            earlier = List.copyOf(earlier);
        }

        /** These lines, all printed during the checkpoint. */
        static ServerLines during(List<String> lines) {
            return new ServerLines(lines, lines.size(), List.of());
        }
    }

    /**
     * A short report for a connection left open again: {@code firstId}'s full report shows it, and
     * until the server closes its connections every checkpoint fails this way.
     */
    void completeAsLeftOpenAgain(Checkpoint checkpoint, String firstId) {
        report = "FAILED " + checkpoint.id() + ": " + checkpoint.title() + "\n"
            + "  Found:    again the response came, then the connection stayed open after it\n"
            + "  Hint:     The same problem as " + firstId + ": see its report. Until the server closes each\n"
            + "            connection, every checkpoint fails this way (each now waits "
            + Probe.LEFT_OPEN_LIMIT.toMillis() / 1000.0 + " s for the close, not " + Probe.EXCHANGE_LIMIT.toSeconds() + ").";
    }

    /**
     * A short report for a failure that looks exactly like {@code firstId}'s, whose full report is
     * shown: the same answer (Found) and the same lines printed by the server. A starter's one
     * TODO makes a dozen checkpoints fail alike; the student needs that report once.
     */
    String sameAsReport(Checkpoint checkpoint, String firstId, ServerLines printed) {
        List<String> lines = new ArrayList<>();
        lines.add("FAILED " + checkpoint.id() + ": " + checkpoint.title());
        lines.add("  Expected: " + indentRest(expected, "            "));
        lines.add("  Found:    " + indentRest(found, "            "));
        if (!printed.during().isEmpty()) {
            lines.add("  Printed:  " + visibleLine(printed.during().get(printed.during().size() - 1)));
        }
        lines.add("  Hint:     The same answer, and the same lines from the server, as " + firstId + ": its report");
        lines.add("            shows the exchange and a hint. Fix that first; this one may pass with it.");
        return String.join("\n", lines);
    }

    /** What the two short reports above say of the checkpoint whose full report they point to. */
    private static final Pattern POINTS_TO = Pattern.compile(" as ([0-9]{2}\\.[a-z0-9-]+): (?:see )?its report");

    /**
     * The id of the checkpoint whose full report this report points to, when it is a short one
     * ({@link #sameAsReport}, {@link #completeAsLeftOpenAgain}); null for a full report.
     */
    public static String fullReportOf(String report) {
        Matcher pointer = POINTS_TO.matcher(report);
        return pointer.find() ? pointer.group(1) : null;
    }

    /** Writes the full report once the harness knows the checkpoint and the server's output. */
    void complete(Checkpoint checkpoint, ServerLines printed, String serverState) {
        List<String> lines = new ArrayList<>();
        lines.add("FAILED " + checkpoint.id() + ": " + checkpoint.title());
        if (exchange != null) {
            lines.add("");
            lines.add("  What was sent (" + exchange.sent().length + " bytes" + (exchange.notSent() > 0
                ? "; the other " + exchange.notSent() + " bytes of the request were not sent: the server had answered, or closed" : "") + "):");
            lines.add(Visible.block(exchange.sent(), "    ", SHOWN_BYTES));
            byte[] sent = exchange.sent();
            if (exchange.notSent() > 0 && sent.length > 0 && sent.length <= SHOWN_BYTES && sent[sent.length - 1] != '\n') {
                // a piece may end inside a line, even between its \r and its \n: not a line sent so
                lines.add("    (one piece ended here, inside a line; the rest of the request was never sent)");
            }
            lines.add("  What came back (" + exchange.response().raw().length + " bytes), then " + ending(exchange) + ":");
            lines.add(responseShown(exchange.response().raw(), spot));
            String shownAsBytes = textShownAsBytes(exchange);
            if (shownAsBytes != null) {
                lines.add(shownAsBytes);
            }
        }
        lines.add("");
        lines.add("  Expected: " + indentRest(expected, "            "));
        lines.add("  Found:    " + indentRest(found, "            "));
        lines.add("  Hint:     " + indentRest(wrap(hint + unflushedNote(printed) + todoNote(printed), HINT_WIDTH), "            "));
        if (serverState != null) {
            lines.add("  Note:     " + serverState);
        }
        lines.add("");
        if (serverOutput != null) { // a server that did not start: all it printed is about that
            if (serverOutput.isEmpty()) {
                lines.add("  The server printed nothing.");
            } else {
                lines.add("  The server printed (last " + serverOutput.size() + " lines):");
                serverOutput.forEach(line -> lines.add("    " + visibleLine(line)));
            }
        } else {
            lines.addAll(printedLines(printed));
        }
        if (tryIt != null) {
            lines.add("");
            lines.add("  Try it by hand (start your server first; the line says port 5000, change it if yours is another):");
            lines.add("    " + tryIt);
        }
        report = String.join("\n", lines);
    }

    /**
     * A response as a report shows it: its first {@value #SHOWN_BYTES} bytes, or, when
     * {@code spot} is in a text response but further on, the start (the head and the body's
     * first lines), a line that says how many bytes were left out, and {@value #BEFORE_SPOT}
     * bytes before {@code spot} on, from the start of its line when that is near. Both parts
     * together are no longer than {@value #SHOWN_BYTES} bytes.
     */
    static String responseShown(byte[] raw, String spot) {
        int at = spot == null ? -1 : indexOf(raw, spot.getBytes(StandardCharsets.UTF_8));
        labkit.Response response = labkit.Response.parse(raw);
        if (at < 0 || at + spot.length() + BEFORE_SPOT <= SHOWN_BYTES || !Visible.isText(response.header("Content-Type"))) {
            return Visible.response(raw, "    ", SHOWN_BYTES); // the first bytes show the spot, or there is none
        }
        int startEnd = afterLastLineBreak(raw, 0, SHOWN_BYTES / 2 - BEFORE_SPOT); // whole lines only
        if (startEnd == 0) {
            startEnd = characterStart(raw, SHOWN_BYTES / 2 - BEFORE_SPOT); // no line break in them: cut between characters
        }
        int from = Math.max(startEnd, at - BEFORE_SPOT);
        int lineStart = afterLastLineBreak(raw, from, at);
        from = lineStart > from ? lineStart : characterStart(raw, from);
        String start = Visible.block(Arrays.copyOf(raw, startEnd), "    ", startEnd);
        String around = Visible.block(Arrays.copyOfRange(raw, from, raw.length), "    ", SHOWN_BYTES - startEnd);
        return start + "\n    ... (" + (from - startEnd) + " bytes not shown)\n" + around;
    }

    /** Where {@code part} first is in {@code bytes}, or -1. */
    static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; part.length > 0 && i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The position just after the last '\n' in bytes [from, to), or {@code from} when there is none. */
    private static int afterLastLineBreak(byte[] bytes, int from, int to) {
        for (int i = Math.min(to, bytes.length) - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }

    /** {@code at}, or the start of the next character when {@code at} is inside a UTF-8 character. */
    private static int characterStart(byte[] bytes, int at) {
        int i = at;
        while (i < bytes.length && i < at + 3 && (bytes[i] & 0xC0) == 0x80) {
            i++; // 10xxxxxx: a continuation byte, never the first of a character
        }
        return i;
    }

    /**
     * Nothing arrived, yet the server logged an answer ("GET / -> 200"): the response is most
     * likely still in a buffer that was never flushed. Otherwise "".
     */
    private String unflushedNote(ServerLines printed) {
        if (exchange == null || exchange.response().raw().length > 0 || !found.startsWith("the server closed the connection without sending")) {
            return "";
        }
        // Only a line about this request: a checkpoint's earlier request may have been answered.
        String[] requestLine = new String(exchange.sent(), StandardCharsets.ISO_8859_1).split("\r?\n", 2)[0].split(" ");
        String logged = requestLine.length >= 2 ? requestLine[0] + " " + requestLine[1] + " -> " : "";
        return printed.during().stream().filter(line -> line.startsWith(logged) && line.matches(".* -> [0-9]{3}")).findFirst()
            .map(line -> "\nYet the server printed '" + line + "', as if it had answered: is the response still in a buffer"
                + "\n(a BufferedOutputStream, a PrintWriter) that was not flushed before the socket closed?")
            .orElse("");
    }

    /** A starter's TODO that throws names itself so: "TODO 1 in WebServer.response". */
    private static final Pattern THROWING_TODO = Pattern.compile("TODO [0-9]+ in [A-Za-z0-9_.]+");

    /**
     * The server printed that a TODO still throws, and the hint is about something else (the
     * stage 01 starter reads 100 bytes, so its reports about requests in pieces hint at read()):
     * say that no request gets an answer until that TODO is done. Otherwise "".
     */
    private String todoNote(ServerLines printed) {
        if (hint.contains("TODO")) {
            return "";
        }
        return printed.during().stream().map(THROWING_TODO::matcher).filter(Matcher::find).findFirst()
            .map(todo -> "\nThe server also printed that " + todo.group() + " still throws (below): no request gets an"
                + "\nanswer until it is done. Do that one first, then see whether this checkpoint still fails.")
            .orElse("");
    }

    @Override
    public String getMessage() {
        return report != null ? report : found;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // no trace: see the class comment
    }

    /**
     * The report's lines about what the server printed during the checkpoint: a run of the same
     * line as one line with "(N times)", and the last {@value CheckpointRun#OUTPUT_LINES_SHOWN} of
     * them. If it printed nothing, its last lines before the checkpoint, said to be earlier.
     */
    static List<String> printedLines(ServerLines printed) {
        List<String> lines = new ArrayList<>();
        if (printed.during().isEmpty()) {
            lines.add("  The server printed nothing during this checkpoint.");
            if (!printed.earlier().isEmpty()) {
                lines.add("  Its last lines before it, printed during earlier checkpoints:");
                merged(printed.earlier()).forEach(line -> lines.add("    " + line));
            }
            return lines;
        }
        List<String> merged = merged(printed.during());
        int shown = Math.min(merged.size(), CheckpointRun.OUTPUT_LINES_SHOWN);
        boolean all = shown == merged.size() && printed.total() == printed.during().size();
        lines.add(all ? "  The server printed during this checkpoint:"
            : "  The server printed " + printed.total() + " lines during this checkpoint; the last of them:");
        merged.subList(merged.size() - shown, merged.size()).forEach(line -> lines.add("    " + line));
        return lines;
    }

    /** The lines as a report shows them ({@link #visibleLine}), a run of the same line as one with "(N times)". */
    static List<String> merged(List<String> printed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < printed.size(); ) {
            int run = 1;
            while (i + run < printed.size() && printed.get(i + run).equals(printed.get(i))) {
                run++;
            }
            out.add(visibleLine(printed.get(i)) + (run > 1 ? " (" + run + " times)" : ""));
            i += run;
        }
        return out;
    }

    static String ending(Exchange exchange) {
        return switch (exchange.ending()) {
            case CLOSED -> "the server closed the connection";
            case RESET -> "the connection was RESET";
            case TIMED_OUT -> "nothing more, and the connection stayed open";
            case REFUSED -> "nothing: the connection was refused";
        };
    }

    /**
     * One line the server printed, as a report shows it: its invisible characters made visible the
     * way {@link Visible} shows a response (a NUL as \x00, so that the report stays text), and a
     * long line (a server that logs a 4,000-byte request line) cut in the middle to about
     * {@value #SHOWN_LINE_CHARACTERS} characters, with how many were left out. The middle, not the
     * end: a line such as "(could not answer 'GET /very-long-target HTTP/1.1': NullPointerException
     * ..., at WebServer.java:163)" ends with what the student must read, and a log line ends with
     * its status.
     *
     * <p>The harness reads the output as ISO-8859-1, one character per byte. The bytes are UTF-8
     * when the server's JVM writes UTF-8 (Java 18 and later in a UTF-8 locale), and windows-1252 on
     * Java 17, where the harness's -Dfile.encoding decides (see ServerProcess): so a line that is
     * valid UTF-8 is read as UTF-8, and any other line one character per byte (the same letters as
     * windows-1252 but for the bytes 80-9F, which show as \x80 and so on).
     */
    static String visibleLine(String line) {
        String utf8 = utf8OrNull(line.getBytes(StandardCharsets.ISO_8859_1));
        String text = utf8 != null ? utf8 : line;
        List<String> shown = new ArrayList<>(); // one entry per character of the line, as shown
        int length = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            String one = Visible.of(text.substring(i, text.offsetByCodePoints(i, 1)));
            if (utf8 == null && text.charAt(i) >= 0x80 && one.startsWith("\\x")) {
                one = String.format("\\x%02X", (int) text.charAt(i)); // the byte, not its UTF-8 form
            }
            shown.add(one);
            length += one.length();
        }
        if (length <= SHOWN_LINE_CHARACTERS) {
            return String.join("", shown);
        }
        // Much more of the end than of the start: an exception's message and place can be long
        // (a NullPointerException says which call on which value).
        int start = taken(shown, SHOWN_LINE_CHARACTERS / 5, false);
        int end = taken(shown, SHOWN_LINE_CHARACTERS - SHOWN_LINE_CHARACTERS / 5, true);
        return String.join("", shown.subList(0, start)) + " ... (" + (shown.size() - start - end)
            + " characters not shown) ... " + String.join("", shown.subList(shown.size() - end, shown.size()));
    }

    /** How many characters from the start (or the end) of the line fit in {@code room} shown characters. */
    private static int taken(List<String> shown, int room, boolean fromTheEnd) {
        int count = 0;
        for (int used = 0; count < shown.size(); count++) {
            used += shown.get(fromTheEnd ? shown.size() - 1 - count : count).length();
            if (used > room) {
                break;
            }
        }
        return count;
    }

    /**
     * A note under a body of UTF-8 text shown byte by byte, because its Content-Type does not say
     * text (\xC3\xBC where the page has ü): it looks like broken encoding, and is not. Null otherwise.
     */
    private static String textShownAsBytes(Exchange exchange) {
        labkit.Response response = exchange.response();
        byte[] body = response.body();
        boolean nonAscii = false;
        for (byte b : body) {
            nonAscii |= b < 0;
        }
        if (!response.hasHead() || Visible.isText(response.header("Content-Type")) || !nonAscii || utf8OrNull(body) == null) {
            return null;
        }
        return "    (the body is UTF-8 text, shown byte by byte because its Content-Type does not say text)";
    }

    /** The bytes as UTF-8 text, or null if they are not valid UTF-8 (Java's decoders would hide that). */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The text with each line longer than {@code width} broken at spaces. Hints are sentences, made
     * in several places; some grew long lines (a value put into them), which are hard to read. A
     * broken line is shared out evenly, so that it does not end in a line of one or two words.
     */
    static String wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            List<String> greedy = wrapAt(line, width);
            if (greedy.size() > 1) {
                int even = Math.min(width, (line.length() + greedy.size() - 1) / greedy.size() + 12);
                List<String> balanced = wrapAt(line, even);
                out.addAll(balanced.size() == greedy.size() ? balanced : greedy);
            } else {
                out.addAll(greedy);
            }
        }
        return String.join("\n", out);
    }

    /** One line broken at the last space before each {@code width} characters (a longer word stays whole). */
    private static List<String> wrapAt(String line, int width) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (line.length() - start > width) {
            int space = line.lastIndexOf(' ', start + width);
            if (space <= start) {
                space = line.indexOf(' ', start + width); // one word longer than the width: after it
                if (space < 0) {
                    break;
                }
            }
            pieces.add(line.substring(start, space));
            start = space + 1;
        }
        pieces.add(line.substring(start));
        return pieces;
    }

    private static String indentRest(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }
}
