package checkpoints;

import labkit.Exchange;
import labkit.Response;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 03, map paths to files: the request line is split into method, target and version; a map
 * from path to file name chooses the file; Content-Type comes from the file's extension.
 */
final class Stage03 {

    /** The routes of the stage, path to file in the root. */
    static final Map<String, String> PAGES = Map.of("/", "index.html", "/kittens", "kittens.html", "/about", "about.html");

    private Stage03() {
    }

    static List<Checkpoint> checkpoints() {
        return List.of(
            Checkpoint.of("03.routes", 3, "/, /kittens and /about each answer their own file", Stage03::routes),
            Checkpoint.of("03.stylesheet", 1, "/style.css answers the style sheet, byte for byte",
                p -> Answers.sameBytes(p, ok(p, p.get("/style.css")), p.fixture().bytes("style.css"), "style.css")),
            Checkpoint.of("03.content-type", 2, "Content-Type follows the file's extension: html, css, png",
                Stage03::contentTypes),
            Checkpoint.of("03.image-bytes", 3, "/kitten.png answers the image byte for byte, with its size as Content-Length",
                Stage03::image),
            Checkpoint.of("03.http10", 1, "An HTTP/1.0 request, with no Host header, is answered like an HTTP/1.1 one",
                Stage03::http10),
            Checkpoint.of("03.exact-path", 2, "A route matches the whole path: /kittensXYZ is not /kittens", Stage03::exactPath),
            Checkpoint.of("03.unknown-path", 1, "An unknown path gets a complete response, never a file outside the root;"
                + " a request line that is not three parts gets no page; the server goes on", p -> {
                    completeThenHome(p, unknownPath(p));
                    outsideTheRoot(p);
                    notThreeParts(p);
                }),
            Checkpoint.of("03.long-request-line", 1, "A request line of 4,000 bytes gets a complete response, and the server goes on",
                p -> completeThenHome(p, p.get("/" + p.fresh("long-") + "x".repeat(4000)))));
    }

    /** What a correct stage 03 server does with a line that is not three parts, as a try-it note says it. */
    private static final String CLOSES_WITHOUT_ANSWER = "a correct stage 03 server closes the connection without an answer,"
        + " so labkit lists a problem: nothing received. That is right for now; stage 04 answers 400";

    /**
     * A request line of four parts, or of one, is not a request the server can read: no page for it
     * (stage 03 hangs up, stage 04 answers 400), and no IndexOutOfBoundsException on the way, from
     * indexing parts that are not there; then the home page as usual.
     */
    private static void notThreeParts(Probe p) {
        String hint = "A request line is three parts, METHOD TARGET VERSION, separated by single spaces. Any other"
            + "\nline is not a request we can read: parseRequestLine returns null for it (TODO 1 of stage 03),"
            + "\nrather than taking parts[1] of whatever the split gave.";
        int before = p.server().linesPrinted();
        Exchange garbage = null;
        for (String line : List.of("GET /kittens " + p.fresh("") + " HTTP/1.1", "GARBAGE")) {
            Exchange e = p.send(Request.raw(line + "\r\n\r\n"));
            garbage = e; // the last one, GARBAGE: a line with no space, whose parts[1] is not there
            if (e.response().raw().length > 0 && e.response().status() == 200) {
                throw p.fail(e, "no page for a request line of " + line.split(" ").length + " parts", "'" + e.response().statusLine()
                    + "' and a page", hint)
                    .withTryItNote("(" + CLOSES_WITHOUT_ANSWER + ")");
            }
        }
        Exchange home = p.get("/");
        ok(p, home);
        p.awaitLineAboutLastRequest(); // the home page's line: the bad lines' came before it
        // parts[1] of a line with no space: the mistake of TODO 1 (other exceptions are the starters' own placeholders)
        String thrown = p.server().keptLinesSince(before).stream().filter(line -> line.contains("IndexOutOfBoundsException")).findFirst().orElse(null);
        if (thrown != null) {
            throw p.fail(garbage, "no IndexOutOfBoundsException for a request line that is not three parts (GARBAGE)",
                "the server printed: " + Failure.visibleLine(thrown), hint)
                .withTryItNote("(" + CLOSES_WITHOUT_ANSWER + ". Watch what YOUR server prints: an IndexOutOfBoundsException"
                    + " is the mistake)");
        }
    }

