package checkpoints;

import labkit.Exchange;
import labkit.RawClient;
import labkit.Response;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 04, the right status code: 404 with 404.html, 301 with Location, 418, 500 when answering
 * fails, 400 for a request line it cannot read, HEAD, 405 with Allow, 431 for a head over 8 KiB,
 * /static/ files that never leave their folder, and a server that survives all of it.
 */
final class Stage04 {

    private Stage04() {
    }

    static List<Checkpoint> checkpoints() {
        // In the order of the starter's TODOs (1 to 7), then what the given code already does: a
        // student who follows "Next:" in a report goes through the TODOs as the lesson does.
        return List.of(
            Checkpoint.of("04.not-found", 3, "An unknown path gets 404 Not Found with the page 404.html; so does a file of the"
                + " root that is not a route, or a path that climbs out", Stage04::notFound),
            Checkpoint.of("04.bad-request-line", 2, "A request line that is not three parts gets 400 Bad Request",
                p -> badRequests(p, "not three parts", "GARBAGE\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1 " + p.fresh("") + "\r\n\r\n",
                    "\r\n\r\n")),
            Checkpoint.of("04.bad-version", 1, "A version other than HTTP/1.x gets 400 Bad Request; HTTP/1.0 and HTTP/1.2 get the page",
                Stage04::badVersion),
            Checkpoint.of("04.bad-target", 1, "A target that does not start with / gets 400 Bad Request",
                p -> badRequests(p, "a target that does not start with /", "GET kittens HTTP/1.1\r\n\r\n",
                    "GET " + p.fresh("") + "/ HTTP/1.1\r\n\r\n", "GET  HTTP/1.1\r\n\r\n" /* the last: an empty target */)),
            Checkpoint.of("04.method-not-allowed", 2, "Another method gets 405 Method Not Allowed with Allow: GET, HEAD",
                Stage04::methodNotAllowed),
            Checkpoint.of("04.head", 2, "HEAD gets the same status and headers as GET, and no body", Stage04::head),
            Checkpoint.of("04.redirect", 2, "/kitten gets 301 Moved Permanently, Location: /kittens and a body with the link",
                Stage04::redirect),
            Checkpoint.of("04.teapot", 1, "/teapot gets 418 I'm a teapot", p -> {
                Exchange e = p.get("/teapot");
                boolean notFound = e.response().hasHead() && e.status() == 404;
                Answers.status(p, e, 418, "I'm a teapot", "/teapot is the one path that answers 418, with a small page."
                    + (notFound ? "\nIt got 404, the answer for a path with no route, and /teapot is in no route. If you check"
                        + "\nfor /teapot already, that check must come before the 404: reply's checks run in order"
                        + "\n(see the flowchart in section 3 of the lesson)." : ""));
                Answers.valid(p, e, "the 418");
            }),
            Checkpoint.of("04.static-file", 2, "/static/NAME serves the file NAME of the root's static/ folder, byte for byte",
                Stage04::staticFile),
            Checkpoint.of("04.static-types", 2, "Static files get the Content-Type of their extension: txt, svg, js, and octet-stream for others",
                Stage04::staticTypes),
            Checkpoint.of("04.static-missing", 1, "A missing static file, /static/ itself and a folder under it get 404",
                Stage04::staticMissing),
            Checkpoint.of("04.traversal", 3, "No path under /static/ reaches a file outside static/: .., //, encoded and linked variants",
                Stage04::traversal),
            Checkpoint.of("04.server-error", 2, "A route whose file is missing gets 500 Internal Server Error, with no exception"
                + " or path in the page, and the server goes on",
                Stage04::serverError),
            Checkpoint.of("04.head-too-large", 2, "A request head over 8,192 bytes gets 431 (or 400) at once, not a reset, and the server"
                + " goes on; 8,192 bytes are fine", Stage04::headTooLarge).onSecondServer(),
            Checkpoint.of("04.silent-client", 2, "A client that connects and sends nothing does not block the next one for long",
                Stage04::silentClient).onServerOfItsOwn(),
            Checkpoint.of("04.half-head", 1, "A client that sends half a head and hangs up does not stop the server",
                Stage04::halfHead).onSecondServer(),
            Checkpoint.of("04.garbage", 1, "Garbage bytes never stop the server: the home page is served after each",
                Stage04::garbage));
    }

