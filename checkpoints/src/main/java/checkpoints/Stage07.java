package checkpoints;

import labkit.Exchange;
import labkit.Response;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stage 07, forms and POST: the guestbook's form, POST /guestbook read to exactly Content-Length
 * bytes however they arrive, 303 See Other to the page (post/redirect/get), every entry shown
 * escaped and in order, and the status codes of a body the server will not take.
 */
final class Stage07 {

    static final String FORM = "application/x-www-form-urlencoded";
    /** The largest body a server must take (SPEC): 64 KiB, 65,536 bytes, that many included. */
    static final int MAX_BODY_BYTES = 65_536;

    private Stage07() {
    }

    static List<Checkpoint> checkpoints() {
        // In the order of the starter's TODOs, then what the given code already does: a student who
        // follows "Next:" in a report goes through the TODOs as the lesson does.
        return List.of(
            Checkpoint.of("07.length-required", 1, "A POST without Content-Length gets 411 Length Required", Stage07::lengthRequired),
            Checkpoint.of("07.bad-length", 2, "A Content-Length that is not a number, negative, or given twice differently gets 400;"
                + " so do framings two programs could read differently",
                Stage07::badLength),
            Checkpoint.of("07.too-large", 2, "A Content-Length over 64 KiB gets 413, answered at once, and nothing is stored", Stage07::tooLarge),
            Checkpoint.of("07.content-type", 1, "Content-Type compared without case, parameters allowed; another type or none gets 415,"
                + " before the body is read",
                Stage07::contentType),
            Checkpoint.of("07.post-redirect-get", 3, "POST /guestbook adds the entry and answers 303 See Other, Location: /guestbook",
                Stage07::postRedirectGet),
            Checkpoint.of("07.body-in-pieces", 3, "The body is read to exactly Content-Length bytes: with the head, in later pieces, slowly",
                Stage07::bodyInPieces).onSecondServer(),
            Checkpoint.of("07.utf8-body", 1, "UTF-8 in the body survives, raw (as curl -d sends it) or percent-encoded", Stage07::utf8Body),
            Checkpoint.of("07.large-message", 2, "A body of exactly 64 KiB (the largest allowed) is stored exactly", Stage07::largeMessage),
            Checkpoint.of("07.in-order", 2, "20 posts: all 20 shown, oldest first", Stage07::inOrder),
            Checkpoint.of("07.anonymous", 1, "A blank name is shown as Anonymous", Stage07::anonymous),
            Checkpoint.of("07.blank-message", 1, "A blank message gets 400 with a page that says so; a malformed %-escape, or bytes"
                + " that are not UTF-8, in the body get 400; none is stored", Stage07::blankMessage),
            Checkpoint.of("07.entries-escaped", 1, "Names and messages are HTML-escaped on the page", Stage07::entriesEscaped),
            // Alone on the third copy of the server: its guestbook, fresh, then holds 3 MB of quotes, and
            // every later GET /guestbook of a lane would carry them.
            Checkpoint.of("07.stored-as-sent", 1, "Entries are stored as sent and escaped only on the page: eight posts of"
                + " 64 KiB of quotes fit in the guestbook", Stage07::storedAsSent).onServerOfItsOwn(),
            Checkpoint.of("07.form", 2, "GET /guestbook is a page with a form: method=\"post\", fields name and message", Stage07::form),
            Checkpoint.of("07.body-hang-up", 1, "A client that hangs up half-way through its body does not stop the server, and none of it is stored",
                Stage07::bodyHangUp).onSecondServer(),
            Checkpoint.of("07.methods", 2, "POST elsewhere gets 405 with Allow: GET, HEAD; other methods on /guestbook 405 with Allow: GET, HEAD, POST",
                Stage07::methods));
    }

    // ------------------------------------------------------------------ helpers

