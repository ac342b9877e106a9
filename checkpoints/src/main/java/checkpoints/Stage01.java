package checkpoints;

import labkit.Exchange;
import labkit.RawClient;
import labkit.Response;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stage 01, hello over a raw socket: any request gets 200 and the body {@code <h1>Hello Client</h1>}. */
final class Stage01 {

    static final String HELLO = "<h1>Hello Client</h1>";

    private Stage01() {
    }

    static List<Checkpoint> checkpoints() {
        return List.of(
            Checkpoint.of("01.connect", 1, "The server accepts a connection on the port it printed", Stage01::connect),
            Checkpoint.of("01.status-line", 2, "The response starts with the status line HTTP/1.1 200 OK",
                p -> p.statusLine(p.get(p.homeTarget()), 200, "OK")),
            Checkpoint.of("01.crlf", 2, "Every line of the response head ends with \\r\\n",
                p -> p.crlfLines(p.get(p.homeTarget()))),
            Checkpoint.of("01.head-end", 1, "An empty line ends the head, before the body",
                p -> p.headEnds(p.get(p.homeTarget()))),
            Checkpoint.of("01.content-type", 1, "Content-Type is text/html; charset=utf-8",
                p -> p.header(p.get(p.homeTarget()), "Content-Type", "text/html; charset=utf-8",
                    "The Content-Type header tells the browser what the body is: HTML, in UTF-8."
                        + (p.stage() >= 3 ? "\nFrom stage 03 on it comes from the file's extension, html (TODO 4 of stage 03):"
                            + "\n03.content-type's report, if it fails too, says more." : ""))),
            Checkpoint.of("01.body", 2, "The body is exactly <h1>Hello Client</h1>",
                p -> p.body(p.get(p.homeTarget()), HELLO.getBytes(StandardCharsets.UTF_8),
                    "Send the page and nothing else after the empty line: no extra line ending, no spaces.")).until(1),
            Checkpoint.of("01.content-length", 2, "Content-Length equals the body's size in bytes",
                p -> p.contentLength(p.get(p.homeTarget()))),
            Checkpoint.of("01.connection-close", 1, "The response says Connection: close, then the server closes the connection",
                p -> p.header(p.get(p.homeTarget()), "Connection", "close",
                    "Tell the client the connection ends with the response: the header Connection: close.")),
            Checkpoint.of("01.log", 1, "The server prints one line per request, with the method, the path and the status",
                Stage01::log),
            Checkpoint.of("01.twenty-clients", 2, "Twenty clients one after another all get a whole response",
                Stage01::twentyClients),
            Checkpoint.of("01.browser-request", 2, "A browser-sized request (700 bytes in three pieces) is answered, not reset",
                Stage01::browserRequest).onSecondServer(),
            Checkpoint.of("01.byte-at-a-time", 1, "A request that arrives in 40 tiny pieces, a byte or two each, is answered",
                Stage01::byteAtATime),
            Checkpoint.of("01.bare-lf", 1, "A hand-typed request with \\n line endings is answered",
                p -> p.statusLine(p.send(Request.raw("GET " + p.homeTarget() + " HTTP/1.1\nHost: localhost\n\n")), 200, "OK")),
            Checkpoint.of("01.large-head", 1, "A request head of 8,000 bytes is read to its end and answered; one that never ends, not past 8,192",
                Stage01::largeHead).onSecondServer(),
            Checkpoint.of("01.hang-up", 1, "A client that hangs up half-way through its request does not stop the server",
                Stage01::hangUp).onSecondServer(),
            Checkpoint.of("01.http-client", 1, "Java's own HttpClient accepts the response", Stage01::httpClient)
        );
    }

