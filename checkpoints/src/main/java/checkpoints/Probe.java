package checkpoints;

import labkit.Exchange;
import labkit.RawClient;
import labkit.Response;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a checkpoint uses to talk to the server under test, and the expectations it checks.
 *
 * <p>Every expectation throws a {@link Failure} that carries the exchange it was about, so the
 * report can show the bytes. The server is started on first use and started again if an earlier
 * checkpoint left it stopped.
 */
public final class Probe {

    /** How long one exchange may take before the server counts as hanging. */
    public static final Duration EXCHANGE_LIMIT = RawClient.DEFAULT_TIMEOUT;
    /**
     * The limit once a checkpoint of the run has seen the server leave a connection open after its
     * response: every later exchange would wait the whole limit for a close that never comes.
     */
    static final Duration LEFT_OPEN_LIMIT = Duration.ofMillis(500);
    /**
     * The limit once a checkpoint of the run got no answer at all within {@link #EXCHANGE_LIMIT}
     * (a server that reads until the client closes, say): every later exchange would wait the
     * whole limit, and a stage of 60 checkpoints would take minutes. An answer takes milliseconds.
     */
    static final Duration NO_ANSWER_LIMIT = Duration.ofSeconds(1);

    private final CheckpointRun run;
    private final Lane lane;
    private final String checkpointId;
    private final Random random;
    private final Map<Exchange, Request> requests = new IdentityHashMap<>();
    /** The POSTs this checkpoint sent to the lane's server, in order: a page that shows what they stored needs them first, by hand too. */
    private final List<Request> posts = new ArrayList<>();
    /** The second server each exchange of {@link #sendTo} went to: a report asks that one whether it stopped. */
    private final Map<Exchange, ServerProcess> otherServerOf = new IdentityHashMap<>();
    private final TryItNotes tryItNotes = new TryItNotes(this);
    /** The time limit each exchange of {@link #send} had: a report says when it was the shortened one. */
    private final Map<Exchange, Duration> limits = new IdentityHashMap<>();
    private final Set<Exchange> noAnswerNoted = Collections.newSetFromMap(new IdentityHashMap<>());
    private ServerProcess server;
    /** When this checkpoint's first exchange began (System.nanoTime), or Long.MAX_VALUE before it. */
    private long firstExchangeAt = Long.MAX_VALUE;
    /** The last exchange with the lane's server, or null. */
    private volatile Exchange last;
    /** How many lines the server had printed when the last exchange began. */
    private volatile int linesBeforeLast;

    Probe(CheckpointRun run, Lane lane, String checkpointId, Random random) {
        this.run = run;
        this.lane = lane;
        this.checkpointId = checkpointId;
        this.random = random;
    }

    // ------------------------------------------------------------------ talking to the server

    /**
     * The server under test. It is started (again) only when a checkpoint first asks for it: a
     * server that stops in the middle of a checkpoint stays stopped, and the checkpoint fails.
     */
    public ServerProcess server() {
        if (server == null) {
            server = lane.server();
        }
        return server;
    }

    /**
     * Whether the server may still print something about this checkpoint after it ended: it was
     * talked to, and the last exchange did not end with a response and the server's close (a
     * client that only connected, or hung up, or was answered with a reset). The server's lines
     * about a request come with its close, unless something went wrong: the reference server logs
     * just after it closes, or before it finishes early (its drain ends when the client closes).
     */
    boolean serverMayStillPrint() {
        Exchange e = last;
        return server != null && (e == null || e.ending() != Exchange.Ending.CLOSED || e.response().raw().length == 0);
    }

    /** How long to wait for the server's line about a request that has its answer. */
    private static final long LINE_ABOUT_REQUEST_MILLIS = 100;

    /** How many lines the server had printed before the last exchange: a mark for ServerProcess.printedSoon. */
    int linesBeforeLastExchange() {
        return linesBeforeLast;
    }

    /** Whether a line the server printed since the last exchange began is already here, without waiting. */
    boolean lineAboutLastRequestCame() {
        return server == null || last == null || server.linesPrinted() > linesBeforeLast;
    }