    private static void http10(Probe p) {
        Exchange e = p.send(Request.raw("GET /kittens HTTP/1.0\r\n\r\n"));
        Answers.status(p, e, 200, "OK", "An HTTP/1.0 request is answered like an HTTP/1.1 one (the answer still says HTTP/1.1). A check"
            + "\nof the version lets HTTP/1.0 through, as any HTTP/1. and one digit, not HTTP/1.1 alone. The"
            + "\nrequest has no Host header: nothing may depend on one.");
        Answers.sameBytes(p, e, p.fixture().bytes("kittens.html"), "kittens.html");
    }

    /** The exchange, after checking it is a 200. */
    static Exchange ok(Probe p, Exchange e) {
        Answers.status(p, e, 200, "OK", "A path of the map gets its file with 200 OK.");
        return e;
    }

    private static void routes(Probe p) {
        Fixture fixture = p.fixture();
        // Every path asked first: whether some paths get their own file tells two mistakes apart, a
        // lookup that fails for all (the whole request line as the key) and one that fails for some
        // (a key without its '/', a lookup by startsWith).
        Map<String, Exchange> answers = new LinkedHashMap<>();
        for (String path : List.of("/", "/kittens", "/about")) {
            answers.put(path, ok(p, p.get(path)));
        }
        boolean someOwnFile = answers.entrySet().stream().anyMatch(a -> !a.getKey().equals("/")
            && Arrays.equals(a.getValue().body(), fixture.bytes(PAGES.get(a.getKey()))));
        for (Map.Entry<String, Exchange> answer : answers.entrySet()) {
            String path = answer.getKey();
            Exchange e = answer.getValue();
            String file = PAGES.get(path);
            byte[] body = e.body();
            if (Arrays.equals(body, fixture.bytes(file))) {
                continue;
            }
            String other = PAGES.entrySet().stream().filter(r -> Arrays.equals(body, fixture.bytes(r.getValue())))
                .map(Map.Entry::getValue).findFirst().orElse(null);
            if (other == null) {
                Answers.sameBytes(p, e, fixture.bytes(file), file);
            }
            throw p.fail(e, "the file " + file + " for " + path, "the file " + other,
                other.equals("index.html") && someOwnFile
                    ? "Some paths get their own file, but " + path + " gets the home page. Is its key in the map exactly"
                        + "\n'" + path + "', with its leading '/'? Or does the lookup test whether the path starts with a"
                        + "\nroute? Every path starts with '/'. Look the path up in the map whole (03.exact-path)."
                    : other.equals("index.html")
                    ? "Every path gets the home page. Look up the path alone in the map: '" + path + "', the middle"
                        + "\npart of the request line, not the whole request line ('GET " + path + " HTTP/1.1') nor the method."
                        + (p.stage() == 3 ? "\nAlso: does parseRequestLine (TODO 1) return the line's target? The starter's returns \"/\"." : "")
                    : "Look up the path in the map exactly as it is, and send the file of that entry.");
        }
    }

    private static void contentTypes(Probe p) {
        Map<String, String> wanted = Map.of("/kittens", "text/html; charset=utf-8", "/style.css", "text/css; charset=utf-8",
            "/kitten.png", "image/png");
        for (String path : List.of("/kittens", "/style.css", "/kitten.png")) {
            Exchange e = p.get(path);
            String sent = e.header("Content-Type");
            String served = p.fixture().fileWithBytes(p.answered(e).body());
            String asked = path.equals("/kittens") ? "kittens.html" : path.substring(1);
            p.header(e, "Content-Type", wanted.get(path),
                served != null && !served.equals(asked)
                    ? "The body is " + served + ", not " + asked + ": the routes come first (03.routes), then the type"
                        + "\nof the file a route names."
                : sent != null && sent.strip().startsWith("application/octet-stream")
                    ? "application/octet-stream is the answer for an extension that is not in CONTENT_TYPES: is the key"
                        + "\nlooked up exactly the extension, '" + asked.substring(asked.lastIndexOf('.') + 1) + "' (no dot, lower case)?"
                    : "Content-Type comes from the extension of the file's name (.html, .css, .png): not always"
                        + "\ntext/html. A browser ignores a style sheet that says it is HTML, and may not show an image.");
        }
    }