    private static void connect(Probe p) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", p.port()), 3000);
        } catch (IOException e) {
            throw Failure.of("a connection to 127.0.0.1:" + p.port(), "it failed: " + e.getMessage(),
                "The server printed this port. Is it listening on 127.0.0.1, and still running?");
        }
        // Only this computer may connect (SPEC 3). Told by the kernel's table of sockets, on Linux.
        List<InetAddress> wider = ListeningSockets.addresses(p.port()).stream().filter(a -> !a.isLoopbackAddress()).toList();
        if (!wider.isEmpty()) {
            throw Failure.of("the server listening on 127.0.0.1 only", "it listens on "
                    + (wider.get(0).isAnyLocalAddress() ? "every address of this computer (" + wider.get(0).getHostAddress() + ")"
                        : wider.get(0).getHostAddress()),
                "Anyone on the same network (a cafe's Wi-Fi) could then reach your server and its files. Listen on"
                    + "\n127.0.0.1, the address that means 'this computer', as the given listen() does:"
                    + "\nnew ServerSocket(port) alone listens on every address.")
                .withTryIt("ask the system where it listens (no request can show it from this computer): ss -ltn 'sport = :5000'"
                    + " on Linux, lsof -nP -iTCP:5000 -sTCP:LISTEN on macOS, netstat -an | findstr :5000 on Windows"
                    + "\n    (127.0.0.1:5000, or [::ffff:127.0.0.1]:5000, is this computer only; *:5000, 0.0.0.0:5000 or [::]:5000 is every address)");
        }
        // That client said nothing and hung up, as a browser's spare connection does: the server must
        // still be running (the checkpoints start a stopped server again, so only this one can tell).
        // The next client tells: a server that died is gone by the time it is refused (or, on a busy
        // machine, soon after: up to 2 s), where a pause alone could look too early. A connection
        // that was refused or reset without a byte may be a server on its way out (an exiting
        // process resets the connections it never accepted), so only then we wait for an exit.
        // One closed cleanly was accepted and closed by the server itself: it is running (a starter
        // whose response() still throws does that, and need not cost every first run 2 s).
        // (Sent past the probe: its exchange is no one's to report, and the lane then waits for the
        // server to go quiet before the next checkpoint, as after a checkpoint that sent nothing.)
        // 1 s is enough: an answer takes milliseconds, and a server that keeps the connection open
        // without answering is alive (its fault is for 01.status-line to tell).
        ServerProcess.pause(Duration.ofMillis(50));
        Exchange next = RawClient.exchange(p.port(), Request.get(p.homeTarget()).bytes(p.port()), Duration.ofSeconds(1));
        boolean gone = next.response().raw().length == 0
            && (next.ending() == Exchange.Ending.REFUSED || next.ending() == Exchange.Ending.RESET);
        if (!p.server().isAlive() || (gone && p.server().exitCode(2000) != -1)) {
            throw Failure.of("the server to keep running after a client connected, sent nothing and hung up",
                "the server stopped", "Reading from a client that sent nothing gives an empty request line: is there code that"
                    + "\nbreaks on it (split, charAt, [1])? " + CLIENT_GONE_HINT)
                .withTryIt(TryIt.LABKIT + "new java.net.Socket(\"127.0.0.1\", 5000).close(); get(5000, \"" + p.homeTarget() + "\")"
                    + "\n    (a client that connects and hangs up without a word, then the next one)");
        }
    }

    private static void log(Probe p) {
        String path = p.homeTarget();
        Exchange e = p.get(path);
        p.answered(e);
        // a line about this request: an earlier line about the same path says nothing of this one
        boolean logged = p.server().printedSoon(p.linesBeforeLastExchange(),
            l -> l.contains("GET") && l.contains(path) && l.contains("200"));
        if (!logged) {
            throw p.fail(e, "a line with GET, " + path + " and 200 in what the server printed",
                "no such line (what the server printed is below)",
                "Print one line for each request you answer, with the method, the path and the status code,"
                    + "\nso you can watch your server work.");
        }
    }

    private static void twentyClients(Probe p) {
        for (int i = 1; i <= 20; i++) {
            Exchange e = p.get(p.homeTarget());
            try {
                p.statusLine(e, 200, "OK");
                p.contentLength(e);
            } catch (Failure f) {
                String expected = i == 1 ? "the first of 20 clients, one after another, to get a whole response"
                    : "client " + i + " of 20 to get a whole response, as the " + (i == 2 ? "first" : (i - 1) + " before it") + " did";
                throw p.fail(e, expected, f.found(), f.hint());
            }
        }
    }

    /** Roughly what Firefox or Chrome send for a page: about 700 bytes of head. */
    static Request browserLike(String path) {
        return Request.get(path)
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 (checkpoint)")
            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
            .header("Accept-Language", "en-GB,en;q=0.8,de;q=0.6,fr;q=0.4")
            .header("Accept-Encoding", "gzip, deflate, br, zstd")
            .header("Connection", "keep-alive")
            .header("Cookie", "session=" + "0123456789abcdef".repeat(8) + "; theme=light; seen-intro=yes")
            .header("Upgrade-Insecure-Requests", "1")
            .header("Sec-Fetch-Dest", "document")
            .header("Sec-Fetch-Mode", "navigate")
            .header("Sec-Fetch-Site", "none")
            .header("Sec-Fetch-User", "?1")
            .header("Priority", "u=0, i")
            .header("Cache-Control", "max-age=0")
            .header("DNT", "1");
    }

    private static void browserRequest(Probe p) {
        warmUp(p);
        // 100 ms between pieces: a server that reads once must be held up longer than 200 ms (a busy
        // machine can do that for 100) before it would find the whole request there and get away with it.
        Exchange e = p.send(browserLike(p.homeTarget()).inPieces(3, Duration.ofMillis(100)));
        p.statusLine(e, 200, "OK");
        p.contentLength(e);
    }

    private static void byteAtATime(Probe p) {
        warmUp(p); // so that an answer that comes too early comes between the right two pieces
        p.statusLine(p.send(Request.get(p.homeTarget()).inPieces(40, Duration.ofMillis(5))), 200, "OK");
    }

    private static void largeHead(Probe p) {
        // one line of 2 KB among them, as a browser's cookies can be: a head is read to its empty line,
        // whatever the length of one line
        Request request = Request.get(p.homeTarget()).header("Cookie", "session=" + p.fresh("") + "c".repeat(2000));
        // the same filler line again and again: "try it by hand" can then write them all as one repeat
        while (request.bytes(p.port()).length < 7900) {
            request = request.header("X-Filler", "x".repeat(60));
        }
        warmUp(p);
        int size = request.bytes(p.port()).length;
        Exchange e = p.send(request.inPieces(4, Duration.ofMillis(40))); // 40 ms: see browserRequest
        try {
            p.statusLine(e, 200, "OK");
            p.contentLength(e);
        } catch (Failure f) {
            int status = e.response().hasHead() ? e.status() : -1;
            if (e.notSent() == 0 && e.sentBeforeAnswer() == e.sent().length && status != 431 && status != 400) {
                throw f; // answered after the whole head, and not refused: what went wrong is not its size
            }
            throw p.fail(e, f.expected() + " (a head of " + size + " bytes, sent in 4 pieces)", f.found(), f.hint()
                + "\nThis head is " + size + " bytes, with one line of about 2,000: does your loop stop before"
                + "\nMAX_HEAD_BYTES (8,192 bytes), or at a long line?");
        }
        endlessHead(p);
    }

    /**
     * A head that does not end: twice MAX_HEAD_BYTES and no empty line, then the client waits. A
     * server must stop reading at 8,192 bytes and answer (stage 04: 431) or close; one that reads on
     * collects whatever a client sends, until its memory is full. Any answer, or a reset, counts:
     * stages 01 to 03 close with bytes unread, and a reset may eat their answer.
     */
    private static void endlessHead(Probe p) {
        String filler = "X-Filler: " + "x".repeat(60) + "\r\n";
        int fillers = 2 * 8192 / filler.length();
        String head = "GET " + p.homeTarget() + " HTTP/1.1\r\nHost: localhost\r\n" + filler.repeat(fillers);
        Exchange e = p.send(Request.raw(head).earlyAnswerAllowed());
        // A server that stopped at the limit closes with our other bytes unread: the system resets the
        // connection (or the answer comes first). A clean close with nothing, or no end at all, means it
        // read every byte and waited for more: until its read timeout (1 s), or ours. However slow the machine.
        boolean readEveryByte = e.ending() == Exchange.Ending.TIMED_OUT || e.ending() == Exchange.Ending.CLOSED;
        if (e.response().raw().length == 0 && readEveryByte) {
            throw p.fail(e, "the server to stop reading at MAX_HEAD_BYTES (8,192 bytes), then answer or close",
                "no answer to " + e.sent().length + " bytes of head without an empty line: the server was still reading, "
                    + (e.ending() == Exchange.Ending.TIMED_OUT ? "after " + Math.round(e.millis() / 1000.0) + " seconds"
                        : "until it gave up after " + Math.round(e.millis() / 100.0) / 10.0 + " seconds (its read timeout)"),
                "A head that never ends must not be read forever: stop at MAX_HEAD_BYTES, as at the empty line."
                    + "\nA server that keeps every byte a client sends can be made to fill its memory by any client.")
                .withTryIt(TryIt.LABKIT + "show(send(5000, \"GET " + p.homeTarget() + " HTTP/1.1\\r\\nHost: localhost\\r\\n\" + (\"X-Filler: \" + \"x\".repeat(60)"
                    + " + \"\\r\\n\").repeat(" + fillers + ")))"
                    + "\n    (no empty line at the end: this head never ends. A right server answers, or closes, at once)");
        }
    }

    /**
     * One plain request first. A server's first answer is slow (its classes are still loading); a
     * slow server finds every piece of the next request already there, and a server that reads
     * once (the original lab's 100 bytes, through an 8 KiB buffer) would get away with it.
     */
    private static void warmUp(Probe p) {
        p.get(p.homeTarget());
    }

    /** For a server that stopped when a client hung up half-way (through its head or its body). */
    static final String CLIENT_GONE_HINT = "A client that disappears is normal on the internet. Catch the problem for that one"
        + "\nclient, close its socket, and go back to accepting the next one.";

    private static void hangUp(Probe p) throws IOException {
        try (Socket socket = p.connect()) {
            socket.getOutputStream().write("GET /half-way HT".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        ServerProcess.pause(Duration.ofMillis(20));
        Exchange next = p.get(p.homeTarget());
        try {
            p.statusLine(next, 200, "OK");
        } catch (Failure f) {
            // Only a server that stopped, or stopped accepting, is about the hang-up; anything else has its own hint.
            boolean stopped = next.ending() == Exchange.Ending.REFUSED || !p.server().isAlive();
            throw p.fail(next, "the next client to be served as usual, after one sent 'GET /half-way HT' and hung up",
                f.found(), stopped ? CLIENT_GONE_HINT : f.hint())
                .withTryIt(TryIt.LABKIT + TryIt.connection("half") + " half.getOutputStream().write(\"GET /half-way HT\".getBytes());"
                    + " half.close(); get(5000, \"" + p.homeTarget() + "\")"
                    + "\n    (a client that sends half a request and hangs up, then the next one)");
        }
    }

    private static void httpClient(Probe p) throws InterruptedException {
        String path = p.homeTarget();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path))
            .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw Failure.of("status 200", "status " + response.statusCode(), "Java's HttpClient read a different status.");
            }
        } catch (IOException | RuntimeException e) { // a Content-Length that is no number: IllegalArgumentException
            Exchange raw = p.get(path);
            Response r = raw.response();
            throw p.fail(raw, "java.net.http.HttpClient to read the response without an error",
                "HttpClient failed: " + e, (r.raw().length == 0 ? "The server sent nothing."
                    : "Real clients are strict. Check the response with labkit: check(get(5000, \"/\")) lists every"
                        + "\nproblem it finds in plain words.")
                    + "\n(What was sent above is a plain GET, sent after HttpClient failed so that you see the answer's"
                    + "\nbytes; HttpClient sent a request of its own, much like it.)")
                .withTryIt("in jshell: java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()"
                    + ".send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(\"http://localhost:5000" + path + "\")).build(),"
                    + " java.net.http.HttpResponse.BodyHandlers.ofString())"
                    + "\n    (the same client; curl is more forgiving, and may show the page. Then, with labkit: check(get(5000, \""
                    + path + "\")))");
        } finally {
            stop(client);
        }
    }

    /**
     * Stops the client's selector thread. Left running, it waits in the system (epoll), and the
     * JVM's exit waits about 0.3 s for such threads. Java 21 and later: HttpClient is AutoCloseable.
     * Java 17 to 20 have no close, but the thread ("HttpClient-N-SelectorManager") runs until it is
     * interrupted, and then shuts the client down.
     *
     * <p>Only this client's thread: other checkpoint runs in the same JVM (the proof runs several
     * side by side) may be sending with clients of their own, and an interrupted selector leaves
     * a send in flight waiting for ever. The JDK's client says its number in toString, "...(7)",
     * and names its thread after it, "HttpClient-7-SelectorManager".
     */
    private static void stop(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the check is done; a client that does not close cleanly changes nothing
            }
            return;
        }
        Matcher number = CLIENT_NUMBER.matcher(client.toString());
        if (!number.find()) {
            return; // another client than the JDK's own: its thread is left to the JVM's exit
        }
        String selector = "HttpClient-" + number.group(1) + "-SelectorManager";
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(selector)).forEach(Thread::interrupt);
    }

    /** The number at the end of the JDK's HttpClient's toString: "jdk.internal.net.http.HttpClientImpl@402a079c(7)". */
    private static final Pattern CLIENT_NUMBER = Pattern.compile("\\(([0-9]+)\\)$");
}