    /**
     * Waits, {@value #LINE_ABOUT_REQUEST_MILLIS} ms at most, for a line the server printed since the
     * last exchange began: its log line, or what went wrong. The reference server prints it just
     * after it closes (a client that reads to the end need not wait for it), and the line comes
     * through a pipe: it may reach us a moment after the client saw the close. Says
     * whether such a line came (true too when there is nothing to wait for).
     */
    boolean awaitLineAboutLastRequest() {
        return server == null || last == null || server.awaitLinesPrinted(linesBeforeLast, LINE_ABOUT_REQUEST_MILLIS);
    }

    /** The lines the server printed since the last exchange began, after {@link #awaitLineAboutLastRequest}. */
    List<String> linesAboutLastRequest() {
        awaitLineAboutLastRequest();
        return server == null || last == null ? List.of() : server.keptLinesSince(linesBeforeLast);
    }

    public int port() {
        return server().port();
    }

    /** The id of the checkpoint this probe runs ("05.unicode-name"). */
    String checkpointId() {
        return checkpointId;
    }

    public int stage() {
        return run.target().stage();
    }

    /** The folder of the stage under test, "stage02-files". */
    String stageFolder() {
        return run.target().folder();
    }

    /** The web root the student's own server serves: the stage's www/ folder. */
    Path studentWww() {
        return run.target().moduleDir().resolve("www");
    }

    /** The folder the server serves (stage 02 on), filled with fresh files for this run. */
    public Path root() {
        return lane.root();
    }

    public Exchange send(Request request) {
        int port = port();
        int linesBefore = server.linesPrinted();
        firstExchangeAt = Math.min(firstExchangeAt, System.nanoTime());
        Duration limit = run.connectionLeftOpenBy() != null ? LEFT_OPEN_LIMIT
            : run.waitLessForAnswers() ? NO_ANSWER_LIMIT : EXCHANGE_LIMIT;
        Exchange exchange = RawClient.exchange(port, request.pieces(port), request.pause(), limit);
        requests.put(exchange, request);
        limits.put(exchange, limit);
        if (request.method().equals("POST")) {
            posts.add(request);
        }
        linesBeforeLast = linesBefore;
        last = exchange;
        return exchange;
    }

    public Exchange get(String target) {
        return send(Request.get(target));
    }