    private static void image(Probe p) {
        byte[] png = p.fixture().bytes("kitten.png");
        Exchange e = ok(p, p.get("/kitten.png"));
        Answers.sameBytes(p, e, png, "kitten.png");
        String length = e.header("Content-Length");
        if (length == null || !length.strip().equals(String.valueOf(png.length))) {
            throw p.fail(e, "Content-Length: " + png.length, length == null ? "no Content-Length" : "Content-Length: " + length,
                "Content-Length is the number of bytes of the body.");
        }
    }

    private static void exactPath(Probe p) {
        Fixture fixture = p.fixture();
        // Only meaningful once the routes work: a server that answers every path with the home page
        // would pass the checks below without matching anything.
        Exchange routed = p.get("/kittens");
        byte[] body = p.answered(routed).body();
        if (!Arrays.equals(body, fixture.bytes("kittens.html"))) {
            String which = fixture.fileWithBytes(body);
            throw p.fail(routed, "the page kittens.html for /kittens, before the paths that only start like a route",
                which != null ? "the root's " + which : "a body of " + body.length + " bytes that is not kittens.html",
                "Route /kittens first (03.routes); this checkpoint then checks that"
                    + "\n/kittensXYZ and /about/XYZ are not taken for those routes.");
        }
        for (String path : List.of("/kittens" + p.fresh(""), "/about/" + p.fresh(""))) {
            Exchange e = p.get(path);
            Response r = p.answered(e, "This path is not in the map. Until stage 04, a path the map does not have gets the"
                + "\nhome page: what does your lookup give for a key that is not there?");
            String route = path.startsWith("/kittens") ? "kittens.html" : "about.html";
            if (Arrays.equals(r.body(), fixture.bytes(route))) {
                throw p.fail(e, "anything but the page " + route + ": " + path + " is not a route",
                    "the page " + route,
                    "The path only starts with a route. Match the whole path (look it up in the map as it is),"
                        + "\nnot its beginning: startsWith(\"/kittens\") also matches /kittensXYZ.");
            }
        }
    }

    /** A path no map has, answered; in this stage, with a hint about the lookup when nothing came. */
    private static Exchange unknownPath(Probe p) {
        Exchange e = p.get("/" + p.fresh("unknown-"));
        if (p.stage() == 3) {
            p.answered(e, "A path the map does not have gets the home page in this stage (stage 04 answers it"
                + "\nwith 404): what does your lookup give for a key that is not there?");
        }
        return e;
    }

    /**
     * Paths that would climb out of the root, were a server to make them into a file name
     * (root.resolve("/tmp/x") is /tmp/x): the file outside must never come back. The map only
     * knows its routes, so a server that uses it is safe whatever the path says.
     */
    static void outsideTheRoot(Probe p) {
        Fixture f = p.fixture();
        for (String path : pathsOutOfTheRoot(f)) {
            Exchange e = p.get(path);
            Response r = p.answered(e);
            if (Answers.contains(r.body(), f.secretBytes())) {
                throw p.fail(e, "anything but the file outside the root, for " + path,
                    "'" + r.statusLine() + "' with the file from outside the root as the body",
                    "The path comes from the client: made into a file name, /../ climbs out of the root, and an"
                        + "\nabsolute path (//etc/passwd) replaces it: root.resolve(\"/etc/passwd\") is /etc/passwd. Look the"
                        + "\npath up in the map of routes, and serve only the files the map names.");
            }
            completeThenHome(p, e);
        }
    }

    /** /../ to the secret beside the root, and // then its absolute path (root.resolve of it is that path). */
    static List<String> pathsOutOfTheRoot(Fixture f) {
        String absolute = f.secretAbsolute();
        return List.of("/../" + f.secretBesideRoot(), "/" + (absolute.startsWith("/") ? "" : "/") + absolute);
    }

    /** The response is complete (status line, head, Content-Length), and the home page is served after it. */
    static void completeThenHome(Probe p, Exchange e) {
        p.headEnds(e);
        p.contentLength(e);
        Exchange home = p.get("/");
        try {
            ok(p, home);
        } catch (Failure f) {
            throw p.fail(home, "the home page, as usual, after that request", f.found(),
                "One request the server cannot use must not stop it from serving the next one.");
        }
    }
}
