package webserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
//@ stage 07+
import java.io.EOFException;
//@ end
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
//@ stage 07+
import java.net.SocketException;
//@ end
import java.net.SocketTimeoutException;
//@ stage 02-03
import java.nio.charset.CharacterCodingException;
//@ end
import java.nio.charset.StandardCharsets;
//@ stage 02-03
import java.nio.file.FileSystemException;
//@ end
//@ stage 02+
import java.nio.file.Files;
//@ end
//@ stage 04+
import java.nio.file.InvalidPathException;
//@ end
//@ stage 02+
import java.nio.file.Path;
//@ end
//@ stage 04+
import java.util.Arrays;
//@ end
//@ stage 06+
import java.util.HashMap;
//@ end
//@ stage 05+
import java.util.List;
//@ end
//@ stage 03+
import java.util.Locale;
import java.util.Map;
//@ end
//@ stage 04+
import java.util.stream.Collectors;
//@ end

/**
 * A web server written from a raw socket up.
 *
 * <p>It listens on 127.0.0.1 (this computer only), talks to one client at a time, and for each
 * client: reads the request head up to the empty line, answers, and closes the connection.
//@ stage 01
 * In stage 01 every request gets the same small HTML page.
//@ end
//@ stage 02
 * In stage 02 every request gets the file index.html from the folder it serves (its root).
//@ end
//@ stage 03
 * In stage 03 the path in the request line chooses the file, through a map of routes.
//@ end
//@ stage 04+
 * Each answer starts with the status code that says what happened: 200 for a page, 404 for a
 * path we do not know, 400 for a request we cannot read, 500 when something broke on our side.
//@ end
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
//@ stage 04+

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
//@ end
//@ stage 06+

    /** The kitten's size when the query names none. */
    static final int DEFAULT_SIZE = 256;

    /** The smallest and the largest size we accept; others get 400. */
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 1024;
//@ end
//@ stage 07+

    /** The largest request body we accept (a guestbook entry is far smaller). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** The entries, kept as long as the server runs. */
    static final Guestbook GUESTBOOK = new Guestbook();
//@ end

//@ stage 01
    /** The page every request gets in this stage. */
    static final String HELLO = "<h1>Hello Client</h1>";

//@ end
//@ stage 03+
    /**
     * Which file answers which path. A map instead of a chain of ifs: a new page is one more
     * line here, and the lookup stays one line however many pages there are.
     */
    static final Map<String, String> ROUTES = Map.of(
//@ task 03
        "/", "index.html",
        "/kittens", "kittens.html",
        "/about", "about.html",
        "/style.css", "style.css",
        "/kitten.png", "kitten.png");
//@ starter
        // TODO 2: add the other pages and the files they use: /kittens, /about, /style.css and
        //   /kitten.png (the lesson has the table). Each entry is a path, then a file name in the root.
        "/", "index.html");