    private static void notFound(Probe p) {
        String nowhere = "/" + p.fresh("nowhere-");
        Exchange e = p.get(nowhere);
        Answers.status(p, e, 404, "Not Found", "A path that is not a route gets 404 Not Found, not the home page.");
        Answers.valid(p, e, "the 404");
        Answers.logged(p, e, "Print one line for every request you answer, errors too: the method, the path and the status.",
            nowhere, "404");
        byte[] page = p.fixture().bytes("404.html");
        if (e.body().length == 0) {
            throw p.fail(e, "the body to be the page 404.html (" + page.length + " bytes)", "an empty body",
                "A 404 needs a body too: a browser shows it instead of a blank page. Send 404.html from the root.");
        }
        Answers.sameBytes(p, e, page, "404.html");
        p.header(e, "Content-Type", "text/html; charset=utf-8", "The 404 page is an HTML page, as 404.html says: text/html; charset=utf-8.");
        // Read afresh, as every file: an edit of 404.html shows at once.
        Fixture f = p.fixture();
        f.change("404.html", ("<!doctype html>\n<title>Lost</title>\n<p>" + p.fresh("edited-") + "</p>\n").getBytes(StandardCharsets.UTF_8));
        try {
            Exchange again = p.get("/" + p.fresh("nowhere-"));
            Answers.status(p, again, 404, "Not Found", "A path that is not a route gets 404 Not Found.");
            Answers.sameBytes(p, again, f.bytes("404.html"), "404.html");
        } finally {
            f.restore("404.html");
        }
        // Only routes are served from the root: not its other files by name, nor files outside it.
        // a route is its whole path, with its case: /teapots, /KITTENS and /kittens/ are not routes
        List<String> notRoutes = new ArrayList<>(List.of("/kittens.html", "/teapot" + p.fresh(""), "/KITTENS", "/kittens/"));
        notRoutes.addAll(Stage03.pathsOutOfTheRoot(f));
        for (String path : notRoutes) {
            Exchange other = p.get(path);
            Answers.status(p, other, 404, "Not Found", "Only the paths of the map are pages: " + path + " is not one of them."
                + "\nA server that makes the path into a file name serves every file of the root, and with /../ or an"
                + "\nabsolute path (//etc/passwd) files outside it too: root.resolve(\"/etc/passwd\") is /etc/passwd.");
        }
    }

    private static void redirect(Probe p) {
        Exchange e = p.get("/kitten");
        Answers.status(p, e, 301, "Moved Permanently", "/kitten has moved to /kittens: that is 301 Moved Permanently.");
        Answers.location(p, e, "/kittens",
            "A 301 without a Location header tells the browser that the page moved, but not where to: add"
                + "\nLocation: /kittens, and the browser asks there by itself.");
        Answers.valid(p, e, "the 301");
        if (!Answers.linksTo(e, "/kittens")) {
            throw p.fail(e, "a short HTML body with a link to /kittens: <a href=\"/kittens\">",
                e.text().contains("/kittens") ? "/kittens in the body, but no link to it" : "a body without /kittens",
                "Old clients (and people reading the bytes) follow the link in the body; give it one, an HTML link.");
        }
    }

    private static void serverError(Probe p) {
        Fixture fixture = p.fixture();
        fixture.remove("about.html");
        try {
            Exchange e = p.get("/about");
            Answers.status(p, e, 500, "Internal Server Error",
                "The file of a route is missing: reading it throws. That is the server's problem, not the"
                    + "\nclient's: catch it, answer 500 Internal Server Error with a short page, and go on.");
            Answers.valid(p, e, "the 500");
            String leak = internals(p.answered(e).text(), fixture.path(""));
            if (leak != null) {
                throw p.fail(e, "a short page that says the server failed, and no more", "the page shows " + leak,
                    "Details of a failure are for your log, not for the client: an exception's name, a stack"
                        + "\ntrace or a path tells anyone who asks how your server is built and where its files are."
                        + "\nPrint them (the server's output is your log) and send the same short 500 page for any failure.");
            }
        } finally {
            fixture.restore("about.html");
        }
        Exchange next = p.get("/about");
        try {
            Stage03.ok(p, next);
        } catch (Failure f) {
            throw p.fail(next, "/about to be served as usual once its file is back", f.found(),
                "One request that fails must not stop the server: catch the exception for that request only.");
        }
    }

