package checkpoints;

import labkit.Exchange;
import labkit.RawClient;
import labkit.Response;

import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
    private Path studentWww() {
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
            : run.noAnswerBy() != null ? NO_ANSWER_LIMIT : EXCHANGE_LIMIT;
        Exchange exchange = RawClient.exchange(port, request.pieces(port), request.pause(), limit);
        requests.put(exchange, request);
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
        return Failure.of(expected, found, hint).about(exchange, request == null ? null : tryIt(exchange, request));
    }

    /**
     * How to send the request by hand. After a response that ended with the connection left open,
     * labkit rather than curl: curl stops at the end Content-Length gives and looks fine, labkit
     * says that the connection stayed open past its time limit.
     */
    private String tryIt(Exchange exchange, Request request) {
        // labkit, not curl, where curl hides the fault: a connection left open, a head that never ends
        // (curl says "transfer closed with 21 bytes remaining" and shows no body; labkit names the line)
        boolean headNeverEnds = exchange.response().raw().length > 0 && !exchange.response().hasHead();
        String line = leftOpen(exchange) || headNeverEnds ? request.tryItWithLabkit() : request.tryIt();
        List<String> notes = new ArrayList<>();
        OwnVersion own = request.isRaw() ? null : ownVersion(request.target());
        String made = own != null ? null : madeFileNote(request.target());
        if (own != null) {
            notes.add(own.note() + "\n    " + request.withTarget(own.target()).tryIt());
        } else if (made != null) {
            notes.add(made);
        }
        notes.addAll(changedFilesNotes());
        String withNotes = notes.isEmpty() ? line : line + "\n    " + String.join("\n    ", notes);
        return postsFirst(request, withNotes);
    }

    /** A target with a file of the student's in place of one the checkpoint made, and the note that says how to get it. */
    private record OwnVersion(String target, String note) {
    }

    /**
     * The same request for a file the student has, or can make, in place of one the checkpoint
     * made for this run only: the secret outside the root, the secret beside static/, stage 05's
     * file of an odd name. Null when the target names none of them.
     */
    private OwnVersion ownVersion(String target) {
        String outside = withOwnFileOutside(target);
        if (outside != null) {
            return new OwnVersion(outside, "(the checkpoint made this file outside its web root, for this run only. The same"
                + " with a file of yours, the lesson README.md beside your www/:)");
        }
        String sibling = withOwnSiblingSecret(target);
        if (sibling != null) {
            return new OwnVersion(sibling, "(the checkpoint made this file in a folder beside static/ whose name starts with"
                + " \"static\", for this run only. The same with a file of yours: make the folder www/" + SIBLING_FOLDER
                + "/ with a file " + SIBLING_FILE + " in it (any text), then:)");
        }
        String odd = withOwnOddName(target);
        return odd == null ? null : new OwnVersion(odd, "(the checkpoint made this file in its web root, for this run only."
            + " The same with a file of yours: make www/" + ODD_NAME + " (any text), then:)");
    }

    /**
     * The target with the checkpoint's secret file (made beside its web root, for this run only)
     * in place of the student's README.md, which is beside their www/ in the same way: by a
     * relative path ("/static/../../outside-x/secret-y.txt" becomes "/static/../../README.md",
     * escapes and all) or an absolute one. Null when the target does not name the secret.
     */
    String withOwnFileOutside(String target) {
        if (target == null || stage() < 3) {
            return null;
        }
        Fixture f = fixture();
        // the absolute path first (without its leading '/', which a target may escape): it ends with the relative one
        String readme = run.target().moduleDir().resolve("README.md").toAbsolutePath().toString().replace('\\', '/');
        String own = replacedWithAnySlash(target, f.secretAbsolute().replaceFirst("^/", ""), readme.replaceFirst("^/", ""));
        return own != null ? own : replacedWithAnySlash(target, f.secretBesideRoot(), "README.md");
    }

    /** The folder and file a student makes to try the checkpoint's secret beside static/ by hand. */
    static final String SIBLING_FOLDER = "static-private";
    static final String SIBLING_FILE = "key.txt";

    /**
     * The target with the checkpoint's secret beside static/ (static-private-xxxx/key-yyyy.txt,
     * a folder whose name starts as static/ does, made for this run only) in place of
     * static-private/key.txt, which the student can make in their www/. Null when the target does
     * not name it.
     */
    String withOwnSiblingSecret(String target) {
        if (target == null || stage() < 4) {
            return null;
        }
        return replacedWithAnySlash(target, fixture().siblingSecret, SIBLING_FOLDER + "/" + SIBLING_FILE);
    }

    /** The name with a space and '+' in it that a student makes to try 05.path-decoding's file by hand. */
    static final String ODD_NAME = "static/two words+c++ notes.txt";

    /**
     * The target with the checkpoint's file of an odd name (static/two words+c++ WORD.txt, WORD made
     * for this run) in place of {@value #ODD_NAME}, which the student can make in their www/, escapes
     * and all. Null when the target does not name that file.
     */
    String withOwnOddName(String target) {
        String odd = stage() >= 5 ? fixture().staticOddName : null;
        if (target == null || odd == null) {
            return null;
        }
        String word = odd.substring(odd.lastIndexOf(' ') + 1, odd.lastIndexOf('.'));
        String path = TryIt.pathOf(target);
        return percentDecoded(path).equals("/" + odd) && path.contains(word) ? target.replace(word, "notes") : null;
    }

    /**
     * The target with {@code path} in place of {@code other}, written with the same '/' between names
     * as the target has them (as it is, %2f or %2F); null if the target does not hold the path.
     */
    private static String replacedWithAnySlash(String target, String path, String other) {
        for (String slash : List.of("/", "%2f", "%2F")) {
            String named = path.replace("/", slash);
            if (target.contains(named)) {
                return target.replace(named, other.replace("/", slash));
            }
        }
        return null;
    }

    /** The most posts a "try it by hand" lists before the request it is about. */
    private static final int SHOWN_POSTS = 5;

    /**
     * The line, after the posts this checkpoint sent before it when it asks for the guestbook: a
     * server started afresh by hand has an empty guestbook, and the page looks fine.
     */
    private String postsFirst(Request request, String line) {
        String target = request.target();
        if (request.method().equals("POST") || target == null || !TryIt.pathOf(target).equals("/guestbook") || posts.isEmpty()) {
            return line;
        }
        List<String> lines = new ArrayList<>();
        lines.add(posts.size() == 1 ? "first the post the checkpoint sent before this request (a server started afresh has none):"
            : "first the " + posts.size() + " posts the checkpoint sent before this request, in order (a server started afresh has none):");
        posts.stream().limit(SHOWN_POSTS).forEach(post -> lines.add(post.tryIt()));
        if (posts.size() > SHOWN_POSTS) {
            lines.add("(and " + (posts.size() - SHOWN_POSTS) + " more posts like these)");
        }
        lines.add("then:");
        lines.add(line);
        return String.join("\n    ", lines);
    }

    /**
     * Notes on files of the web root that the checkpoint changed or removed for this request (an
     * edited file, a template of its own, a missing page): the student's www/ has them as they were.
     */
    private List<String> changedFilesNotes() {
        if (stage() < 2) {
            return List.of();
        }
        Fixture fixture = fixture();
        List<String> notes = new ArrayList<>();
        for (String file : fixture.changedFiles()) {
            // Only an edit between two requests is about reading afresh. A file the checkpoint put in
            // place before its first request (a template of its own) needs nothing: the student's shows the same.
            if (fixture.changedAt(file) > firstExchangeAt) {
                notes.add("(the checkpoint changed " + file + " in its web root between two requests: run the line, edit your www/"
                    + file + (fixture.changeKeptSize(file) ? " without changing its size (swap one letter for another)" : "")
                    + ", run it again)");
            }
        }
        for (String file : fixture.removedFiles()) {
            notes.add("(the checkpoint removed " + file + " from its web root for this request: rename your www/" + file
                + ", then run the line)");
        }
        return notes;
    }

    /**
     * A note when the target names a file this run made, which the student's own server does not
     * have: a file of the checkpoint's web root that the stage's www/ lacks (such as
     * /static/notes-xxnnmghi.txt), or one outside the root in the run's temporary folder (the
     * traversal checkpoints' secrets, named by a relative or an absolute /tmp/checkpoints-... path).
     * Null for any other target.
     */
    String madeFileNote(String target) {
        if (target == null || stage() < 2) {
            return null;
        }
        String path = percentDecoded(TryIt.pathOf(target));
        try {
            Path work = run.workDir().toAbsolutePath().normalize();
            Path root = lane.root().toAbsolutePath().normalize();
            Path resolved = root.resolve(path.replaceFirst("^/+", "")).normalize();
            boolean outside = !resolved.startsWith(root) && resolved.startsWith(work) && Files.exists(resolved);
            if (outside || path.replace('\\', '/').contains(work.toString().replace('\\', '/'))) {
                return "(the checkpoint made this file outside its web root, for this run only; try a file of yours outside www/)";
            }
            if (resolved.startsWith(root) && Files.isRegularFile(resolved)) {
                Path relative = root.relativize(resolved);
                Path www = studentWww();
                if (!Files.exists(www.resolve(relative))) {
                    Path folder = relative.getParent() == null ? Path.of("") : relative.getParent();
                    String where = "your www/" + (folder.toString().isEmpty() ? "" : folder.toString().replace('\\', '/') + "/");
                    String name = relative.getFileName().toString();
                    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
                    if (!extension.isEmpty() && !hasFileEndingWith(www.resolve(folder), extension)) {
                        // its kind of file is what matters (a Content-Type), and the student has none of that kind there
                        return "(the checkpoint made this file in a web root of its own; make a " + extension + " file in " + where
                            + " and try that)";
                    }
                    return "(the checkpoint made this file in a web root of its own; try a file in "
                        + (folder.getNameCount() >= 1 && folder.getName(0).toString().equals("static") ? "your www/static/" : "your www/") + ")";
                }
            }
        } catch (InvalidPathException e) {
            // a NUL or another character no file name has: no file of ours either
        }
        return null;
    }

    /**
     * A note when the checkpoint's own copy of a file of the root is not like the student's
     * www/ one in what can make a server fail (its size, its line ends, its characters): the
     * checkpoint's index.html is over 8 KiB with \r\n line ends, and a server that reads once,
     * or by lines, fails on it but not on the stage's own. Null when they are the same, or when
     * the file is one the checkpoint changed or made (other notes say so).
     */
    String ownFileNote(String file) {
        if (stage() < 2) {
            return null;
        }
        Fixture fixture = fixture();
        if (!fixture.has(file) || fixture.changedFiles().contains(file)) {
            return null; // a description ("kittens.html filled with size 100"), not a file; or one another note is about
        }
        Path theirs = studentWww().resolve(file);
        if (!Files.isRegularFile(theirs)) {
            return null;
        }
        try {
            byte[] ours = fixture.bytes(file), yours = Files.readAllBytes(theirs);
            if (traits(ours).equals(traits(yours))) {
                return null; // alike in all that matters here: the student's own file shows the same
            }
            return "(the checkpoint's own " + file + " is " + described(ours) + "; your www/" + file + " is " + described(yours)
                + ": if yours does not show this, make it " + String.join(", ", alike(ours, yours)) + ", and run the line again)";
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The step of {@link #alike} for a student's file without the non-ASCII characters of ours. */
    static final String NON_ASCII_STEP = "with characters such as \u00fc in it";

    /**
     * What to do to a student's file to give it the checkpoint's file's traits where they differ:
     * "larger than 8 KiB (copy its content several times)", "with lines ending in \r\n", ...
     */
    static List<String> alike(byte[] ours, byte[] yours) {
        List<String> theirs = traits(ours), mine = traits(yours);
        List<String> steps = new ArrayList<>();
        if (!theirs.get(0).equals(mine.get(0))) {
            steps.add(ours.length > yours.length
                ? "larger than " + (ours.length > LARGE_BUFFER ? "64 KiB" : "8 KiB") + " (copy its content several times)"
                : "smaller than " + (ours.length <= SMALL_BUFFER ? "8 KiB" : "64 KiB"));
        }
        for (String trait : theirs.subList(1, theirs.size())) {
            if (!mine.contains(trait)) {
                steps.add(trait.startsWith("lines") ? "with " + trait + " (saved so by your editor)"
                    : trait.equals("non-ASCII characters") ? NON_ASCII_STEP : trait);
            }
        }
        return steps.isEmpty() ? List.of("like the checkpoint's") : steps;
    }

    /** A file's size and {@link #traits}, in words: "9,265 bytes, lines ending in \r\n, non-ASCII characters". */
    static String described(byte[] bytes) {
        List<String> words = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d bytes", bytes.length)));
        List<String> traits = traits(bytes);
        words.addAll(traits.subList(1, traits.size())); // the exact size instead of its class
        return String.join(", ", words);
    }

    /** The usual sizes of a buffer that one read() fills: a file larger than one gets only part of it. */
    private static final int SMALL_BUFFER = 8_192, LARGE_BUFFER = 65_536;

    /**
     * What can make one file fail where another passes: its size against the usual buffers (8 KiB,
     * 64 KiB: a server that reads once gets a part), its line ends (a server that reads by lines
     * changes them), its characters (non-ASCII, or bytes that are not UTF-8, for a server that
     * decodes). The size class comes first.
     */
    static List<String> traits(byte[] bytes) {
        List<String> traits = new ArrayList<>();
        traits.add(bytes.length > LARGE_BUFFER ? "over 64 KiB" : bytes.length > SMALL_BUFFER ? "over 8 KiB" : "up to 8 KiB");
        String text = Failure.utf8OrNull(bytes);
        if (text == null) {
            traits.add("not UTF-8 text");
        } else {
            if (text.contains("\r\n")) {
                traits.add("lines ending in \\r\\n");
            } else if (text.contains("\n")) {
                traits.add("lines ending in \\n");
            }
            if (text.chars().anyMatch(c -> c > 0x7f)) {
                traits.add("non-ASCII characters");
            }
        }
        return traits;
    }

    /** Whether the folder holds a file whose name ends with {@code extension} (".js"), in any case. */
    private static boolean hasFileEndingWith(Path folder, String extension) {
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT)));
        } catch (java.io.IOException e) {
            return false; // no such folder: no such file either
        }
    }

    /** The path with its %XX escapes decoded (as UTF-8); an escape that is not one stays as it is. */
    private static String percentDecoded(String path) {
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
            throw fail(e, "the server to read the whole request (" + wanted + " bytes) before answering",
                "the server closed the connection after the client had sent only " + e.sent().length + " of "
                    + wanted + " bytes; sending the rest failed (the connection was reset)" + serverGone(e),
                e.response().statusLine() != null && bodyCutShort(e, request)
                    ? "It read the whole head, then answered before the whole body had come. The body arrives like"
                        + "\nthe head: one read() returns only what has arrived so far, perhaps one piece. Keep reading"
                        + "\nuntil you have exactly Content-Length bytes of body. A socket closed with unread bytes is"
                        + "\nreset, and a browser then shows an error instead of your page."
                    : (e.response().statusLine() != null && stoppedAtRequestLine(e)
                        ? "It answered after the request line, before the next line had come: reading one line"
                            + "\n(one readLine()) reads only the request line. Header lines follow it, up to the empty line"
                            + "\nthat ends the head.\n" : "")
                    + "A request arrives in pieces: one read() returns only what has arrived so far. Keep reading"
                    + "\nuntil the empty line that ends the head. A socket closed with unread bytes is reset,"
                    + "\nand a browser then shows an error instead of your page."
                    + (request != null && request.body().length > 0
                        ? "\nA request with a body is read to its end too: exactly Content-Length bytes after the head." : ""));
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
                    + serverGone(e));
            case TIMED_OUT -> {
                if (leftOpen(e)) {
                    run.noteFailure(CheckpointRun.LEFT_OPEN, checkpointId); // later ones wait less, and say it briefly
                }
                String firstWithout = raw.length == 0 ? run.noAnswerBy() : null;
                if (raw.length == 0 && firstWithout == null) {
                    firstWithout = run.noteFailure(CheckpointRun.NO_ANSWER, checkpointId); // later ones wait less
                }
                double tenths = Math.round(e.millis() / 100.0) / 10.0; // 3000 ms: "3", 500 ms: "0.5"
                String seconds = tenths == Math.rint(tenths) ? String.valueOf((long) tenths) : String.valueOf(tenths);
                String found = raw.length == 0 ? "no answer within " + seconds + (seconds.equals("1") ? " second" : " seconds")
                        + (firstWithout.equals(checkpointId) ? ""
                            : " (since " + firstWithout + " got none in " + EXCHANGE_LIMIT.toSeconds() + ", each exchange waits "
                                + NO_ANSWER_LIMIT.toSeconds() + ")")
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
                    + " from its web root.\nThe server did not answer the client, though.";
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
     * Like {@link #answered(Exchange)}, but a failure leads with {@code hint}: the checkpoint knows
     * the mistake that most likely leaves a client without an answer here.
     */
    public Response answered(Exchange e, String hint) {
        try {
            return answered(e);
        } catch (Failure f) {
            throw fail(e, f.expected(), f.found(), hint + "\n" + f.hint());
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
                    "line " + line + " ('" + which + "') ends with " + (bareLf ? "\\n alone" : "\\r alone"),
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
     * busy machine (the report would miss "STOPPED"). Other failures wait 200 ms: there the server
     * may well be running, and a student's failing run must not wait long for each of them. A
     * server still running after that wait (it closed its listening socket and lives on) is not
     * waited for so long again in this lane.
     */
    private static final long REFUSED_EXIT_WAIT_MILLIS = 2000;

    private String serverGone(Exchange e) {
        return serverGone(e, false);
    }

    private String serverGoneAfterRefusal(Exchange e) {
        return serverGone(e, true);
    }

    /** For an exchange with a second server ({@link #sendTo}), that server; else the lane's (also for e == null). */
    private String serverGone(Exchange e, boolean refused) {
        ServerProcess other = e == null ? null : otherServerOf.get(e);
        ServerProcess server = other != null ? other : lane.currentServer();
        if (server == null) {
            return "";
        }
        // an exiting JVM takes a few ms (ServerProcess.exitCode waits that long), more on a busy machine
        boolean longWait = refused && (other != null || lane.mayWaitLongForExit());
        int exitCode = longWait ? server.exitCode(REFUSED_EXIT_WAIT_MILLIS) : server.exitCode();
        if (longWait && exitCode == -1 && other == null) {
            lane.noLongWaitsForExit();
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