//@ end

    /** What kind of body each file extension is; anything else is application/octet-stream. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "txt", "text/plain; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png");

//@ end
//@ stage 04+
    /** Old addresses and where they moved to: a 301 tells the browser to ask there instead. */
    static final Map<String, String> REDIRECTS = Map.of("/kitten", "/kittens");

    /** The status codes this server answers with, each with its reason phrase. */
    enum Status {
        OK(200, "OK"),
        MOVED_PERMANENTLY(301, "Moved Permanently"),
//@ stage 07+
        SEE_OTHER(303, "See Other"),
//@ end
        BAD_REQUEST(400, "Bad Request"),
        NOT_FOUND(404, "Not Found"),
        METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
//@ stage 07+
        LENGTH_REQUIRED(411, "Length Required"),
        CONTENT_TOO_LARGE(413, "Content Too Large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
//@ end
        IM_A_TEAPOT(418, "I'm a teapot"),
        REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
//@ stage 04-06
        INTERNAL_SERVER_ERROR(500, "Internal Server Error");
//@ end
//@ stage 07+
        INTERNAL_SERVER_ERROR(500, "Internal Server Error"),
        INSUFFICIENT_STORAGE(507, "Insufficient Storage");
//@ end

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

//@ end
//@ stage 03+
    /** The first line of a request, "GET /kittens HTTP/1.1", in its three parts. */
    record RequestLine(String method, String target, String version) {
    }

//@ end
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
//@ stage 02+
            System.out.println("Serving the files in " + options.root());
//@ end
            System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/  (Ctrl+C stops it)");
            while (true) {
//@ stage 01
                serve(listener.accept());
//@ end
//@ stage 02+
                serve(listener.accept(), options.root());
//@ end
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
//@ stage 01
    static void serve(Socket client) {
//@ end
//@ stage 02+
    static void serve(Socket client, Path root) {
//@ end
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();

            byte[] head = readHead(in);
//@ stage 04+
            if (head.length == 0) {
                // Connected and hung up without a byte, as a browser's spare connection may: there is
                // no request, so there is nothing to answer (stage 03 took it for a bad request line).
                System.out.println("(a client hung up without sending anything)");
                return;
            }
//@ end
            String requestLine = firstLine(head);
//@ stage 01
            byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
            out.write(response(200, "OK", "text/html; charset=utf-8", body));
            out.flush();
            // Closed now, not at the end of try: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, 200);
//@ end
//@ stage 02
//@ task 02
            // The file's bytes, read afresh for every request: edit the file, reload, and the change shows.
            byte[] body = Files.readAllBytes(root.resolve("index.html"));
//@ starter
            // TODO 1: send the file index.html from the root folder instead of this string: read
            //   its BYTES afresh for every request (the lesson says why bytes, and why not once at
            //   start-up). The root is the parameter 'root'; java.nio.file.Files can read a file.
            byte[] body = "<h1>Hello Client</h1>".getBytes(StandardCharsets.UTF_8);
//@ end
            out.write(response(200, "OK", "text/html; charset=utf-8", body));
            out.flush();
            // Closed now, not at the end of try: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, 200);
//@ end
//@ stage 03+
            RequestLine request = parseRequestLine(requestLine);
//@ end
//@ stage 03
            if (request == null) {
                // Not a request line we can read. Stage 04 answers 400 Bad Request; for now we hang up.
                System.out.println("(not a request line: '" + printable(requestLine) + "'; closed the connection)");
                return;
            }
            String fileName = fileFor(request.target());
            byte[] body = Files.readAllBytes(root.resolve(fileName));
            out.write(response(200, "OK", contentType(fileName), body));
            out.flush();
            // Closed now, not at the end of try: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, 200);
//@ end
//@ stage 07+
            // A client that sent "Expect: 100-continue" waits for a go-ahead before it sends its body.
            // GoAhead gives it when the body is first read, so an answer that needs no body (411, 413,
            // 415, 507) comes without it, and the client keeps its body to itself.
            InputStream bodyIn = Post.expectsContinue(head, request) ? new Post.GoAhead(in, out) : in;
//@ end
//@ stage 04+
//@ stage 04-06
            Reply reply = replyOr500(head, request, root, requestLine);
//@ end
//@ stage 07+
            Reply reply = replyOr500(head, request, root, bodyIn, requestLine);
//@ end
            byte[] bytes = response(reply.status().code, reply.status().reason, reply.contentType(),
                reply.body(), reply.headers());
//@ task 04
            // HEAD asks for the head alone: the same status and headers as GET (Content-Length too),
            // so we leave out the body's bytes, the last ones of the response.
            boolean headOnly = request != null && request.method().equals("HEAD");
            out.write(bytes, 0, headOnly ? bytes.length - reply.body().length : bytes.length);
//@ starter
            // TODO 4: a HEAD request gets the same head as a GET (same status, same Content-Length)
            //   but no body at all. Write only the head when request.method() is HEAD. (request is
            //   null when the request line could not be read: those answers are 400, with a body.)
            out.write(bytes);
//@ end
            out.flush();
            hangUp(client, in, head, reply.status().code, bytes.length, requestLine);
//@ end
        } catch (SocketTimeoutException e) {
            System.out.println("(a client was silent for " + READ_TIMEOUT_MILLIS + " ms; closed it without an answer)");
//@ stage 02-03
        } catch (FileSystemException | CharacterCodingException e) {
            // A file missing, or read as text that it is not: our problem, not the client's. (Stage 04
            // answers 500 Internal Server Error then; until then the client gets no answer.)
            System.out.println("(could not read a file: " + described(e) + ")");
//@ end
        } catch (IOException e) {
            System.out.println("(lost a client: " + e + ")");
        } catch (RuntimeException e) {
            System.out.println("(could not answer a client: " + described(e) + ")");
        }
    }

//@ stage 04+
    /**
     * The reply to a request, or 500 Internal Server Error when making it fails: a file of ROUTES
     * that is missing, or a bug. One request that goes wrong must not stop the server.
     */
//@ stage 04-06
//@ task 04
    static Reply replyOr500(byte[] head, RequestLine request, Path root, String requestLine) {
//@ starter
    static Reply replyOr500(byte[] head, RequestLine request, Path root, String requestLine) throws IOException {
//@ end
//@ end
//@ stage 07+
    static Reply replyOr500(byte[] head, RequestLine request, Path root, InputStream bodyIn, String requestLine)
            throws IOException {
//@ end
//@ task 04
        try {
//@ stage 04-06
            return reply(head, request, root);
//@ end
//@ stage 07+
            return reply(head, request, root, bodyIn);
//@ end
//@ stage 07+
        } catch (SocketTimeoutException | EOFException | SocketException e) {
            throw e; // the client stopped sending its body half-way, hung up or reset: not our fault, so no 500 (serve's catches log it)
//@ end
        } catch (IOException | RuntimeException e) {
            // Our problem, not the client's: say so with 500, and keep serving the next client. What
            // went wrong goes in our log only: in the page it would show strangers our code and paths.
            System.out.println("(could not answer '" + printable(requestLine) + "': " + described(e) + ")");
            return page(Status.INTERNAL_SERVER_ERROR);
        }
//@ starter
        // TODO 7: when reply(...) throws, answer 500 Internal Server Error with a short page instead
        //   of hanging up without a word, and print what went wrong (the exception goes in the log,
        //   not in the page). Catch both kinds: a file of ROUTES that is missing throws an
        //   IOException, a bug a RuntimeException (such as a NullPointerException); either is the
        //   server's fault, not the client's.
//@ stage 04-06
        return reply(head, request, root);
//@ end
//@ stage 07+
        return reply(head, request, root, bodyIn);
//@ end
//@ end
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
//@ stage 07+
            // in, not a GoAhead: what we throw away must not ask the client for its body with 100 Continue
//@ end
            finishEarly(client, in);
        } else {
            // Closed now, not when serve's try ends: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, status);
        }
    }

//@ end
    /**
     * Reads the request head: every byte up to and including the empty line that ends it.
     *
     * <p>The bytes may arrive all at once, one at a time, or in pieces with pauses: a single
     * {@code read} returns whatever has arrived so far, so we keep reading until we see the end.
     */
    static byte[] readHead(InputStream in) throws IOException {
//@ task 01
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
//@ starter
        // TODO 2: read the WHOLE request head, up to and including the empty line that ends it.
        //   Right now this reads at most 100 bytes, as the original lab did. A browser sends several
        //   hundred bytes, sometimes in pieces; read byte by byte until you have seen an empty line
        //   ("\r\n\r\n", or "\n\n" from a hand-typed request), the client hangs up (read gives -1),
        //   or you have MAX_HEAD_BYTES. The lesson explains what goes wrong if you stop early.
        byte[] buffer = new byte[100];
        int count = in.read(buffer);
        return java.util.Arrays.copyOf(buffer, Math.max(count, 0));
//@ end
    }

    /** The first line of the head, without its line ending: "GET /kittens HTTP/1.1". */
    static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
//@ stage 03+

    /**
     * Splits the request line into method, target and version, separated by single spaces.
//@ stage 03
     * Returns null when it does not have exactly three parts.
//@ end
//@ stage 04+
     * Returns null when it is not a request line we can answer: not exactly three parts, a target
     * that does not start with "/", or a version other than HTTP/1.x.
     *
     * <p>On purpose, an HTTP/1.1 request without a Host header is answered too, although RFC 9112
     * (3.2) says such a request MUST get 400: this server has one site only, and the lessons'
     * hand-typed requests and labkit's lines leave Host out to stay short.
//@ end
     */
    static RequestLine parseRequestLine(String line) {
//@ task 03
        String[] parts = line.split(" ", -1); // -1 keeps empty parts: "GET  /kittens HTTP/1.1" has four
        if (parts.length != 3) {
            return null;
        }
//@ task 04
        if (!parts[1].startsWith("/") || !parts[2].matches("HTTP/1\\.[0-9]")) {
            return null;
        }
//@ starter
        // TODO 2: a line with three parts can still be bad: return null as well when the target
        //   does not start with "/" or the version is not HTTP/1. followed by one digit. (TODO 2 goes
        //   on in reply: what the client gets for a null.)
//@ end
        return new RequestLine(parts[0], parts[1], parts[2]);
//@ starter
        // TODO 1: split the line at its spaces into method, target and version; return null when
        //   there are not exactly three parts ("GET  /kittens HTTP/1.1", with two spaces, has four,
        //   one of them empty). Until then, every request is taken for "GET /".
        return new RequestLine("GET", "/", "HTTP/1.1");
//@ end
    }
//@ end
//@ stage 03

    /** The file that answers a path. Paths we do not know get the home page until stage 04. */
    static String fileFor(String path) {
//@ task 03
        return ROUTES.getOrDefault(path, "index.html");
//@ starter
        // TODO 3: look the path up in ROUTES, the whole path and nothing else ("/kittens", not the
        //   request line, and not every path that starts with "/kittens"). A path that is not there
        //   gets the home page for now.
        return "index.html";
//@ end
    }
//@ end
//@ stage 03+

    /** The Content-Type of a file, from the extension of its name: "kitten.png" is image/png. */
    static String contentType(String fileName) {
//@ task 03
        int dot = fileName.lastIndexOf('.'); // -1 when there is none: "README" has no extension
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
//@ starter
        // TODO 4: take the extension of the file name (the part after the last '.') and look it up
        //   in CONTENT_TYPES; an extension that is not there is application/octet-stream.
        return "text/html; charset=utf-8";
//@ end
    }
//@ end
//@ stage 04+

    /**
     * Decides the answer to one request. The checks run from the most basic to the most specific:
//@ stage 04-06
     * can we read the request at all, is it a method we serve, and only then, which path.
//@ end
//@ stage 07+
     * can we read the request at all; is it for /guestbook, which takes POST as well as GET; is it
     * a method we serve; and only then, which path.
//@ end
     */
//@ stage 04-06
    static Reply reply(byte[] head, RequestLine request, Path root) throws IOException {
//@ end
//@ stage 07+
    static Reply reply(byte[] head, RequestLine request, Path root, InputStream in) throws IOException {
//@ end
        if (head.length >= MAX_HEAD_BYTES && !endsWithEmptyLine(head)) {
            return page(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if (request == null) {
//@ task 04
            return page(Status.BAD_REQUEST);
//@ starter
            // TODO 2: answer 400 Bad Request (with a page) instead of hanging up without a word.
            //   (TODO 2 begins in parseRequestLine, which returns null for more bad lines.)
            throw new IllegalArgumentException("not a request line we can read");
//@ end
        }
//@ stage 04-06
//@ task 04
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return page(Status.METHOD_NOT_ALLOWED, "Allow: GET, HEAD"); // Allow lists what would work
        }
//@ starter
        // TODO 3: a method other than GET and HEAD gets 405 Method Not Allowed, with the header
        //   "Allow: GET, HEAD" that tells the client which methods would work.
//@ end
//@ end
//@ stage 04
        String path = request.target();
//@ end
//@ stage 05+
        Url url;
        try {
            url = Url.parse(request.target());
        } catch (IllegalArgumentException e) {
            return page(Status.BAD_REQUEST); // a malformed %-escape is the client's mistake: never a 500
        }
        String path = url.path();
//@ end
//@ stage 07+
        if (path.equals("/guestbook")) {
            return guestbook(request.method(), head, in);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return page(Status.METHOD_NOT_ALLOWED, "Allow: GET, HEAD"); // Allow lists what would work
        }
//@ end
//@ task 04
        if (REDIRECTS.containsKey(path)) {
            return redirect(REDIRECTS.get(path));
        }
        if (path.equals("/teapot")) {
            return page(Status.IM_A_TEAPOT);
        }
//@ starter
        // TODO 5: a path in REDIRECTS gets 301 Moved Permanently with a Location header (use
        //   redirect below, it has a TODO too); /teapot gets 418 I'm a teapot.
//@ end
//@ task 05
        if (path.equals("/hello")) {
            return hello(root, url);
        }
//@ starter
        // TODO 4: the path /hello gets the page made by hello(root, url) below (it has a TODO too).
//@ end
//@ task 06
        if (path.equals("/kittens")) {
            return kittens(root, url);
        }
//@ starter
        // TODO 3: the path /kittens gets the page made by kittens(root, url) below (it has a TODO too).
//@ end
//@ task 04
        if (path.startsWith("/static/")) {
            return staticFile(root, path.substring("/static/".length()));
        }
//@ starter
        // TODO 6: a path under /static/ gets the file of that name in the root's static/ folder
        //   (see staticFile below: it has a TODO too).
//@ end
//@ task 04
        String fileName = ROUTES.get(path);
        if (fileName == null) {
            return notFound(root);
        }
//@ starter
        // TODO 1: a path that is not in ROUTES gets 404 Not Found, with the page 404.html from the
        //   root as its body (see notFound below), not the home page.
        String fileName = ROUTES.getOrDefault(path, "index.html");
//@ end
        return file(root.resolve(fileName));
    }
//@ stage 05+

    /** "Hello, NAME!" for /hello?name=NAME: the first name greeted, any others listed. */
    static Reply hello(Path root, Url url) throws IOException {
//@ task 05
        List<String> names = url.query().getOrDefault("name", List.of());
        String name = names.isEmpty() || names.get(0).isBlank() ? "stranger" : names.get(0);
        String others = names.stream().skip(1).filter(n -> !n.isBlank()).collect(Collectors.joining(", "));
        String also = others.isEmpty() ? "" : "Also here: " + others + ".";
//@ starter
        // TODO 4: greet the FIRST value of the query's name: "Hello, Ada Lovelace!" for
        //   /hello?name=Ada+Lovelace, "stranger" when there is no name or it is blank (isBlank: empty or
        //   only whitespace). The query keeps every value: list the other names, if any, as
        //   "Also here: Grace, Linus." (a comma and a space between names, a period at the end).
        //   Everything from the client goes through Html.escape (it has a TODO too).
        String name = "stranger";
        String also = "";
//@ end
//@ stage 05
        String page = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Hello</title>\n<h1>Hello, " + Html.escape(name)
            + "!</h1>\n<p>" + Html.escape(also) + "</p>\n";
        return new Reply(Status.OK, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
//@ end
//@ stage 06+
//@ task 06
        return fill(root, "hello.html", url, Map.of("name", name, "others", also));
//@ starter
        // TODO 1: render the template hello.html with fill(...) below instead of this page made in
        //   code: {{name}} gets the value of name, {{others}} the value of also ("Also here: ...").
        //   fill escapes every value it puts in (Html.render): pass name and also as they are, not
        //   through Html.escape, or they are escaped twice.
        String page = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Hello</title>\n<h1>Hello, " + Html.escape(name)
            + "!</h1>\n<p>" + Html.escape(also) + "</p>\n";
        return new Reply(Status.OK, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
//@ end
//@ end
    }
//@ end
//@ stage 06+

    /** /kittens?size=N: kittens.html with a kitten N pixels wide; a size we do not accept is 400. */
    static Reply kittens(Path root, Url url) throws IOException {
//@ task 06
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
//@ starter
        // TODO 3: render kittens.html with fill(...), the value "size" taken from the query: missing
        //   or empty is DEFAULT_SIZE; otherwise only ASCII digits, a number from MIN_SIZE to MAX_SIZE
        //   (leading zeros are fine). Anything else gets 400 with a page that says what is allowed
        //   (explain(...) below makes one). {{size}} shows the number you worked out
        //   (String.valueOf), not the query's text: size=0064 shows 64. For now the page is sent as
        //   it is, placeholders and all.
        return file(root.resolve("kittens.html"));
//@ end
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
//@ end
//@ stage 07+

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
//@ end

    /** 200 OK with a file's bytes, read afresh, and the Content-Type of its extension. */
    static Reply file(Path file) throws IOException {
        return new Reply(Status.OK, contentType(file.getFileName().toString()), Files.readAllBytes(file));
    }

    /** 404 Not Found, with the root's 404.html (or a short page of our own if it is missing). */
    static Reply notFound(Path root) throws IOException {
//@ task 04
        Path page = root.resolve("404.html");
        if (!Files.isRegularFile(page)) {
            return page(Status.NOT_FOUND);
        }
        return new Reply(Status.NOT_FOUND, "text/html; charset=utf-8", Files.readAllBytes(page));
//@ starter
        // TODO 1: answer 404 Not Found with the bytes of 404.html from the root as the body (a
        //   browser shows it). If that file is missing, page(Status.NOT_FOUND) will do.
        return page(Status.OK);
//@ end
    }

    /** 301 Moved Permanently to {@code location}, with a short page that links there. */
    static Reply redirect(String location) {
        byte[] body = ("<!doctype html>\n<title>Moved</title>\n<p>This page has moved to <a href=\"" + location
            + "\">" + location + "</a>.</p>\n").getBytes(StandardCharsets.UTF_8);
//@ task 04
        return new Reply(Status.MOVED_PERMANENTLY, "text/html; charset=utf-8", body, "Location: " + location);
//@ starter
        // TODO 5: the browser goes where the Location header says: add it to this reply.
        return new Reply(Status.MOVED_PERMANENTLY, "text/html; charset=utf-8", body);
//@ end
    }

    /**
     * A file under the root's static/ folder. {@code name} comes from the client, so it may try to
     * climb out ("../../secret.txt"), or be an absolute path ("/etc/passwd"): we resolve it to the
     * real file first (toRealPath follows "..", and symbolic links too), then check where it is.
     */
    static Reply staticFile(Path root, String name) throws IOException {
//@ task 04
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
//@ starter
        // TODO 6: serve the file 'name' from the folder static/ in the root. A name that is not a
        //   file there (missing, a folder) gets 404. NEVER send a file outside static/: a name
        //   such as "../../secret.txt" or "/etc/passwd" must get 404 too. The lesson shows how to
        //   check where a path really leads, and why checking the text of the name is not enough.
        return notFound(root);
//@ end
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
//@ end

    /**
     * Builds a whole response: the status line, the headers, an empty line, the body.
     * Every line of the head ends with "\r\n", and Content-Length counts the body's bytes.
     */
//@ stage 01-03
    static byte[] response(int status, String reason, String contentType, byte[] body) {
//@ end
//@ stage 04+
    static byte[] response(int status, String reason, String contentType, byte[] body, String... headers) {
//@ end
//@ task 01
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
            + "Content-Type: " + contentType + "\r\n"
            + "Content-Length: " + body.length + "\r\n"
//@ stage 04+
            + Arrays.stream(headers).map(line -> line + "\r\n").collect(Collectors.joining())
//@ end
            + "Connection: close\r\n"
            + "\r\n";
        return join(head.getBytes(StandardCharsets.US_ASCII), body);
//@ starter
        // TODO 1: build the response bytes: the status line ("HTTP/1.1", the status, the reason),
        //   the headers Content-Type, Content-Length and Connection: close, an empty line, then the
        //   body. Every line of the head ends with "\r\n". See "The response, byte by byte" in the
        //   lesson (stage01-socket/README.md).
        throw new UnsupportedOperationException("TODO 1 in WebServer.response: build the response bytes");
//@ end
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