    /** What of the server's insides a page shows (an exception, a stack frame, the root's path), or null. */
    private static String internals(String page, Path root) {
        if (page.contains("Exception")) {
            return "an exception's name";
        }
        if (page.contains("at webserver.")) {
            return "a stack trace";
        }
        List<String> paths = new ArrayList<>(List.of(root.toString()));
        try {
            paths.add(root.toRealPath().toString()); // a temporary folder may be reached through a link
        } catch (IOException e) {
            // the root is there while the checkpoint runs; without its real path, the given one is checked
        }
        return paths.stream().anyMatch(page::contains) ? "the path of the web root on the server" : null;
    }

    private static void badVersion(Probe p) {
        String path = "/" + p.fresh("v3-");
        Exchange last = badRequests(p, "a version other than HTTP/1.x", "GET / " + p.fresh("").toUpperCase(Locale.ROOT)
            + "/1.1\r\n\r\n", "GET / HTTP/1.10\r\n\r\n", "GET / HTTP/1\r\n\r\n",
            // the dot is a dot, and the x of 1.x a digit: a regex with an unescaped '.' lets these through
            "GET / HTTP/1x1\r\n\r\n", "GET / HTTP/101\r\n\r\n", "GET / HTTP/1.x\r\n\r\n",
            "GET " + path + " HTTP/3.0\r\n\r\n"); // last, so that its log line is among the last ones
        Answers.logged(p, last, "Print one line for every request you answer, a 400 too: the method, the target and the status.",
            path, "400");
        // Any one digit after the dot is ours to answer: a 1.x newer than ours is answered as 1.1 (RFC 9110, 2.5).
        for (String version : List.of("HTTP/1.0", "HTTP/1.2")) {
            Exchange e = p.send(Request.raw("GET / " + version + "\r\n\r\n"));
            Answers.status(p, e, 200, "OK", "HTTP/1.x with any one digit after the dot is a version we answer: HTTP/1.0, HTTP/1.1,"
                + "\nand HTTP/1.2 too, which a server answers as 1.1 (a later 1.x only adds to what 1.1 means). Only"
                + "\nanother major version, or not one digit after the dot, is 400.");
        }
    }

    /** Sends each request, expects 400 for each; returns the last exchange. */
    private static Exchange badRequests(Probe p, String what, String... requests) {
        Exchange last = null;
        for (String request : requests) {
            Exchange e = p.send(Request.raw(request));
            last = e;
            Answers.status(p, e, 400, "Bad Request",
                "A request line is METHOD TARGET VERSION, three parts separated by single spaces;"
                    + "\nthe target starts with / and the version is HTTP/1.x, one digit after the dot (HTTP/1.0, HTTP/1.1)."
                    + "\nAnything else (here: " + what + ") is 400 Bad Request.");
            Answers.valid(p, e, "the 400");
        }
        return last;
    }