    static byte[] form(String name, String message) {
        return ("name=" + Texts.encode(name) + "&message=" + Texts.encode(message)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code request}, expects 303 to /guestbook; {@code what} says what was special about it. */
    static Exchange posted(Probe p, Request request, String what) {
        return posted(p, request, what, "");
    }

    /** As above; {@code more} is added to the hint of a failure other than a 200 (what this checkpoint is about). */
    static Exchange posted(Probe p, Request request, String what, String more) {
        Exchange e = p.send(request);
        Response r = p.answered(e);
        if (r.status() == 200 && request.method().equals("POST")) {
            // Not the checkpoint's own hint (more): a 200 says the post was taken, so what the checkpoint
            // is about went right; a hint about it would send the student to rework correct code.
            throw p.fail(e, "'HTTP/1.1 303 See Other' with Location: /guestbook", "'" + r.statusLine() + "' and a page",
                "After a POST, do not answer with a page: answer 303 See Other with Location: /guestbook"
                    + "\n(post/redirect/get). The browser then GETs the page; a reload repeats that GET. After a 200,"
                    + "\na reload would send the form AGAIN and store the entry twice.");
        }
        Answers.status(p, e, 303, "See Other", "A POST that worked gets 303 See Other, Location: /guestbook (" + what + ")."
            + postedHint(r.status(), request, more));
        Answers.location(p, e, "/guestbook", "303 tells the browser where to go next: Location: /guestbook.");
        Answers.valid(p, e, "the 303");
        if (!Answers.linksTo(e, "/guestbook")) {
            throw p.fail(e, "a short page with the link to /guestbook in the 303's body: <a href=\"/guestbook\">",
                labkit.Visible.of(e.body(), 200).strip(),
                "A redirect carries a short HTML body with the link, an <a href>, for a client that does not follow it.");
        }
        return e;
    }

    /** What a status other than 303 says about a post that should have worked; else {@code more}, the checkpoint's own. */
    private static String postedHint(int status, Request request, String more) {
        return switch (status) {
            case 301, 302, 307, 308 -> "\n" + status + " is not 303: after a 301 or 302 some clients send the POST again, and 307 and 308"
                + "\ntell them to. 303 See Other means: now GET this page.";
            case 405 -> "\nThe guestbook does not take posts yet (405): Post.receive is where they are read (its TODOs)."
                + "\nThis post is a good one: your framing checks (TODO 1) may be right already, and it needs TODO 3's 303.";
            case 413 -> request.body().length <= MAX_BODY_BYTES
                ? "\nThis body is " + request.body().length + " bytes, and a body up to 64 KiB is allowed: 65,536 bytes (a KiB is"
                    + "\n1,024 bytes): a body of exactly 65,536 bytes is allowed too."
                : more;
            default -> more;
        };
    }

    /** GET /guestbook, as text a browser shows (entities replaced). */
    static Exchange page(Probe p) {
        Exchange e = p.get("/guestbook");
        Answers.status(p, e, 200, "OK", "GET /guestbook is the page with the entries and the form.");
        Answers.valid(p, e, "the guestbook page");
        return e;
    }

    static void shows(Probe p, Exchange page, String text, String hint) {
        String shown = Texts.unescape(page.text());
        if (!shown.contains(text)) {
            // Escaped twice (when stored and when shown): the page says &amp;lt; where it should say &lt;.
            if (Texts.unescape(shown).contains(text) && !Texts.escape(text).equals(text)) {
                String twice = Texts.escape(Texts.escape(text));
                throw p.fail(page, "the page to show: " + abbreviated(text),
                    "it shows it escaped twice: " + abbreviated(twice),
                    "Escape each value once, when it goes into the page (Guestbook.page): not also when it is"
                        + "\nstored, or the visitor sees &lt; where they typed <.")
                    .pointingAt(twice.substring(0, Math.min(twice.length(), 40)));
            }
            int start = longestStartShown(shown, text);
            throw p.fail(page, "the page to show: " + abbreviated(text),
                "it does not (" + page.body().length + " bytes of page)"
                    + (start >= 20 ? "; it shows the first " + start + " of its " + text.length() + " characters, then something else" : ""),
                hint).pointingAt(start >= 20 ? Texts.escape(text.substring(0, 20)) : null);
        }
    }

    /** A long text as its start and end, with its length: a 64 KiB message would fill the screen. */
    private static String abbreviated(String text) {
        return text.length() <= 200 ? text
            : text.substring(0, 120) + " ... " + text.substring(text.length() - 40) + " (" + text.length() + " characters in all)";
    }

    /** How many characters at the start of {@code text} the page shows (a message cut short shows a start). */
    private static int longestStartShown(String shown, String text) {
        int low = 0, high = text.length(); // shown contains text's first 'low' characters, not its first 'high'
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (shown.contains(text.substring(0, middle))) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    // ------------------------------------------------------------------ checkpoints

    private static void form(Probe p) {
        Exchange e = page(p);
        String html = e.text().toLowerCase(Locale.ROOT).replace('\'', '"');
        String hint = "The page needs a form the browser can send: <form method=\"post\" action=\"/guestbook\"> with a field"
            + "\nnamed name and one named message (input or textarea).";
        if (!html.matches("(?s).*<form[^>]*method=\"?post.*") || !html.matches("(?s).*name=\"?name\"?[\\s>/].*")
                || !html.matches("(?s).*name=\"?message\"?[\\s>/].*")) {
            throw p.fail(e, "a form with method=\"post\" and the fields name and message", labkit.Visible.of(e.body(), 400).strip(), hint);
        }
    }

    private static void postRedirectGet(Probe p) {
        String name = Texts.name(p), message = p.fresh("Hello ") + " " + Fixture.NON_ASCII;
        Exchange plain = posted(p, Request.post("/guestbook", FORM, form(name, message)), "a plain form");
        Answers.logged(p, plain, "Print one line for every request you answer, posts too: the method, the target and the status.",
            "POST", "/guestbook", "303");
        Exchange page = page(p);
        String hint = "The entry the form sent must be on the page: the name and the message, decoded like a query.";
        shows(p, page, name, hint);
        shows(p, page, message, hint);
        // a body is parsed like a query: the FIRST value of a repeated field counts; and a query on the
        // target does not change the route
        String first = p.fresh("first-");
        posted(p, Request.post("/guestbook?" + p.fresh("x") + "=1", FORM, ("name=" + Texts.encode(Texts.name(p)) + "&message=" + first
            + "&message=").getBytes(StandardCharsets.US_ASCII)), "message=" + first + "&message= (the first value counts), posted to"
            + " /guestbook?x=1 (the route is the path)");
        shows(p, page(p), first, "When a field repeats, the FIRST value is the one that counts (as in a query): message=" + first
            + "&message= has the message " + first + ".");
        // typed by hand (nc, telnet): lines that end with \n alone, as 01.bare-lf accepts for a GET
        String typed = p.fresh("typed-");
        byte[] body = form(Texts.name(p), typed);
        posted(p, Request.raw(("POST /guestbook HTTP/1.1\nHost: localhost\nContent-Type: " + FORM + "\nContent-Length: " + body.length
            + "\n\n" + new String(body, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII)),
            "a post typed by hand, its lines ending in \\n alone", "\nThe head's lines may end with \\n alone (as for a GET): every header"
                + "\nof a POST too, Content-Length and Content-Type included.");
        shows(p, page(p), typed, "A post typed by hand, its lines ending in \\n alone, is an entry like any other.");
    }

    private static void bodyInPieces(Probe p) {
        String hint = "The body arrives like the head: one read() returns what has arrived so far, perhaps one piece."
            + "\nRead until you have exactly Content-Length bytes of body.";
        Object[][] ways = {{1, 0, "with the head"}, {4, 50, "in 4 pieces, 50 ms apart"}, {25, 5, "in 25 small pieces"}};
        for (Object[] way : ways) {
            String message = p.fresh("msg-") + " " + p.fresh("") + " " + Texts.name(p) + " " + p.fresh("end-");
            Request request = Request.post("/guestbook", FORM, form(p.fresh("N"), message));
            if ((int) way[0] > 1) {
                request = request.inPieces((int) way[0], Duration.ofMillis((int) way[1]));
            }
            posted(p, request, "the body sent " + way[2], "\n" + hint);
            shows(p, page(p), message, hint + "\nHere the request was sent " + way[2] + ": the whole message is not on the page.");
        }
    }

    /**
     * Half a body, then the client hangs up. read() then returns -1, now and on every call after: a
     * loop that waits for the rest waits forever (and the one-thread server with it), a loop that
     * stops there holds half a message, which is not the one the client meant to send, and one
     * that adds the -1 to its count fails with a 500 for a client that is gone.
     */
    private static void bodyHangUp(Probe p) throws IOException {
        String marker = p.fresh("half-");
        String body = "name=Half&message=" + marker + "+is+where+this+message+stops+short+of+its+Content-Length";
        String sent = body.substring(0, body.indexOf("+where") + "+where".length());
        String head = "POST /guestbook HTTP/1.1\r\nHost: 127.0.0.1:" + p.port() + "\r\nContent-Type: " + FORM
            + "\r\nContent-Length: " + body.length() + "\r\n\r\n";
        // curl sends a Content-Length of our choosing and less body, and --max-time hangs up (before
        // the server's read timeout of 1 s gives up on it: then the server would see a silent client)
        String tryIt = TryIt.CURL + " -v -H 'Content-Type: " + FORM + "' -H 'Content-Length: " + body.length() + "' --data-binary '"
            + sent + "' --max-time 0.5 'http://localhost:5000/guestbook'"
            + "\n    (it sends " + sent.length() + " of the " + body.length() + " bytes, waits half a second and hangs up: curl then says"
            + " 'Operation timed out', as meant), then:"
            + "\n    " + TryIt.CURL + " -v --max-time 5 'http://localhost:5000/guestbook'";
        // No answer is needed, no one is left to read one; but a 5xx says the server took the hang-up
        // for its own error (a loop that adds read()'s -1 to its count goes backwards into an
        // IndexOutOfBoundsException, and stores nothing: only the answer shows it).
        Exchange hungUp = sendThenHangUp(p, (head + sent).getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500));
        if (hungUp.response().hasHead() && hungUp.status() >= 500) {
            throw Failure.of("no answer, or not a 5xx one, to a client that sent part of its body and hung up",
                "'" + hungUp.response().statusLine() + "': the server took the client's hang-up for its own error",
                "When read() returns -1 before the whole body is there, the client has gone: throw an EOFException"
                    + "\n(serve logs it, answers no one and goes on). A loop that adds read()'s -1 to its count goes"
                    + "\nbackwards, into an IndexOutOfBoundsException: stop at -1.").about(hungUp, tryIt);
        }
        ServerProcess.pause(Duration.ofMillis(20));
        String halfSent = "a client sent " + sent.length() + " of the " + body.length() + " bytes of body its Content-Length"
            + "\nannounced, then hung up";
        Exchange next = p.get("/guestbook");
        if (next.ending() == Exchange.Ending.TIMED_OUT || next.ending() == Exchange.Ending.REFUSED) {
            boolean stuck = next.ending() == Exchange.Ending.TIMED_OUT;
            throw Failure.of("the next client to be served as usual, after " + halfSent,
                stuck ? "no answer within " + next.millis() / 1000 + " seconds: the server is stuck"
                    : "the connection was refused: the server stopped",
                stuck ? "Once the client has hung up, read() returns -1, on every call: no more bytes will come."
                        + "\nA loop that waits for Content-Length bytes must stop at -1 (throw an EOFException: no one"
                        + "\nis left to answer), or it waits forever, and every other client with it."
                    : Stage01.CLIENT_GONE_HINT).about(next, tryIt);
        }
        Answers.status(p, next, 200, "OK", "GET /guestbook is the page with the entries and the form.");
        if (Texts.unescape(next.text()).contains(marker)) {
            throw Failure.of("the page to show nothing of the message cut off at '" + sent + "'",
                "it shows it: half a message was stored",
                "The client hung up after " + sent.length() + " of " + body.length() + " bytes: what came is not the message it meant"
                    + "\nto send. When read() returns -1 before the whole body is there, store nothing: throw an"
                    + "\nEOFException rather than return the bytes that came.").about(next, tryIt);
        }
    }

    /**
     * Sends {@code request}, then hangs up our side (the server's read() returns -1), and reads
     * what the server still says, for at most {@code limit}: the exchange, for a report.
     */
    private static Exchange sendThenHangUp(Probe p, byte[] request, Duration limit) throws IOException {
        long start = System.nanoTime();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        Exchange.Ending ending = Exchange.Ending.CLOSED;
        try (Socket socket = p.connect()) { // a refused connection fails here, with its own report
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.setSoTimeout((int) limit.toMillis());
            try {
                socket.getInputStream().transferTo(answer);
            } catch (java.net.SocketTimeoutException e) {
                ending = Exchange.Ending.TIMED_OUT; // the next client tells a stuck server
            } catch (java.net.SocketException e) {
                ending = Exchange.Ending.RESET;
            }
        }
        return new Exchange("127.0.0.1", p.port(), request, Response.parse(answer.toByteArray()), ending,
            (System.nanoTime() - start) / 1_000_000, null);
    }

    private static void utf8Body(Probe p) {
        String name = Texts.name(p), message = "Grüße, " + Texts.name(p) + " — " + Fixture.NON_ASCII;
        String hint = "Content-Length counts bytes, not characters: ü is two bytes in UTF-8, 🐱 four. Read that"
            + "\nmany BYTES. Then decode once: Url.parseQuery wants one char per byte (ISO_8859_1, as the head)"
            + "\nand decodes %-escapes and raw UTF-8 alike. The platform's default charset, or UTF-8 before Url,"
            + "\nbreaks the text.";
        byte[] raw = ("name=" + name.replace(' ', '+') + "&message=" + message.replace(' ', '+')).getBytes(StandardCharsets.UTF_8);
        for (Request request : List.of(Request.post("/guestbook", FORM, raw), Request.post("/guestbook", FORM, form(name, message))
                .inPieces(3, Duration.ofMillis(30)))) {
            Exchange e = p.send(request);
            Response r = p.answered(e, hint);
            if (r.status() != 303) {
                throw p.fail(e, "'HTTP/1.1 303 See Other' for a body with non-ASCII text", "'" + r.statusLine() + "'",
                    r.status() == 405 ? "The guestbook does not take posts yet (405): Post.receive is where they are read"
                        + "\n(its TODOs). Then:\n" + hint : hint);
            }
            shows(p, page(p), message, hint);
        }
    }

    private static void largeMessage(Probe p) {
        StringBuilder text = new StringBuilder(p.fresh("start-"));
        while (text.length() < 60 * 1024) {
            text.append(' ').append(Texts.random(p.random(), "abcdefghijklmnopqrstuvwxyz", 1 + p.random().nextInt(12)));
        }
        String end = " <ü&\"'> " + p.fresh("end-");
        // Padded to a body of exactly 65,536 bytes, the largest allowed: a limit of 64,000 or 64,512 fails here.
        int missing = MAX_BODY_BYTES - form("", text + end).length;
        if (missing < 0) {
            throw new HarnessProblem("the message is " + (MAX_BODY_BYTES - missing) + " bytes when encoded, over 64 KiB");
        }
        String message = text + "x".repeat(missing) + end;
        byte[] body = form("", message);
        // An early answer is let through to posted(), whose hint for a 413 says why this body is allowed.
        posted(p, Request.post("/guestbook", FORM, body).inPieces(3, Duration.ofMillis(30)).earlyAnswerAllowed(),
            "a body of exactly 64 KiB");
        shows(p, page(p), message, "A body of 64 KiB takes many reads: read until you have Content-Length bytes, and store the"
            + "\nwhole message, not the first piece (nor the first 8 KiB).");
    }

    private static void entriesEscaped(Probe p) {
        String name = Texts.nasty(p), message = Texts.nasty(p);
        posted(p, Request.post("/guestbook", FORM, form(name, message)), "a name and message with < > & \" '");
        Exchange page = page(p);
        String text = page.text();
        for (String value : List.of(name, message)) {
            String word = Texts.nastyWord(value);
            String field = value == name ? "name" : "message";
            if (Texts.hasNastyUnescaped(text, word)) {
                throw p.fail(page, "every name and message escaped: &lt;b id=&quot;" + word + "&quot;&gt; ...",
                    "the page has the visitor's HTML unescaped, in the " + field + ": <b id=\"" + word + "\"> ... <script>",
                    "A guestbook shows what strangers typed: put it in the page unescaped and any visitor can run"
                        + "\nscript in every other visitor's browser (stored XSS). Escape each name and message.")
                    .pointingAt("<b id=\"" + word + "\">");
            }
        }
        if (text.contains("'Tom'")) {
            throw p.fail(page, "every name and message escaped, quotes too: &#39;Tom&#39; &quot;...&quot;",
                "the page has the visitor's quotes as they are: 'Tom' \"...\"",
                "Escape all five characters, as /hello does since stage 05: < > & \" ' (Html.escape). Inside an attribute"
                    + "\nvalue a quote ends it, and what follows becomes HTML.").pointingAt("'Tom'");
        }
        shows(p, page, message, "Escape each value once: the page must still show what the visitor typed.");
    }

    /**
     * Eight posts of 65,528 quotes each: the guestbook keeps what was sent, and escapes it on the way
     * into the page. Stored escaped (&quot;, six characters for one; &#34;, five) they fill its 2
     * million characters (Guestbook.MAX_CHARACTERS) before the eighth, which then gets 507; stored
     * as sent they take 524,224 characters. The page looks the same either way: this is where it shows.
     */
    private static void storedAsSent(Probe p) {
        byte[] quotes = ("message=" + "\"".repeat(MAX_BODY_BYTES - "message=".length())).getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= 8; i++) {
            posted(p, Request.post("/guestbook", FORM, quotes), "post " + i + " of 8, each 65,528 quotes (\")",
                "\nThe guestbook holds about 2 million characters, and eight of these posts are 524,224 quotes: it is"
                    + "\nnot full. Unless it stores them escaped: &quot; is six characters for one. Store what the"
                    + "\nvisitor sent, as it was, and escape it each time it goes into the page (Guestbook.page).");
        }
    }

    private static void inOrder(Probe p) {
        String run = p.fresh("");
        String[] messages = new String[20];
        for (int i = 0; i < 20; i++) {
            messages[i] = tag(run, i) + " " + Texts.name(p);
            posted(p, Request.post("/guestbook", FORM, form(p.fresh("N"), messages[i])), "post " + (i + 1) + " of 20");
        }
        Exchange page = page(p);
        String shown = Texts.unescape(page.text());
        int at = -1;
        for (int i = 0; i < 20; i++) {
            int next = shown.indexOf(messages[i]);
            if (next < 0 || next < at) {
                throw p.fail(page, "all 20 messages, oldest first", next < 0 ? "message " + (i + 1) + " is missing: " + messages[i]
                    : "message " + (i + 1) + " comes before message " + i, "Keep every entry, in the order it came (a List), and show them all."
                    + (next >= 0 ? "\nHere a newer one comes first: add(0, ...), or a loop that runs backwards, shows them newest first." : ""))
                    .pointingAt(next >= 0 ? tag(run, i) : null);
            }
            at = next;
        }
    }

    /** The start of the in-order checkpoint's message number {@code i} (from 0): "entry 1a2b3c-a". */
    private static String tag(String run, int i) {
        return "entry " + run + "-" + (char) ('a' + i);
    }

    private static void anonymous(Probe p) {
        String tag = p.fresh("anon-"), message = tag + " " + Texts.name(p);
        posted(p, Request.post("/guestbook", FORM, ("name=%09+%E3%80%80&message=" + Texts.encode(message)).getBytes(StandardCharsets.US_ASCII)),
            "a blank name: a tab, a space and an ideographic space, U+3000");
        Exchange page = page(p);
        shows(p, page, message, "The entry with a blank name is stored too.");
        String shown = Texts.unescape(page.text());
        int at = shown.indexOf(message);
        String before = shown.substring(Math.max(0, at - 200), at);
        if (!before.contains("Anonymous")) {
            throw p.fail(page, "'Anonymous' as the name of the entry " + message, "no 'Anonymous' just before it",
                "A blank name (empty, or only whitespace: spaces, tabs, U+3000; isBlank, not trim) is shown as Anonymous.")
                .pointingAt(tag);
        }
    }

    private static void blankMessage(Probe p) {
        String name = p.fresh("blank-");
        for (String body : List.of("name=" + name + "&message=", "name=" + name + "&message=+%20%09%E3%80%80+", "name=" + name)) {
            Exchange e = p.send(Request.post("/guestbook", FORM, body.getBytes(StandardCharsets.US_ASCII)));
            Answers.status(p, e, 400, "Bad Request", "A blank message (missing, empty or only whitespace: spaces, tabs, U+3000;"
                + "\nisBlank, not trim) is not an entry: answer 400 Bad Request with a page that says what is wrong with"
                + "\nthe message, such as \"Your message is empty\".");
            Answers.valid(p, e, "the 400");
            if (!e.text().toLowerCase(Locale.ROOT).contains("message")) {
                throw p.fail(e, "a page that mentions the message (what is wrong with it)", labkit.Visible.of(e.body(), 300).strip(),
                    "Say what to fix: the page should mention the message, such as \"Your message is empty\".");
            }
        }
        for (String body : List.of("name=" + name + "&message=100%zz", "name=" + name + "&message=" + p.fresh("") + "%")) {
            Exchange e = p.send(Request.post("/guestbook", FORM, body.getBytes(StandardCharsets.US_ASCII)));
            Response r = p.answered(e);
            Answers.status(p, e, 400, "Bad Request", (r.status() == 500
                ? "A malformed escape in the body is the client's mistake, never 500 (that would be the server's):"
                : "A malformed escape in the body is the client's mistake:")
                + "\nanswer 400 Bad Request, as for one in a query (stage 05): the body is encoded the same way.");
            Answers.valid(p, e, "the 400");
        }
        // A 400 page that repeats the name repeats it escaped: the form can be sent from any site.
        String nasty = Texts.nasty(p), word = Texts.nastyWord(nasty);
        Exchange echoed = p.send(Request.post("/guestbook", FORM, form(nasty, "")));
        Answers.status(p, echoed, 400, "Bad Request", "A blank message is 400 Bad Request, whatever the name.");
        if (Texts.hasNastyUnescaped(echoed.text(), word)) {
            throw p.fail(echoed, "the name escaped wherever the 400 page repeats it", "the page has the visitor's HTML as it is: <b id=\""
                + word + "\"> ... <script>", "Any site can make a visitor's browser send this form, with HTML in the name: a page that"
                + "\nrepeats it must escape it (explain(...) does), or it runs that site's script here (reflected XSS).");
        }
        // Bytes that are not UTF-8, escaped (%FF) or raw (Grüße in ISO-8859-1): a text no one sent, not an entry.
        byte[] latin1 = ("name=" + name + "&message=Gr\u00fc\u00dfe").getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] body : List.of(("name=" + name + "&message=%FF").getBytes(StandardCharsets.US_ASCII), latin1)) {
            Exchange e = p.send(Request.post("/guestbook", FORM, body));
            Answers.status(p, e, 400, "Bad Request", "A body whose bytes are not UTF-8 (here " + (body == latin1
                ? "Grüße in ISO-8859-1: FC and DF stand alone" : "%FF, a byte no UTF-8 text has") + ") is not a form this"
                + "\nserver can read: 400, as in a query (stage 05). Decode it with Url.parseQuery, which reports such"
                + "\nbytes; new String(body, UTF_8) or URLDecoder put U+FFFD, the replacement character, in their place.");
            Answers.valid(p, e, "the 400");
        }
        if (Texts.unescape(page(p).text()).contains(name)) {
            throw p.fail(page(p), "no entry by " + name + " (each of its posts had a blank message or a malformed escape)",
                "there is one", "A blank message, or a body that is not a valid form, gets 400 and is NOT stored.").pointingAt(name);
        }
    }

    private static void contentType(Probe p) {
        String message = p.fresh("typed-");
        posted(p, Request.post("/guestbook", "Application/X-WWW-Form-URLencoded; charset=UTF-8", form("", message)),
            "Content-Type: Application/X-WWW-Form-URLencoded; charset=UTF-8",
            "\nThis is a form too: a media type is compared without case, and '; charset=UTF-8' after it is a"
                + "\nparameter, not part of the type.");
        for (String type : List.of(FORM + ";charset=utf-8", FORM + " ; charset=UTF-8")) {
            posted(p, Request.post("/guestbook", type, form("", p.fresh("typed-"))), "Content-Type: " + type,
                "\nThe type is what comes before the ';', without the spaces around it: parameters may follow with or"
                    + "\nwithout a space.");
        }
        for (String type : new String[] {"text/plain", "application/json", null, ";", FORM + "x", "text/x-www-form-urlencoded"}) {
            Exchange e = p.send(Request.post("/guestbook", type, form("", p.fresh("x"))));
            Answers.status(p, e, 415, "Unsupported Media Type", "The guestbook reads forms: Content-Type application/x-www-form-urlencoded,"
                + "\ncompared without case, with parameters such as '; charset=UTF-8' allowed."
                + "\nAny other type, or none, is 415."
                + (";".equals(type) ? "\nHere the type is empty: split drops empty parts at the end, so \";\".split(\";\") has no [0]"
                    + "\n(split(\";\", 2) keeps them)." : "")
                + ((FORM + "x").equals(type) ? "\nHere the type is " + type + ", another one that only starts like a form's:"
                    + "\nstartsWith or contains accepts it; compare the whole type before the ';'." : ""));
            Answers.valid(p, e, "the 415");
        }
        expectWithWrongType(p);
    }

    /**
     * Expect: 100-continue with a type the guestbook refuses, and no body: the client waits for a
     * go-ahead. The 415 comes at once, before the body is read (TODO 1's order), so the given code
     * sends no 100 Continue and the client keeps its body. A server that reads the body first sends
     * the 100, then waits for a body it will refuse: here it never comes.
     */
    private static void expectWithWrongType(Probe p) {
        Exchange e = p.send(Request.raw("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 10\r\nExpect: 100-continue\r\n\r\n").earlyAnswerAllowed());
        Response r = e.response();
        if (!r.interim().isEmpty() || !r.hasHead() || r.status() != 415) {
            throw p.fail(e, "'HTTP/1.1 415 Unsupported Media Type' at once, and no 100 Continue before it",
                (r.interim().isEmpty() ? "" : "'" + r.interim().get(0) + "' first, then ")
                    + (r.hasHead() ? "'" + r.statusLine() + "'" : "no answer"),
                "A client that sends Expect: 100-continue waits for a go-ahead before its body. The given code"
                    + "\nsends it (100 Continue) when the body is first read: check Content-Type BEFORE reading the body"
                    + "\n(TODO 1's order: length, limit, type, then read), so a 415 goes out without one, and the client"
                    + "\nnever sends a body you refuse.");
        }
    }

    private static void lengthRequired(Probe p) {
        Exchange e = p.send(Request.raw("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n\r\n"));
        Answers.status(p, e, 411, "Length Required", "Without Content-Length the server cannot know where the body ends: 411 Length Required.");
        Answers.valid(p, e, "the 411");
    }

    private static void badLength(Probe p) {
        String body = "message=" + p.fresh("");
        for (String lengths : List.of("abc", "-5", body.length() + "\r\nContent-Length: " + (body.length() + 3), "1" + body.length() + "x",
                "+" + body.length())) { // Long.parseLong takes "+13": only ASCII digits are a length
            Exchange e = p.send(Request.raw("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
                + "\r\nContent-Length: " + lengths + "\r\n\r\n" + body));
            Answers.status(p, e, 400, "Bad Request", "A Content-Length that is not a number of ASCII digits, or two different ones,"
                + "\nleaves the body's end unknown: 400 Bad Request (here: Content-Length: " + lengths.replace("\r\n", " + ") + ").");
            Answers.valid(p, e, "the 400");
        }
        // leading zeros are still a number of ASCII digits
        String zeros = "message=" + p.fresh("zeros-");
        posted(p, Request.raw(("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\nContent-Length: 0000000000"
            + zeros.length() + "\r\n\r\n" + zeros).getBytes(StandardCharsets.US_ASCII)), "Content-Length: 0000000000" + zeros.length()
            + " (leading zeros, however many: still a number, and under the limit)");
        // Framings two programs could read differently (request smuggling), which the given
        // Post.framingWeCannotTrust refuses: a space before the colon (RFC 9112, 5.1, a MUST), and
        // Transfer-Encoding with Content-Length (6.1). Given code: this fails only if it was changed.
        for (String framing : List.of("Content-Length : " + body.length(), "Transfer-Encoding: chunked\r\nContent-Length: " + body.length())) {
            Exchange e = p.send(Request.raw("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n" + framing
                + "\r\n\r\n" + body).earlyAnswerAllowed());
            Answers.status(p, e, 400, "Bad Request", "Two programs could read where this body ends differently ("
                + framing.replace("\r\n", " + ") + "): RFC 9112 says 400.\nThe given Post.framingWeCannotTrust does this:"
                + " keep it as given, and let it run before your checks.");
        }
        Stage03.completeThenHome(p, p.get("/"));
    }

    private static void tooLarge(Probe p) {
        String marker = p.fresh("huge-");
        byte[] start = ("name=" + marker + "&message=" + marker).getBytes(StandardCharsets.US_ASCII);
        byte[] part = Arrays.copyOf(start, 30_000);
        Arrays.fill(part, start.length, part.length, (byte) 'x');
        long declared = 65_537 + p.random().nextInt(1_000_000);
        Request request = Request.raw(join(("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\nContent-Length: "
            + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), part)).inPieces(3, Duration.ofMillis(30)).earlyAnswerAllowed();
        String hint = "A body over 64 KiB (65,536 bytes) is 413 Content Too Large: check Content-Length BEFORE"
            + "\nreading the body, answer at once, and never store it. (Here Content-Length says " + declared
            + "\nand only part of it comes.)";
        Exchange e = p.send(request);
        Response r = p.answered(e, hint);
        if (r.statusLine() == null || !r.statusLine().matches("HTTP/1\\.1 413 (Content|Payload) Too Large")) {
            throw p.fail(e, "'HTTP/1.1 413 Content Too Large'", r.statusLine() == null ? "no status line" : "'" + r.statusLine() + "'", hint);
        }
        Answers.valid(p, e, "the 413");
        if (Texts.unescape(page(p).text()).contains(marker)) {
            throw p.fail(e, "nothing stored from a body that is too large", "the page shows " + marker, hint);
        }
        // One byte over the limit; Integer.MAX_VALUE, whose new byte[length] stops a server that takes it
        // (an OutOfMemoryError is no Exception); and a length no int or long can hold: 413, answered at once.
        for (String length : List.of("65537", "2147483647", "99999999999999999999")) {
            Exchange over = p.send(Request.raw(("POST /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
                + "\r\nContent-Length: " + length + "\r\n\r\nname=" + marker).getBytes(StandardCharsets.US_ASCII)).earlyAnswerAllowed());
            String why = "Content-Length: " + length + " is over 65,536 bytes: 413. The limit is exact, not in whole KiB;"
                + "\nand a length may have more digits than an int or a long holds (BigInteger does).";
            Response answer = p.answered(over, why);
            if (answer.statusLine() == null || !answer.statusLine().matches("HTTP/1\\.1 413 (Content|Payload) Too Large")) {
                throw p.fail(over, "'HTTP/1.1 413 Content Too Large'", answer.statusLine() == null ? "no status line"
                    : "'" + answer.statusLine() + "'", why);
            }
        }
    }

    private static void methods(Probe p) {
        for (Request request : List.of(Request.post("/", FORM, form("", p.fresh(""))), Request.post("/hello", FORM, form("", p.fresh(""))))) {
            allow(p, p.send(request), Set.of("GET", "HEAD"), "Only /guestbook takes POST; elsewhere a POST gets 405 with Allow: GET, HEAD.");
        }
        Exchange get = page(p);
        Exchange head = p.send(Request.head("/guestbook"));
        Answers.status(p, head, 200, "OK", "HEAD /guestbook is answered like GET, without the body.");
        if (head.body().length > 0) {
            throw p.fail(head, "no body at all after the empty line", "a body of " + head.body().length + " bytes",
                "A response to HEAD has the head of the GET and no body.");
        }
        p.header(head, "Content-Length", String.valueOf(get.body().length), "A response to HEAD has the head of the GET: the same"
            + "\nContent-Length, the length of the page a GET gets (" + get.body().length + " bytes just before).");
        for (String method : List.of("PUT", "DELETE", p.fresh("").toUpperCase(Locale.ROOT))) {
            Exchange e = p.send(Request.raw(method + " /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"));
            allow(p, e, Set.of("GET", "HEAD", "POST"), "/guestbook takes GET, HEAD and POST: another method gets 405 with Allow: GET, HEAD, POST.");
        }
        // methods are case-sensitive: post is not POST, and nothing of its body is stored
        String lower = p.fresh("lower-");
        byte[] body = form("", lower);
        Exchange post = p.send(Request.raw(("post /guestbook HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM
            + "\r\nContent-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII)));
        String caseHint = "Methods are case-sensitive: 'post' is not POST, and gets 405 with Allow: GET, HEAD, POST"
            + "\n(as 'get' does on any path since 04.method-not-allowed).";
        allow(p, post, Set.of("GET", "HEAD", "POST"), caseHint);
        if (Texts.unescape(page(p).text()).contains(lower)) {
            throw p.fail(post, "nothing stored from 'post /guestbook'", "the page shows " + lower, caseHint);
        }
    }

    private static void allow(Probe p, Exchange e, Set<String> wanted, String hint) {
        Answers.status(p, e, 405, "Method Not Allowed", hint);
        String allow = e.header("Allow");
        Set<String> methods = new TreeSet<>();
        if (allow != null) {
            Arrays.stream(allow.split(",")).map(String::strip).filter(m -> !m.isEmpty()).forEach(methods::add);
        }
        if (!methods.equals(wanted)) {
            throw p.fail(e, "the header 'Allow: " + String.join(", ", new TreeSet<>(wanted)) + "'", allow == null ? "no Allow header" : "Allow: " + allow, hint);
        }
        Answers.valid(p, e, "the 405");
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