    /**
     * A plain connection to the server, for a checkpoint that writes bytes itself (half a head, a
     * client that says nothing). A refused connection is a failure of the server, told as one.
     */
    public Socket connect() {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), (int) EXCHANGE_LIMIT.toMillis());
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // it never connected
            }
            throw Failure.of("a connection to 127.0.0.1:" + port(), "it failed: " + e.getMessage() + serverGoneAfterRefusal(null),
                "The server printed this port. Is it still listening: did an earlier client stop it, or close its"
                    + "\nlistening socket?");
        }
    }

    /**
     * A target that gets 200 and an HTML page in every stage from this one on: in stage 01 a path
     * made fresh for this run (any path gets the page there), from stage 02 on the home page "/"
     * (a later stage answers an unknown path with 404).
     */
    public String homeTarget() {
        return stage() == 1 ? "/" + fresh("") : "/";
    }

    // ------------------------------------------------------------------ fresh values

    /** A value made fresh for this run, so that a server cannot hard-code its way to green. */
    public String fresh(String prefix) {
        StringBuilder word = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    public Random random() {
        return random;
    }

    // ------------------------------------------------------------------ failures, and how to try them by hand

    /** A failure about this exchange: the report will show its bytes. */
    public Failure fail(Exchange exchange, String expected, String found, String hint) {
        Request request = requests.get(exchange);
        return Failure.of(expected, found, hint).about(exchange, request == null ? null : tryItNotes.tryIt(exchange, request));
    }

    /** How to try this checkpoint's requests by hand, with the notes about files it made or changed. */
    TryItNotes tryItNotes() {
        return tryItNotes;
    }

    /** The run, the POSTs sent so far and when the first exchange began: for {@link TryItNotes}. */
    CheckpointRun run() {
        return run;
    }

    List<Request> posts() {
        return posts;
    }

    long firstExchangeAt() {
        return firstExchangeAt;
    }

    // ------------------------------------------------------------------ expectations

    /**
     * The server answered and closed the connection. Every other expectation starts here, so a
     * server that hangs, resets or sends nothing gets one clear explanation.
     */
    public Response answered(Exchange e) {
        byte[] raw = e.response().raw();
        Request request = requests.get(e);
        int wanted = request == null ? e.sent().length : request.bytes(e.port()).length;
        boolean earlyAllowed = request != null && request.mayAnswerEarly();
        if (e.ending() != Exchange.Ending.REFUSED && e.sent().length < wanted && !earlyAllowed) {
            // What the exchange shows the server did, when it answered at a telling moment; else null.
            boolean answeredEarly = e.response().statusLine() != null;
            String diagnosis = !answeredEarly ? null
                : bodyCutShort(e, request) ? BODY_CUT_SHORT
                : stoppedAtLoneCr(e, request) ? STOPPED_AT_LONE_CR
                : stoppedAtRequestLine(e) ? STOPPED_AT_REQUEST_LINE : null;
            String keepReading = "A request arrives in pieces: one read() returns only what has arrived so far. Keep reading"
                + "\nuntil the empty line that ends the head. A socket closed with unread bytes is reset,"
                + "\nand a browser then shows an error instead of your page."
                + (request != null && request.body().length > 0
                    ? "\nA request with a body is read to its end too: exactly Content-Length bytes after the head." : "");
            Failure early = fail(e, "the server to read the whole request (" + wanted + " bytes) before answering",
                "the server closed the connection after the client had sent only " + e.sent().length + " of "
                    + wanted + " bytes; sending the rest failed (the connection was reset)" + serverGone(e),
                diagnosis == null ? keepReading
                    : diagnosis.equals(STOPPED_AT_REQUEST_LINE) ? diagnosis + "\n" + keepReading : diagnosis);
            if (STOPPED_AT_LONE_CR.equals(diagnosis)) {
                // The checkpoint's pieces may not cut there; this line does, so labkit shows the \n left unsent.
                byte[] onPort5000 = request.bytes(5000); // the Host header as on the try-it line's port
                String allButLast = new String(onPort5000, 0, onPort5000.length - 1, StandardCharsets.ISO_8859_1);
                early.withTryIt(TryIt.LABKIT + "show(sendInPieces(5000, 200, " + TryIt.expression(allButLast) + ", \"\\n\"))"
                    + "\n    (the whole request but its last \\n, then that \\n alone: a server that answers before it has come stopped at the \\r)");
            }
            throw diagnosis != null ? early.asDiagnosis() : early;
        }
        switch (e.ending()) {
            case REFUSED -> throw fail(e, "the server to accept the connection",
                "the connection was refused: nothing is listening on port " + e.port() + serverGoneAfterRefusal(e),
                "Is the server still running? Did it print the port it really listens on?");
            case RESET -> throw fail(e, "a response, then the server closing the connection normally",
                raw.length == 0 ? "the connection was reset before any response arrived"
                                : "the connection was reset (the response may be lost on a real network)",
                "A reset happens when a server closes its socket while bytes it has not read are still waiting,"
                    + "\nfor example after reading only part of the request. Read the whole request head first."
                    + (raw.length == 0 ? serverGoneAfterResetWithoutAnswer(e) : serverGone(e)));
            case TIMED_OUT -> {
                if (leftOpen(e)) {
                    run.noteFailure(CheckpointRun.LEFT_OPEN, checkpointId); // later ones wait less, and say it briefly
                }
                boolean waitedLess = NO_ANSWER_LIMIT.equals(limits.get(e)); // this exchange's own limit, not the run's now
                if (raw.length == 0 && !waitedLess && noAnswerNoted.add(e)) { // an exchange is looked at more than once
                    run.noteNoAnswer(); // after two, later exchanges wait less
                }
                double tenths = Math.round(e.millis() / 100.0) / 10.0; // 3000 ms: "3", 500 ms: "0.5"
                String seconds = tenths == Math.rint(tenths) ? String.valueOf((long) tenths) : String.valueOf(tenths);
                String found = raw.length == 0 ? "no answer within " + seconds + (seconds.equals("1") ? " second" : " seconds")
                        + (waitedLess ? " (two exchanges of this run got none in " + EXCHANGE_LIMIT.toSeconds()
                            + " seconds, so each now waits " + NO_ANSWER_LIMIT.toSeconds() + ")" : "")
                    : "the response came, but the connection stayed open for " + seconds + " seconds after it"
                        + (e.response().header("Content-Length") == null
                            ? ": without Content-Length, the client cannot know the response is complete" : "");
                throw fail(e, "a response, then the server closing the connection", found, raw.length == 0
                    ? "Does the server read the request, then write AND flush the response? A server that waits"
                        + "\nfor the client to close first (reading until -1) waits forever: the client waits too."
                    : leftOpenHint(e.response()));
            }
            case CLOSED -> {
                // e.millis() counts from the connection: the pauses between pieces are the client's time
                long waited = e.millis() - (request == null ? 0 : (request.pieceCount() - 1) * request.pause().toMillis());
                if (raw.length == 0 && e.notSent() == 0 && waited >= 800) { // an answer takes milliseconds: this is a read timeout
                    throw fail(e, "a response", "the server waited " + waited / 100 / 10.0
                            + " seconds, then closed the connection without answering" + serverGone(e),
                        "Did it wait for more of the request than the client sends? The head ends with an empty line;"
                            + "\nthen the client waits for the answer. It sends nothing more and does not close its side,"
                            + "\nso a server reading until -1 (or for more bytes) waits until its read timeout."
                            + (handTyped(e.sent()) ? "\nThis request's lines end with \\n alone, as typed by hand: its head ends with \\n\\n,"
                                + "\nnot \\r\\n\\r\\n." : ""));
                }
                if (raw.length == 0) {
                    throw fail(e, "a response", "the server closed the connection without sending anything" + serverGone(e),
                        closedWithoutAnswerHint());
                }
            }
        }
        return e.response();
    }

    /**
     * What the server printed says about why it closed without answering; the general advice if it
     * says nothing known. Waits a moment for its line about the request, not for it to go quiet.
     */
    private String closedWithoutAnswerHint() {
        List<String> printed = linesAboutLastRequest();
        if (printed.stream().anyMatch(line -> line.contains("NoSuchFileException"))) {
            List<String> removed = stage() >= 2 ? List.copyOf(fixture().removedFiles()) : List.of();
            if (!removed.isEmpty()) {
                // 04.server-error removes a route's file on purpose: the exception is expected, the silence is not
                return "NoSuchFileException (below) is what this checkpoint caused: it removed " + String.join(", ", removed)
                    + " from its web root.\nThe server did not answer the client, though. Catch it where you can still answer:"
                    + "\naround reply(...) in replyOr500 (TODO 7 of stage 04), not in serve's catch: the catch of a"
                    + "\ntry-with-resources runs after the socket is closed.";
            }
            String missing = printed.stream().map(NO_SUCH_FILE::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
            String inRoot = missing == null ? null : missingFileInRootHint(missing);
            if (inRoot != null) {
                return inRoot;
            }
            return "The server could not find a file it read (NoSuchFileException, below). Is it read from the"
                + "\nfolder the server was given, the parameter root, or from a path of its own, which Java looks"
                + "\nup from the folder the server was started in? (See 02.default-root.)";
        }
        if (printed.stream().anyMatch(line -> line.contains("MalformedInputException"))) {
            return "MalformedInputException (below): a file whose bytes are not UTF-8 text, such as an image, was read"
                + "\nas text (Files.readString, readAllLines). Read the bytes (Files.readAllBytes) and send them as they are.";
        }
        return "Look at what the server printed below: an exception, or a TODO that still throws?";
    }

    /** The path a NoSuchFileException names, as the server printed it. */
    private static final Pattern NO_SUCH_FILE = Pattern.compile("NoSuchFileException: ([^,)]+)");

    /**
     * A hint for a file the server looked for in the right folder, under a wrong name, or at a
     * path that starts with '/' (root.resolve("/index.html") is /index.html, whatever root is);
     * null when the path says neither (the general hint then asks where the server looks).
     */
    private String missingFileInRootHint(String missing) {
        try {
            Path path = Path.of(missing.strip()).toAbsolutePath().normalize();
            Path root = lane.root().toAbsolutePath().normalize();
            if (path.startsWith(root)) {
                return "The server looked for " + root.relativize(path).toString().replace('\\', '/') + " in the right folder (the root),"
                    + "\nand there is no such file: which file name does your code make of this path?";
            }
            if (path.getParent() != null && path.getParent().getParent() == null && Files.exists(root.resolve(path.getFileName()))) {
                return "The server looked for " + path + ", at the top of the file system. A name that starts with '/'"
                    + "\nis absolute: root.resolve(\"/index.html\") is /index.html, whatever root is. Resolve the name"
                    + "\nwithout its '/'.";
            }
        } catch (InvalidPathException e) {
            // not a path after all
        }
        return null;
    }

    /**
     * Like {@link #answered(Exchange)}, but a failure's hint has {@code hint} too: the checkpoint
     * knows the mistake that most likely leaves a client without an answer here. It leads, unless
     * the failure's own hint is a diagnosis of what the server did (it answered before the whole
     * body had come): that is certain, the checkpoint's is a guess.
     */
    public Response answered(Exchange e, String hint) {
        try {
            return answered(e);
        } catch (Failure f) {
            throw fail(e, f.expected(), f.found(), f.isDiagnosis() ? f.hint() + "\n" + hint : hint + "\n" + f.hint());
        }
    }

    /** The status line is exactly {@code HTTP/1.1 CODE REASON} followed by \r\n. */
    public void statusLine(Exchange e, int code, String reason) {
        Response r = answered(e);
        String wanted = "HTTP/1.1 " + code + " " + reason;
        String line = r.statusLine();
        if (!wanted.equals(line)) {
            String hint = line != null && line.startsWith("<")
                ? "The response starts with the body. A response must start with the status line, then the headers,"
                    + "\nan empty line, and only then the body."
                : line != null && line.equalsIgnoreCase(wanted)
                    ? "Upper and lower case matter in the status line: the version HTTP/1.1 and the reason phrase ('"
                        + wanted.substring(wanted.indexOf(' ', wanted.indexOf(' ') + 1) + 1) + "') are written exactly so."
                    : "The status line has three parts separated by single spaces: the version HTTP/1.1, the"
                        + "\nthree-digit status code, and the reason phrase that goes with it.";
            throw fail(e, "the status line '" + wanted + "'", "'" + line + "'", hint);
        }
    }

    /** Every line of the head ends with \r\n: no bare \n, no bare \r. */
    public void crlfLines(Exchange e) {
        Response r = answered(e);
        byte[] raw = r.raw();
        int end = r.hasHead() ? r.headLength() : raw.length;
        int line = 1;
        for (int i = 0; i < end; i++) {
            boolean bareLf = raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r');
            boolean bareCr = raw[i] == '\r' && (i + 1 >= raw.length || raw[i + 1] != '\n');
            if (bareLf || bareCr) {
                String which = lineText(raw, i);
                Request request = requests.get(e);
                // labkit, not curl: curl -v shows no \r, so it cannot show which one is missing
                throw Failure.of("every line of the head to end with \\r\\n (carriage return, then line feed)",
                    "line " + line + (which.isEmpty() ? ", the empty line that ends the head," : " ('" + which + "')")
                        + " ends with " + (bareLf ? "\\n alone" : "\\r alone"),
                    "HTTP lines end with two characters, \\r\\n. A \\n alone is a Unix text-file line ending."
                        + "\nMany clients forgive it (curl and Java's HttpClient do), but HTTP only allows them to, it"
                        + "\ndoes not require it: a client that keeps to the letter of HTTP may reject the response.")
                    .about(e, request == null ? null : request.tryItWithLabkit());
            }
            if (raw[i] == '\n') {
                line++;
            }
        }
    }

    /** The head ends with an empty line, so the client knows where the body starts. */
    public void headEnds(Exchange e) {
        Response r = answered(e);
        if (!r.hasHead()) {
            throw fail(e, "an empty line (\\r\\n\\r\\n) after the last header", "the head never ends: no empty line",
                "After the last header line comes an empty line: that is how the client knows the body starts.");
        }
    }

    /** The header is present and its value, compared without case, equals {@code wanted}. */
    public void header(Exchange e, String name, String wanted, String hint) {
        Response r = answered(e);
        String value = r.header(name);
        if (value == null || !normalise(value).equals(normalise(wanted))) {
            throw fail(e, "the header '" + name + ": " + wanted + "'",
                value == null ? "no " + name + " header" + lookalike(r, name) : name + ": " + value, hint);
        }
    }

    /** Content-Length is a number equal to the body's length in bytes. */
    public void contentLength(Exchange e) {
        headEnds(e); // without the empty line, the client finds no body at all: that comes first
        Response r = answered(e);
        String value = r.header("Content-Length");
        int bodyBytes = r.body().length;
        if (value == null) {
            throw fail(e, "a Content-Length header equal to the body's size in bytes (" + bodyBytes + ")",
                "no Content-Length header" + lookalike(r, "Content-Length"),
                "Content-Length tells the client how many bytes of body to expect. The name has a hyphen"
                    + "\nand no space: Content-Length.");
        }
        // BigInteger: a wrong server may send a length of any number of digits
        if (bodyBytes == 0 && value.matches("[0-9]+") && new BigInteger(value).signum() > 0) {
            throw fail(e, "the " + value + " bytes of body that Content-Length announces, after the empty line",
                "Content-Length: " + value + ", and nothing after the empty line before the server closed",
                "The count looks right; the body is what is missing. Are the body's bytes written after the head"
                    + "\n(joined to it, or a second write), and before the socket is closed?");
        }
        if (!value.matches("[0-9]+") || !new BigInteger(value).equals(BigInteger.valueOf(bodyBytes))) {
            int announced = value.matches("[0-9]{1,9}") ? Integer.parseInt(value) : -1;
            String extra = announced >= 0 && announced < bodyBytes
                ? new String(r.body(), announced, bodyBytes - announced, StandardCharsets.ISO_8859_1) : "";
            if (!extra.isEmpty() && extra.matches("[\r\n]+")) {
                // The count fits the body the student meant; what follows it is the mistake (01.body says so too).
                throw fail(e, "the body to end where Content-Length (" + value + ") says: no bytes after it",
                    "Content-Length: " + value + ", then a body of " + bodyBytes + " bytes: the last " + extra.length()
                        + " of them are " + labkit.Visible.of(extra).strip(),
                    "The count is right for the page; the " + labkit.Visible.of(extra).strip() + " after it is the mistake."
                        + "\nA body is the page's bytes and nothing else: no line ending after it, unlike the head's lines.");
            }
            boolean nonAscii = new String(r.body(), StandardCharsets.ISO_8859_1).chars().anyMatch(c -> c > 127);
            throw fail(e, "Content-Length: " + bodyBytes + " (the body has " + bodyBytes + " bytes)",
                "Content-Length: " + value,
                nonAscii ? "Content-Length counts bytes, not characters: in UTF-8 a character such as ü takes two"
                              + "\nbytes. Count the bytes you send, after encoding."
                         : "Count the bytes of the body you actually send, after encoding it.");
        }
    }

    /** The body is exactly these bytes. */
    public void body(Exchange e, byte[] wanted, String hint) {
        headEnds(e); // without the empty line, the client finds no body at all: that comes first
        Response r = answered(e);
        if (!Arrays.equals(r.body(), wanted)) {
            throw fail(e, "the body to be exactly " + wanted.length + " bytes: "
                    + labkit.Visible.of(wanted, 200).strip(),
                r.body().length == 0 ? "no body: nothing came after the empty line"
                    : "a body of " + r.body().length + " bytes: " + labkit.Visible.of(r.body(), 200).strip(),
                r.body().length == 0 && wanted.length > 0
                    ? "Nothing came after the empty line that ends the head: write the body's bytes after the head."
                    : hint);
        }
    }

    // ------------------------------------------------------------------ the web root, a second server

    /** The files of the web root, made fresh for this run (stage 02 on). */
    Fixture fixture() {
        return lane.fixture();
    }

    /** What a check does with a second server: talk to it through {@link #sendTo}. */
    @FunctionalInterface
    public interface OtherServerCheck {
        void run(ServerProcess other) throws Exception;
    }

    /**
     * Starts a second copy of the server under test, from the compiled classes in {@code classes},
     * with {@code workDir} as its working directory and exactly {@code arguments} (no --root unless
     * given), runs {@code check} against it, and stops it whatever happens.
     *
     * @throws Failure when it does not start (see {@link ServerProcess#start})
     */
    public void withOtherServer(Path classes, Path workDir, List<String> arguments, OtherServerCheck check)
            throws Exception {
        try (ServerProcess other = ServerProcess.start(classes, workDir, arguments)) {
            check.run(other);
        }
    }

    /** Sends a request to a second server started by {@link #withOtherServer}. */
    public Exchange sendTo(ServerProcess other, Request request) {
        Exchange exchange = RawClient.exchange(other.port(), request.pieces(other.port()), request.pause(), EXCHANGE_LIMIT);
        requests.put(exchange, request);
        otherServerOf.put(exchange, other);
        return exchange;
    }

    /** The compiled server under test, and a folder of this run for a checkpoint's own files. */
    Path serverClasses() {
        return run.target().classes();
    }

    Path workDir() {
        return run.workDir();
    }

    // ------------------------------------------------------------------ helpers

    /** Whether the response came and the server then left the connection open. */
    static boolean leftOpen(Exchange e) {
        return e.ending() == Exchange.Ending.TIMED_OUT && e.response().raw().length > 0;
    }

    /** The hint for a response after which the connection stayed open. */
    private static String leftOpenHint(Response r) {
        String connection = r.header("Connection");
        boolean promised = connection != null && connection.strip().equalsIgnoreCase("close");
        return "Close the client's socket after writing the response: this server answers one request per"
            + "\nconnection."
            + (promised ? "\nThe response says Connection: close, so a client that waits for that close waits for ever"
                            + (r.header("Content-Length") != null ? "\n(curl does not: it stops where Content-Length says the body ends)." : ".")
                        : "\nSay so with the header Connection: close, then close the socket.");
    }

    /** What a server that answered early did, as {@link #answered(Exchange)} tells it. */
    private static final String BODY_CUT_SHORT = "It read the whole head, then answered before the whole body had come. The body arrives like"
            + "\nthe head: one read() returns only what has arrived so far, perhaps one piece. Keep reading"
            + "\nuntil you have exactly Content-Length bytes of body. A socket closed with unread bytes is"
            + "\nreset, and a browser then shows an error instead of your page.",
        STOPPED_AT_LONE_CR = "It answered when everything but the last byte had come: the \\n after the \\r of the empty line."
            + "\nA reader that ends a line at a lone \\r does that (BufferedReader's readLine() does, and reads the"
            + "\n\\n only with the next line, which never comes). That \\n stays unread, and a socket closed with"
            + "\nunread bytes is reset. Read bytes, and end a line at \\n (a \\r just before it belongs to the ending).",
        STOPPED_AT_REQUEST_LINE = "It answered after the request line, before the next line had come: reading one line"
            + "\n(one readLine()) reads only the request line. Header lines follow it, up to the empty line"
            + "\nthat ends the head.";

    /**
     * When the answer began to arrive, the client had sent all of a request without a body but
     * its last byte, the \n of the empty line's \r\n: the server took the \r for the end.
     */
    private static boolean stoppedAtLoneCr(Exchange e, Request request) {
        if (request == null || request.body().length > 0) {
            return false;
        }
        byte[] all = request.bytes(e.port());
        return all.length >= 2 && e.sentBeforeAnswer() == all.length - 1 && all[all.length - 1] == '\n' && all[all.length - 2] == '\r';
    }

    /** Whether the whole head of a request with a body had been sent when the answer began. */
    private static boolean bodyCutShort(Exchange e, Request request) {
        if (request == null || request.body().length == 0) {
            return false;
        }
        int headBytes = request.bytes(e.port()).length - request.body().length;
        return e.sentBeforeAnswer() >= headBytes;
    }

    /**
     * When the answer began to arrive, the client had sent the request line and no other whole
     * line: the server read one line. (It answers within a millisecond, but between two pieces
     * the client may send a few more bytes of the next line.)
     */
    private static boolean stoppedAtRequestLine(Exchange e) {
        String text = new String(e.sent(), 0, e.sentBeforeAnswer(), StandardCharsets.ISO_8859_1);
        return text.indexOf('\n') >= 0 && text.indexOf('\n') == text.lastIndexOf('\n');
    }

    /** A head with bare \n line endings (a hand-typed request): "\n\n" in it and no "\r\n\r\n". */
    private static boolean handTyped(byte[] sent) {
        String text = new String(sent, StandardCharsets.ISO_8859_1);
        return text.contains("\n\n") && !text.contains("\r\n\r\n");
    }

    /**
     * How long a refused connection waits for the server's process to end. Nothing listens any
     * more, so the server is most likely on its way out, and a JVM can take a while to exit on a
     * busy machine (the report would miss "STOPPED"). A reset before any answer may wait as long,
     * once a lane (see serverGoneAfterResetWithoutAnswer). Other failures wait 200 ms (then less, see
     * below): there the server may well be running, and a student's failing run must not wait long
     * for each of them. A server still running after that wait (it closed its listening socket and
     * lives on) is not waited for so long again in this lane.
     */
    private static final long REFUSED_EXIT_WAIT_MILLIS = 2000;

    /**
     * How long the other failures wait for the server's exit once the same server was still
     * running after one of them: a server that lived on after one failed exchange will most likely
     * live on after the next. The stage 01 starter, whose response() throws, closes 14 checkpoints'
     * connections without a word; 200 ms each made a student's first run about 2.5 s longer. A
     * server that does stop later is still named: the next checkpoint starts it again and says so.
     */
    private static final long EXIT_WAIT_AFTER_RUNNING_MILLIS = 20;

    private String serverGone(Exchange e) {
        return serverGone(e, false, false);
    }

    private String serverGoneAfterRefusal(Exchange e) {
        return serverGone(e, true, false);
    }

    /**
     * A reset before any byte of an answer is what a client sees when the server's process exits
     * with the connection open (an exception that escaped the accept loop, say), so it may wait as
     * long as a refusal, once a lane; but a server can also reset and live on (it closed before
     * reading the request), so afterwards it waits as other failures do. Not for a second server.
     */
    private String serverGoneAfterResetWithoutAnswer(Exchange e) {
        return serverGone(e, false, true);
    }

    /** For an exchange with a second server ({@link #sendTo}), that server; else the lane's (also for e == null). */
    private String serverGone(Exchange e, boolean refused, boolean likelyExiting) {
        ServerProcess other = e == null ? null : otherServerOf.get(e);
        ServerProcess server = other != null ? other : lane.currentServer();
        if (server == null) {
            return "";
        }
        // an exiting JVM takes a few ms (ServerProcess.exitCode waits that long), more on a busy machine
        boolean longWait = refused ? other != null || lane.mayWaitLongForExit()
            : likelyExiting && other == null && lane.mayWaitLongForExit();
        boolean shortWait = !longWait && !refused && other == null && lane.ranOnAfterAFailure(server);
        int exitCode = longWait ? server.exitCode(REFUSED_EXIT_WAIT_MILLIS)
            : shortWait ? server.exitCode(EXIT_WAIT_AFTER_RUNNING_MILLIS) : server.exitCode();
        if (longWait && exitCode == -1 && other == null) {
            lane.noLongWaitsForExit();
        }
        if (!refused && exitCode == -1 && other == null) {
            lane.notedRunningAfterAFailure(server);
        }
        if (exitCode != -1) {
            return ".\nThe server process has STOPPED (exit code " + exitCode + "): one client must never stop"
                + " a server. Look for System.exit or an exception that escapes the accept loop";
        }
        return "";
    }

    /** Points out a near miss such as "Content length" or "content-typ". */
    private static String lookalike(Response r, String name) {
        String squeezed = name.toLowerCase(Locale.ROOT).replace("-", "");
        for (String line : new String(r.raw(), 0, r.headLength(), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            String lower = line.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
            if (lower.contains(squeezed)) {
                return " (but there is a line '" + line.strip() + "': check the spelling, hyphen, colon, and line ending)";
            }
        }
        return "";
    }

    private static String normalise(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", "; ").strip();
    }

    private static String lineText(byte[] raw, int endIndex) {
        int start = endIndex - 1;
        while (start >= 0 && raw[start] != '\n') {
            start--;
        }
        int from = start + 1;
        int to = endIndex > from && raw[endIndex - 1] == '\r' ? endIndex - 1 : endIndex;
        return new String(raw, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }
}