    private static void head(Probe p) {
        byte[] kittens = p.fixture().bytes("kittens.html");
        // an error, a redirect and a teapot too: every answer to HEAD has no body, whatever its status
        // and a file under /static/: its Content-Length is the file's size, for HEAD as for GET
        for (String path : List.of("/kittens", "/" + p.fresh("nowhere-"), "/kitten", "/teapot", "/" + p.fixture().staticText)) {
            Exchange get = p.get(path);
            Exchange head = p.send(Request.head(path));
            Response r = p.answered(head);
            int status = p.answered(get).status();
            if (r.status() != status) {
                throw p.fail(head, "the status of GET " + path + ": " + p.answered(get).statusLine(), r.statusLine(),
                    "HEAD is answered exactly like GET, only without the body.");
            }
            if (r.body().length > 0) {
                boolean wholeBody = java.util.Arrays.equals(r.body(), p.answered(get).body());
                throw p.fail(head, "no body at all after the empty line", "a body of " + r.body().length + " bytes"
                        + (wholeBody ? ", the whole body of GET" : ""),
                    "A response to HEAD stops after the empty line: same status line, same headers (the same"
                        + "\nContent-Length as GET), and no body. curl -I uses HEAD."
                        + (wholeBody ? "\nIf you check for HEAD already: is that check ever true? Strings are compared with equals:"
                            + "\n== asks whether they are the same object, and the method read from a request never is." : ""));
            }
            String length = r.header("Content-Length");
            String getLength = p.answered(get).header("Content-Length");
            if (length == null || !length.equals(getLength)) {
                throw p.fail(head, "Content-Length: " + getLength + ", as for GET " + path,
                    length == null ? "no Content-Length" : "Content-Length: " + length,
                    "Content-Length in a response to HEAD is the length of the body a GET would get.");
            }
            if (path.equals("/kittens") && !String.valueOf(kittens.length).equals(length)) {
                throw p.fail(head, "Content-Length: " + kittens.length, "Content-Length: " + length,
                    "Content-Length is the size of kittens.html in bytes.");
            }
        }
    }

