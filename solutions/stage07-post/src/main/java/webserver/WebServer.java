package webserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A web server written from a raw socket up.
 *
 * <p>It listens on 127.0.0.1 (this computer only), talks to one client at a time, and for each
 * client: reads the request head up to the empty line, answers, and closes the connection.
 * Each answer starts with the status code that says what happened: 200 for a page, 404 for a
 * path we do not know, 400 for a request we cannot read, 500 when something broke on our side.
 */
public final class WebServer {

    /** The longest request head we read (a browser sends about 1 KiB). */
    static final int MAX_HEAD_BYTES = 8192;

    /**
     * How long one read waits for a client that sends nothing, so that a silent client cannot block
     * the next one for long (one that sends a byte now and then still can: the limit is per read).
     * A program on this machine's own loopback rarely pauses this long (a person typing a request
     * into telnet does: paste it instead).
     */
    static final int READ_TIMEOUT_MILLIS = 1000;

    /**
     * An answer this long is still on its way for a while after we close: bytes the client sends
     * meanwhile would make the system reset the connection and drop the rest (see finishEarly).
     */
    static final int LARGE_ANSWER = 32 * 1024;

    /** How long finishEarly reads and throws away before it closes anyway: as long as a silent client is given. */
    static final int DRAIN_MILLIS = READ_TIMEOUT_MILLIS;

    /**
     * How much finishEarly reads and throws away before it closes anyway: a bound, so that a client
     * that keeps sending cannot keep the server busy for the whole of DRAIN_MILLIS.
     */
    static final int DRAIN_BYTES = 64 * 1024;

    /** The kitten's size when the query names none. */
    static final int DEFAULT_SIZE = 256;

    /** The smallest and the largest size we accept; others get 400. */
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 1024;

    /** The largest request body we accept (a guestbook entry is far smaller). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** The entries, kept as long as the server runs. */
    static final Guestbook GUESTBOOK = new Guestbook();

    /**
     * Which file answers which path. A map instead of a chain of ifs: a new page is one more
     * line here, and the lookup stays one line however many pages there are.
     */
    static final Map<String, String> ROUTES = Map.of(
        "/", "index.html",
        "/kittens", "kittens.html",
        "/about", "about.html",
        "/style.css", "style.css",
        "/kitten.png", "kitten.png");

    /** What kind of body each file extension is; anything else is application/octet-stream. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "txt", "text/plain; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png");

    /** Old addresses and where they moved to: a 301 tells the browser to ask there instead. */
    static final Map<String, String> REDIRECTS = Map.of("/kitten", "/kittens");

    /** The status codes this server answers with, each with its reason phrase. */
    enum Status {
        OK(200, "OK"),
        MOVED_PERMANENTLY(301, "Moved Permanently"),
        SEE_OTHER(303, "See Other"),
        BAD_REQUEST(400, "Bad Request"),
        NOT_FOUND(404, "Not Found"),
        METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
        LENGTH_REQUIRED(411, "Length Required"),
        CONTENT_TOO_LARGE(413, "Content Too Large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
        IM_A_TEAPOT(418, "I'm a teapot"),
        REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
        INTERNAL_SERVER_ERROR(500, "Internal Server Error"),
        INSUFFICIENT_STORAGE(507, "Insufficient Storage");

        final int code;
        final String reason;

        Status(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** What we answer: a status, what kind of body, the body, and any extra header lines. */
    record Reply(Status status, String contentType, byte[] body, String... headers) {

        /** "404 Not Found, text/html; charset=utf-8, 512 bytes": a record would print the body as [B@1b6d3586. */
        @Override
        public String toString() {
            return status.code + " " + status.reason + ", " + contentType + ", " + body.length + " bytes"
                + (headers.length == 0 ? "" : ", " + String.join(", ", headers));
        }
    }

    /** The first line of a request, "GET /kittens HTTP/1.1", in its three parts. */
    record RequestLine(String method, String target, String version) {
    }

    public static void main(String[] args) {
        if (Options.asksForHelp(args)) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try (ServerSocket listener = listen(options.port())) {
            System.out.println("Serving the files in " + options.root());
            System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/  (Ctrl+C stops it)");
            while (true) {
                serve(listener.accept(), options.root());
            }
        } catch (BindException e) {
            // Most often another program has the port ("Address already in use"). On Linux and macOS a
            // port below 1024 is for administrators only ("Permission denied"): print the system's reason.
            System.err.println("Cannot listen on port " + options.port() + ": " + e.getMessage()
                + (options.port() == 5000 ? " (on macOS, AirPlay uses 5000)." : ".")
                + " Choose another port with --port, for example --port 5050"
                + " (with mvnw, add \"-Dexec.args=--port 5050\").");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("The server stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Opens the listening socket on 127.0.0.1 only: programs on other computers cannot connect
     * to a server that is still learning to defend itself.
     */
    static ServerSocket listen(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** Talks to one client: read its request, answer, close. Nothing a client does stops the server. */
    static void serve(Socket client, Path root) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();

            byte[] head = readHead(in);
            if (head.length == 0) {
                // Connected and hung up without a byte, as a browser's spare connection may: there is
                // no request, so there is nothing to answer (stage 03 took it for a bad request line).
                System.out.println("(a client hung up without sending anything)");
                return;
            }
            String requestLine = firstLine(head);
            RequestLine request = parseRequestLine(requestLine);
            // A client that sent "Expect: 100-continue" waits for a go-ahead before it sends its body.
            // GoAhead gives it when the body is first read, so an answer that needs no body (411, 413,
            // 415, 507) comes without it, and the client keeps its body to itself.
            InputStream bodyIn = Post.expectsContinue(head, request) ? new Post.GoAhead(in, out) : in;
            Reply reply = replyOr500(head, request, root, bodyIn, requestLine);
            byte[] bytes = response(reply.status().code, reply.status().reason, reply.contentType(),
                reply.body(), reply.headers());
            // HEAD asks for the head alone: the same status and headers as GET (Content-Length too),
            // so we leave out the body's bytes, the last ones of the response.
            boolean headOnly = request != null && request.method().equals("HEAD");
            out.write(bytes, 0, headOnly ? bytes.length - reply.body().length : bytes.length);
            out.flush();
            hangUp(client, in, head, reply.status().code, bytes.length, requestLine);
        } catch (SocketTimeoutException e) {
            System.out.println("(a client was silent for " + READ_TIMEOUT_MILLIS + " ms; closed it without an answer)");
        } catch (IOException e) {
            System.out.println("(lost a client: " + e + ")");
        } catch (RuntimeException e) {
            System.out.println("(could not answer a client: " + described(e) + ")");
        }
    }

    /**
     * The reply to a request, or 500 Internal Server Error when making it fails: a file of ROUTES
     * that is missing, or a bug. One request that goes wrong must not stop the server.
     */
    static Reply replyOr500(byte[] head, RequestLine request, Path root, InputStream bodyIn, String requestLine)
            throws IOException {
        try {
            return reply(head, request, root, bodyIn);
        } catch (SocketTimeoutException | EOFException | SocketException e) {
            throw e; // the client stopped sending its body half-way, hung up or reset: not our fault, so no 500 (serve's catches log it)
        } catch (IOException | RuntimeException e) {
            // Our problem, not the client's: say so with 500, and keep serving the next client. What
            // went wrong goes in our log only: in the page it would show strangers our code and paths.
            System.out.println("(could not answer '" + printable(requestLine) + "': " + described(e) + ")");
            return page(Status.INTERNAL_SERVER_ERROR);
        }
    }

    /**
     * Ends the conversation once the answer is written, and logs it. See finishEarly: closing at
     * once could cost the client our answer when bytes of the request may be left unread, or the
     * answer is still on its way. An error can be decided before the request was read to its end
     * (431 in the middle of a head, 413 before a body).
     */
    static void hangUp(Socket client, InputStream in, byte[] head, int status, int answerLength, String requestLine)
            throws IOException {
        if (status >= 400 || mayStillBeSending(head, in) || answerLength > LARGE_ANSWER) {
            log(requestLine, status); // first: finishEarly may wait up to DRAIN_MILLIS
            // in, not a GoAhead: what we throw away must not ask the client for its body with 100 Continue
            finishEarly(client, in);
        } else {
            // Closed now, not when serve's try ends: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, status);
        }
    }

    /**
     * Reads the request head: every byte up to and including the empty line that ends it.
     *
     * <p>The bytes may arrive all at once, one at a time, or in pieces with pauses: a single
     * {@code read} returns whatever has arrived so far, so we keep reading until we see the end.
     */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lineLength = 0; // characters on the current line so far, not counting '\r'
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b == -1) {
                break; // the client hung up before finishing its request
            }
            head.write(b);
            if (b == '\n') {
                if (lineLength == 0) {
                    break; // an empty line: the head is complete
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return head.toByteArray();
    }

    /** The first line of the head, without its line ending: "GET /kittens HTTP/1.1". */
    static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * Splits the request line into method, target and version, separated by single spaces.
     * Returns null when it is not a request line we can answer: not exactly three parts, a target
     * that does not start with "/", or a version other than HTTP/1.x.
     *
     * <p>On purpose, an HTTP/1.1 request without a Host header is answered too, although RFC 9112
     * (3.2) says such a request MUST get 400: this server has one site only, and the lessons'
     * hand-typed requests and labkit's lines leave Host out to stay short.
     */
    static RequestLine parseRequestLine(String line) {
        String[] parts = line.split(" ", -1); // -1 keeps empty parts: "GET  /kittens HTTP/1.1" has four
        if (parts.length != 3) {
            return null;
        }
        if (!parts[1].startsWith("/") || !parts[2].matches("HTTP/1\\.[0-9]")) {
            return null;
        }
        return new RequestLine(parts[0], parts[1], parts[2]);
    }

    /** The Content-Type of a file, from the extension of its name: "kitten.png" is image/png. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.'); // -1 when there is none: "README" has no extension
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /**
     * Decides the answer to one request. The checks run from the most basic to the most specific:
     * can we read the request at all; is it for /guestbook, which takes POST as well as GET; is it
     * a method we serve; and only then, which path.
     */
    static Reply reply(byte[] head, RequestLine request, Path root, InputStream in) throws IOException {
        if (head.length >= MAX_HEAD_BYTES && !endsWithEmptyLine(head)) {
            return page(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if (request == null) {
            return page(Status.BAD_REQUEST);
        }
        Url url;
        try {
            url = Url.parse(request.target());
        } catch (IllegalArgumentException e) {
            return page(Status.BAD_REQUEST); // a malformed %-escape is the client's mistake: never a 500
        }
        String path = url.path();
        if (path.equals("/guestbook")) {
            return guestbook(request.method(), head, in);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return page(Status.METHOD_NOT_ALLOWED, "Allow: GET, HEAD"); // Allow lists what would work
        }
        if (REDIRECTS.containsKey(path)) {
            return redirect(REDIRECTS.get(path));
        }
        if (path.equals("/teapot")) {
            return page(Status.IM_A_TEAPOT);
        }
        if (path.equals("/hello")) {
            return hello(root, url);
        }
        if (path.equals("/kittens")) {
            return kittens(root, url);
        }
        if (path.startsWith("/static/")) {
            return staticFile(root, path.substring("/static/".length()));
        }
        String fileName = ROUTES.get(path);
        if (fileName == null) {
            return notFound(root);
        }
        return file(root.resolve(fileName));
    }

    /** "Hello, NAME!" for /hello?name=NAME: the first name greeted, any others listed. */
    static Reply hello(Path root, Url url) throws IOException {
        List<String> names = url.query().getOrDefault("name", List.of());
        String name = names.isEmpty() || names.get(0).isBlank() ? "stranger" : names.get(0);
        String others = names.stream().skip(1).filter(n -> !n.isBlank()).collect(Collectors.joining(", "));
        String also = others.isEmpty() ? "" : "Also here: " + others + ".";
        return fill(root, "hello.html", url, Map.of("name", name, "others", also));
    }

    /** /kittens?size=N: kittens.html with a kitten N pixels wide; a size we do not accept is 400. */
    static Reply kittens(Path root, Url url) throws IOException {
        String size = url.first("size");
        if (size == null || size.isEmpty()) {
            size = String.valueOf(DEFAULT_SIZE);
        }
        // [0-9] and not parseInt alone: parseInt also takes "+32" and digits of other scripts ("٣٢").
        // Any leading zeros, then at most 9 digits: that fits in an int (10 digits are too many anyway).
        int pixels = size.matches("0*[0-9]{1,9}") ? Integer.parseInt(size) : -1;
        if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
            return explain(Status.BAD_REQUEST, "The size must be a whole number from " + MIN_SIZE + " to " + MAX_SIZE
                + ", for example /kittens?size=300.");
        }
        return fill(root, "kittens.html", url, Map.of("size", String.valueOf(pixels)));
    }

    /**
     * 200 OK with a template of the root, read afresh and filled: with the first value of each name
     * of the query, and the values the route worked out ({@code computed}), which win.
     */
    static Reply fill(Path root, String template, Url url, Map<String, String> computed) throws IOException {
        Map<String, String> values = new HashMap<>();
        url.query().forEach((name, all) -> values.put(name, all.get(0)));
        values.putAll(computed);
        String page = Html.render(Files.readString(root.resolve(template), StandardCharsets.UTF_8), values);
        return new Reply(Status.OK, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** An error page with a sentence that tells the client what to do differently. */
    static Reply explain(Status status, String sentence) {
        Reply reply = page(status);
        byte[] more = ("<p>" + Html.escape(sentence) + "</p>\n").getBytes(StandardCharsets.UTF_8);
        return new Reply(status, reply.contentType(), join(reply.body(), more));
    }

    /** /guestbook: GET shows the entries and the form, POST adds an entry. */
    static Reply guestbook(String method, byte[] head, InputStream in) throws IOException {
        return switch (method) {
            case "GET", "HEAD" -> new Reply(Status.OK, "text/html; charset=utf-8",
                GUESTBOOK.page().getBytes(StandardCharsets.UTF_8));
            // Full: we answer before reading the body (finishEarly throws it away). 5xx, not 4xx: the
            // request is fine, the server cannot keep it.
            case "POST" -> GUESTBOOK.isFull()
                ? explain(Status.INSUFFICIENT_STORAGE, "The guestbook is full: it keeps its entries, and takes no more.")
                : Post.receive(head, in); // Post.java: the body, its framing, the answer
            default -> page(Status.METHOD_NOT_ALLOWED, "Allow: GET, HEAD, POST");
        };
    }

    /** 200 OK with a file's bytes, read afresh, and the Content-Type of its extension. */
    static Reply file(Path file) throws IOException {
        return new Reply(Status.OK, contentType(file.getFileName().toString()), Files.readAllBytes(file));
    }

    /** 404 Not Found, with the root's 404.html (or a short page of our own if it is missing). */
    static Reply notFound(Path root) throws IOException {
        Path page = root.resolve("404.html");
        if (!Files.isRegularFile(page)) {
            return page(Status.NOT_FOUND);
        }
        return new Reply(Status.NOT_FOUND, "text/html; charset=utf-8", Files.readAllBytes(page));
    }

    /** 301 Moved Permanently to {@code location}, with a short page that links there. */
    static Reply redirect(String location) {
        byte[] body = ("<!doctype html>\n<title>Moved</title>\n<p>This page has moved to <a href=\"" + location
            + "\">" + location + "</a>.</p>\n").getBytes(StandardCharsets.UTF_8);
        return new Reply(Status.MOVED_PERMANENTLY, "text/html; charset=utf-8", body, "Location: " + location);
    }

    /**
     * A file under the root's static/ folder. {@code name} comes from the client, so it may try to
     * climb out ("../../secret.txt"), or be an absolute path ("/etc/passwd"): we resolve it to the
     * real file first (toRealPath follows "..", and symbolic links too), then check where it is.
     */
    static Reply staticFile(Path root, String name) throws IOException {
        Path folder = root.resolve("static");
        if (!Files.isDirectory(folder)) {
            return notFound(root); // no static/ at all (a root of your own): folder.toRealPath() would throw
        }
        Path file;
        try {
            file = folder.resolve(name);
        } catch (InvalidPathException e) {
            return notFound(root); // a name this system cannot have as a file name
        }
        if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(folder.toRealPath())) {
            return notFound(root); // missing, a folder, or outside static/: all "not found" to a client
        }
        return file(file);
    }

    /** A short HTML page of our own that names the status, for answers without a file. */
    static Reply page(Status status, String... headers) {
        String title = status.code + " " + status.reason;
        byte[] body = ("<!doctype html>\n<title>" + title + "</title>\n<h1>" + title + "</h1>\n")
            .getBytes(StandardCharsets.UTF_8);
        return new Reply(status, "text/html; charset=utf-8", body, headers);
    }

    /**
     * Whether the head ends with its empty line (it may also have stopped at MAX_HEAD_BYTES). As in
     * readHead, a line with nothing but '\r' in it counts as empty.
     */
    static boolean endsWithEmptyLine(byte[] head) {
        int i = head.length - 1;
        if (i < 0 || head[i] != '\n') {
            return false;
        }
        do {
            i--;
        } while (i >= 0 && head[i] == '\r');
        return i >= 0 && head[i] == '\n';
    }

    /**
     * Whether the client may still be sending bytes we will not read: its head announces a body
     * (Content-Length or Transfer-Encoding; even a GET may carry one), which we may not have read,
     * or not all of it, or bytes after the head have already arrived. After a POST that we read to
     * its end this is true too: a client may send more than it announced, and finishEarly then
     * costs only the wait for the client's close, which comes at once from one that read our answer.
     */
    static boolean mayStillBeSending(byte[] head, InputStream in) throws IOException {
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("\ncontent-length:") || text.contains("\ntransfer-encoding:") || in.available() > 0;
    }

    /**
     * Ends a conversation in which we answered before reading everything the client sent (a head
     * that is too long, a body we do not want or do not read), or with a large answer. Closing a
     * socket while bytes we did not read are waiting, or receiving bytes after we closed, makes the
     * system reset the connection, and a reset throws away what it has not sent yet: the client
     * sees "connection reset", or half a page. So we say we are done writing, then read and throw
     * away what still arrives, for at most DRAIN_MILLIS and DRAIN_BYTES, until the client closes
     * its side, and only then close.
     */
    static void finishEarly(Socket client, InputStream in) {
        try {
            client.shutdownOutput();
            long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L; // nanoTime: the clock may be set meanwhile
            byte[] buffer = new byte[8192];
            int thrownAway = 0;
            while (thrownAway < DRAIN_BYTES) {
                long millisLeft = (deadline - System.nanoTime()) / 1_000_000;
                if (millisLeft <= 0) {
                    break;
                }
                client.setSoTimeout((int) millisLeft); // each read waits only for what is left, not DRAIN_MILLIS again
                int count = in.read(buffer);
                if (count < 0) {
                    break; // the client read our answer and closed: the normal ending
                }
                thrownAway += count;
            }
        } catch (IOException e) {
            // the client is gone or silent: either way we are done with it
        }
    }

    /**
     * Builds a whole response: the status line, the headers, an empty line, the body.
     * Every line of the head ends with "\r\n", and Content-Length counts the body's bytes.
     */
    static byte[] response(int status, String reason, String contentType, byte[] body, String... headers) {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
            + "Content-Type: " + contentType + "\r\n"
            + "Content-Length: " + body.length + "\r\n"
            + Arrays.stream(headers).map(line -> line + "\r\n").collect(Collectors.joining())
            + "Connection: close\r\n"
            + "\r\n";
        return join(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Two byte arrays one after the other. */
    static byte[] join(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * An exception and the line of this server's code it came from, for the log:
     * "java.lang.NullPointerException, at WebServer.java:152". A whole stack trace would bury the
     * other lines; the first line of our own code is where to start looking.
     */
    static String described(Exception e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(WebServer.class.getPackageName() + ".")) {
                return e + ", at " + frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return e.toString();
    }

    /** One line per request, so you can watch your server work: "GET /kittens -> 200". */
    static void log(String requestLine, int status) {
        String[] parts = requestLine.split(" ", -1); // -1 keeps empty parts: "GET  /kittens HTTP/1.1" has four
        // "GET /kittens" from a line of method, target and version; any other line whole, in quotes
        String what = parts.length == 3 && !parts[1].isEmpty() ? parts[0] + " " + parts[1] : "'" + requestLine + "'";
        System.out.println(printable(what) + " -> " + status);
    }

    /**
     * The client's text for the log, each control character made '?': ESC [ 2 J from a client would
     * clear your terminal. Cc, not Cntrl: Cntrl stops at 0x7F, and the bytes 0x80 to 0x9F are controls too.
     */
    static String printable(String clientText) {
        return clientText.replaceAll("\\p{Cc}", "?");
    }
}