    private static void methodNotAllowed(Probe p) {
        // on routes, and on paths that are not routes (the method comes first), and in lower case:
        // methods are case-sensitive, "get" is not GET
        List<Request> requests = List.of(
            Request.raw("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.post("/kittens", "application/x-www-form-urlencoded", ("name=" + p.fresh("")).getBytes(StandardCharsets.US_ASCII)),
            Request.raw(p.fresh("").toUpperCase(Locale.ROOT) + " /about HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("DELETE /" + p.fresh("nowhere-") + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("PUT /teapot HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"),
            Request.raw("DELETE /kitten HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("DELETE /" + p.fixture().staticText + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("get /kittens HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("head /kittens HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Request.raw("HEADX / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        for (Request request : requests) {
            Exchange e = p.send(request);
            Answers.status(p, e, 405, "Method Not Allowed",
                "This server serves GET and HEAD. Any other method gets 405 Method Not Allowed, on any path: check the"
                    + "\nmethod before the path (a missing page, a redirect, the teapot). Methods are case-sensitive.");
            String allow = e.header("Allow");
            Set<String> methods = new TreeSet<>();
            if (allow != null) {
                Arrays.stream(allow.split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(methods::add);
            }
            if (!methods.equals(Set.of("GET", "HEAD"))) {
                Set<String> missing = new TreeSet<>(Set.of("GET", "HEAD"));
                missing.removeAll(methods);
                throw p.fail(e, "the header 'Allow: GET, HEAD'", allow == null ? "no Allow header" : "Allow: " + allow,
                    allow == null ? "A 405 must say which methods would work, in an Allow header: Allow: GET, HEAD."
                        : "Allow lists every method that would work on this server, and only those: GET and HEAD"
                            + (missing.isEmpty() ? "." : " (here " + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " missing).")
                            + " The names are separated by commas.");
            }
            String length = e.header("Content-Length");
            if (length != null && e.body().length == 0 && !length.strip().equals("0")) { // before valid(): this names why
                throw p.fail(e, "the 405's body, Content-Length: " + length.strip() + " bytes of it", "no body",
                    "Only HEAD, exactly, leaves out the body: 'head' and 'HEADX' are other methods, and their 405 has its body.");
            }
            Answers.valid(p, e, "the 405");
        }
    }

    private static void headTooLarge(Probe p) {
        String limit = "The server reads at most 8,192 bytes of head, from the first byte of the request line to the"
            + "\nend of the empty line, that many included. When the empty line has not come by then, the request"
            + "\nis too large: answer 431 and stop reading.";
        // the limit itself is allowed, one byte more is not (SPEC 3a)
        Exchange largest = p.send(Request.get("/").headOfSize(8_192));
        Answers.status(p, largest, 200, "OK", "A head of exactly 8,192 bytes is the largest allowed: it is answered as usual.\n" + limit);
        Exchange over = p.send(Request.get("/").headOfSize(8_193).earlyAnswerAllowed());
        String line = p.answered(over).statusLine();
        if (!"HTTP/1.1 431 Request Header Fields Too Large".equals(line) && !"HTTP/1.1 400 Bad Request".equals(line)) {
            throw p.fail(over, "'HTTP/1.1 431 Request Header Fields Too Large' (or 400 Bad Request) for a head of 8,193 bytes",
                "'" + line + "'", limit);
        }
        Answers.valid(p, over, "the 431");
        // A long head in one piece: the server answers after 8,192 bytes with more still waiting, so
        // it must drain them (SPEC 3a) before it closes, or the client gets a reset, perhaps instead
        // of the answer.
        String drain = "Answering early leaves the client's bytes unread. Closing the socket with unread bytes"
            + "\nresets the connection, and a client may lose the answer. After an early answer, shut down the"
            + "\noutput, read and throw away what still comes for a short while, then close (SPEC 3a; the given"
            + "\nfinishEarly does this).";
        Exchange whole = p.send(Request.get("/").headOfSize(40_000).earlyAnswerAllowed());
        line = p.answered(whole, drain).statusLine();
        if (!"HTTP/1.1 431 Request Header Fields Too Large".equals(line) && !"HTTP/1.1 400 Bad Request".equals(line)) {
            throw p.fail(whole, "'HTTP/1.1 431 Request Header Fields Too Large' (or 400 Bad Request) for a 40,000-byte head",
                "'" + line + "'", limit);
        }
        // The same in pieces: the answer comes once 8,192 bytes have been read, not after the whole head.
        // 100 ms between pieces: a right server answers after the third piece and the client stops
        // there, so only a wrong one waits out all nine pauses; a right one that a busy machine holds
        // up for a moment (a student's CI runner) still answers long before the last piece.
        Request request = Request.get("/").headOfSize(40_000).inPieces(10, Duration.ofMillis(100)).earlyAnswerAllowed();
        int total = request.bytes(p.port()).length;
        Exchange e = p.send(request);
        p.answered(e, drain);
        if (e.sentBeforeAnswer() >= total) {
            throw p.fail(e, "the 431 as soon as 8,192 bytes of head have come, before the rest of the 40,000 bytes",
                "the answer came after all " + total + " bytes", "A head that goes on must not be read to its end first: a client"
                    + "\ncould send megabytes, and the server would keep them all in memory. Stop reading at the limit.\n" + limit);
        }
        Stage03.completeThenHome(p, p.get("/"));
    }

    private static void staticFile(Probe p) {
        Fixture f = p.fixture();
        for (String file : List.of(f.staticText, f.staticNested, f.staticData)) {
            Exchange e = p.get("/" + file);
            Answers.status(p, e, 200, "OK", "The file exists in the root's static/ folder: /" + file + " gets it with 200 OK.");
            Answers.sameBytes(p, e, f.bytes(file), file);
        }
    }

    private static void staticTypes(Probe p) {
        Fixture f = p.fixture();
        String hint = "Content-Type comes from the extension of the file's name: .txt is text/plain; charset=utf-8,"
            + "\n.svg image/svg+xml, .js text/javascript; charset=utf-8, and an unknown one application/octet-stream.";
        p.header(p.get("/" + f.staticText), "Content-Type", "text/plain; charset=utf-8", hint);
        p.header(p.get("/" + f.staticSvg), "Content-Type", "image/svg+xml", hint);
        p.header(p.get("/" + f.staticData), "Content-Type", "application/octet-stream", hint);
        Exchange js = p.get("/" + f.staticJs);
        String type = p.answered(js).header("Content-Type");
        String normal = type == null ? "" : type.toLowerCase(Locale.ROOT).replace(" ", "");
        if ((!normal.startsWith("text/javascript") && !normal.startsWith("application/javascript")) || !normal.contains("charset=utf-8")) {
            throw p.fail(js, "the header 'Content-Type: text/javascript; charset=utf-8'",
                type == null ? "no Content-Type" : "Content-Type: " + type, hint);
        }
    }

    /** A server that answers 404 to everything under /static/ would pass the negative checks: it must serve a real file. */
    private static void staticServes(Probe p) {
        Fixture f = p.fixture();
        Exchange e = p.get("/" + f.staticText);
        try {
            Answers.status(p, e, 200, "OK", "");
            Answers.sameBytes(p, e, f.bytes(f.staticText), f.staticText);
        } catch (Failure failure) {
            throw p.fail(e, "first, as a control, the file " + f.staticText + " with 200 OK", failure.found(),
                "Files in the root's static/ folder are served at /static/NAME. Serve them first; this checkpoint"
                    + "\nthen checks what must NOT be served.");
        }
    }

    private static void staticMissing(Probe p) {
        staticServes(p);
        Fixture f = p.fixture();
        String name = f.staticText.substring("static/".length());
        for (String path : List.of("/static/" + p.fresh("missing-") + ".txt", "/static/", "/" + f.staticFolder,
                "/" + f.staticFolder + "/", "/static", "/staticX" + name)) { // the last two: "/static" without its slash
            Exchange e = p.get(path);
            Answers.status(p, e, 404, "Not Found",
                "Only a file is served. A missing name, the static/ folder itself, or a folder under it is"
                    + "\n404 Not Found. So is /static without its slash, and /staticX" + name + ": the prefix is \"/static/\".");
            Answers.valid(p, e, "the 404");
        }
    }

    private static void traversal(Probe p) {
        staticServes(p);
        Fixture f = p.fixture();
        byte[] secret = f.secretBytes();
        byte[] index = f.bytes("index.html");
        String outside = f.secretBesideRoot();
        String absolute = f.secretAbsolute();
        List<String> paths = new ArrayList<>(List.of(
            "/static/../index.html",
            "/static/../../" + outside,
            "/static/" + f.staticFolder.substring("static/".length()) + "/../../../" + outside,
            "/static/" + (absolute.startsWith("/") ? "" : "/") + absolute,
            "/static/..%2f..%2f" + outside.replace("/", "%2f"),
            "/static/%2e%2e/%2e%2e/" + outside,
            "/static/../" + f.siblingSecret)); // in static-NAME/, beside static/: its path text starts the same
        if (f.staticLink != null) {
            paths.add("/" + f.staticLink);
            paths.add("/" + f.staticFolderLink);
        }
        for (String path : paths) {
            Exchange e = p.get(path);
            Response r = p.answered(e);
            boolean leaked = Answers.contains(r.body(), secret) || Answers.contains(r.body(), f.bytes(f.siblingSecret))
                || (path.endsWith("index.html") && Arrays.equals(r.body(), index));
            // From stage 05 on the server decodes %-escapes, and may refuse an encoded '/' (%2f) with 400, as
            // some servers do (05.traversal-decoded allows that too); before, an escape is only text in a name.
            boolean badRequestAllowed = path.contains("%");
            if (!leaked && (r.status() == 403 || (r.status() == 400 && badRequestAllowed))) { // the reason phrase and the headers count too
                Answers.status(p, e, r.status(), r.status() == 403 ? "Forbidden" : "Bad Request",
                    r.status() + " is 'HTTP/1.1 " + (r.status() == 403 ? "403 Forbidden" : "400 Bad Request") + "'.");
                Answers.valid(p, e, "the " + r.status());
            }
            if (leaked || (r.status() != 403 && r.status() != 404 && !(r.status() == 400 && badRequestAllowed))) {
                boolean notFoundPage = !leaked && r.status() == 200 && "404.html".equals(f.fileWithBytes(r.body()));
                throw p.fail(e, "403 or 404" + (badRequestAllowed ? " (or 400, refusing the escape)" : "") + " for " + path + ", and never the file",
                    leaked ? "'" + r.statusLine() + "' with the file from outside static/ as the body"
                           : "'" + r.statusLine() + "'" + (notFoundPage ? " with the 404 page as the body" : ""),
                    notFoundPage ? "The file was not served: the check worked. But the 404 page went out with 200 OK: it goes"
                        + "\nwith 404 Not Found (04.not-found)." : "The name after /static/ comes from the client: it can climb out with .., be an absolute path"
                        + "\n(//etc/passwd), or be a symbolic link that leads outside. Resolve the path to the real file"
                        + "\nfirst (.., links), THEN check that it is still inside static/: checking the text of the name,"
                        + "\nor checking before resolving, lets these through. Compare Paths, not Strings: the text"
                        + "\n\".../static-private/key.txt\" starts with the text \".../static\"."
                        + (path.equals("/" + f.staticFolderLink) ? "\nHere a FOLDER on the way is the link ("
                            + f.staticFolderLink.substring(0, f.staticFolderLink.indexOf('/', "static/".length()))
                            + "): neither the file nor its\nfolder is one, so Files.isSymbolicLink on them sees nothing."
                            + " Only the real path tells where a file is." : ""));
            }
        }
        Stage03.completeThenHome(p, p.get("/"));
    }

    @SuppressWarnings("try") // the silent client is only held open: its socket is not used
    private static void silentClient(Probe p) throws IOException {
        int port = p.port();
        try (Socket silent = p.connect()) {
            ServerProcess.pause(Duration.ofMillis(100));
            long start = System.nanoTime();
            Exchange e = RawClient.exchange(port, Request.get("/").bytes(port), Duration.ofSeconds(6));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // at most 2 s by the rule; 3 s leaves room for a busy machine, and a timeout of 4 s still fails
            if (e.ending() != Exchange.Ending.CLOSED || e.status() != 200 || millis > 3000) {
                throw p.fail(e, "the next client to be served within about 2 seconds, while another one stays silent",
                    e.status() == 200 ? "it was served after " + millis + " ms" : "no complete answer within " + millis + " ms",
                    "A one-thread server waits in read() for the silent client, and everyone else waits with it."
                        + "\nA read timeout (Socket.setSoTimeout, at most 2 s) gives up on a client that says nothing.")
                    .withTryIt(TryIt.LABKIT + TryIt.connection("silent") + " get(5000, \"/\"); silent.close()"
                        + "\n    (a client that connects and says nothing, then a second one: it must be answered within"
                        + " about 2 seconds, not wait for labkit's 3-second limit)");
            }
        }
    }

    private static void halfHead(Probe p) throws IOException {
        try (Socket socket = p.connect()) {
            socket.getOutputStream().write(("GET /kittens HTTP/1.1\r\nHost: local").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        ServerProcess.pause(Duration.ofMillis(20));
        Stage03.completeThenHome(p, p.get("/kittens"));
    }

    private static void garbage(Probe p) {
        // Random bytes, then an empty line: the server must cope with any bytes in a head. (A head
        // that never ends only waits for the read timeout, which 04.silent-client checks.)
        byte[] random = new byte[604];
        p.random().nextBytes(random);
        System.arraycopy(new byte[] {'\r', '\n', '\r', '\n'}, 0, random, 600, 4);
        List<Request> garbage = List.of(
            Request.raw(random),
            Request.raw("\u0000\u0001\u0002\r\n\r\n"),
            Request.raw("GET /static/\u0000" + p.fresh("") + " HTTP/1.1\r\n\r\n"),
            Request.raw("GET / HTTP/1.1\r\n" + "no colon here\r\n\r\n"),
            Request.raw("       \r\n\r\n"),
            Request.raw("\n\n\n\n"));
        Request nul = garbage.get(2);
        for (Request request : garbage) {
            Exchange e = p.send(request);
            if (e.ending() == Exchange.Ending.TIMED_OUT) {
                p.answered(e); // explains the hang
            }
            if (request == nul) { // a request line the server can read: bad input gets an answer, never a 5xx
                String hint = "A NUL byte in a path is bad input, the client's mistake: answer with a 4xx, never a 500 or no"
                    + "\nanswer. Path.resolve refuses such a name with an exception of its own: which one? (See what the"
                    + "\nserver printed.)";
                Response r = p.answered(e, hint);
                if (r.status() >= 500) {
                    throw p.fail(e, "a 4xx (400 or 404) for a path with a NUL byte in it", "'" + r.statusLine() + "'", hint);
                }
                Answers.valid(p, e, "the " + r.status());
            }
            Exchange home = p.get("/");
            try {
                Stage03.ok(p, home);
            } catch (Failure f) {
                throw p.fail(home, "the home page, as usual, after a client sent: " + labkit.Visible.of(e.sent(), 60).strip(),
                    f.found(), "Whatever bytes a client sends, the server answers (400) or hangs up on that client, then"
                        + "\nserves the next one. Look for an exception that escapes, or a loop that never ends.");
            }
        }
    }
}
