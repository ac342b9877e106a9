package checkpoints;

import labkit.Exchange;
import labkit.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 05, query strings: the target split at '?' into path and query, the path percent-decoded
 * before routing (and before the traversal check), the query parsed into names and values, 400 for
 * a malformed escape, and /hello?name=... greeting a name made fresh for each run, escaped.
 */
final class Stage05 {

    private Stage05() {
    }

    static List<Checkpoint> checkpoints() {
        // In the order of the starter's TODOs, then what the given code already does: a student who
        // follows "Next:" in a report goes through the TODOs as the lesson does.
        return List.of(
            Checkpoint.of("05.path-and-query", 3, "The target splits at the first '?': routing uses the path alone (/kittens?x=1 is the kittens page)",
                Stage05::pathAndQuery),
            Checkpoint.of("05.path-decoding", 2, "The path is percent-decoded before routing; '+' in a path stays '+'",
                Stage05::pathDecoding),
            Checkpoint.of("05.bad-escape", 2, "A malformed escape (%, %4, %zz, bytes that are not UTF-8) anywhere in the target gets 400, never 500",
                Stage05::badEscape),
            Checkpoint.of("05.hello", 3, "/hello?name=Ada+Lovelace says Hello, Ada Lovelace! (fresh names, empty pieces skipped)",
                Stage05::hello),
            Checkpoint.of("05.unicode-name", 1, "A percent-encoded UTF-8 name (name=J%C3%BCrgen) is greeted as Jürgen; raw UTF-8 too, or 400",
                Stage05::unicodeName),
            Checkpoint.of("05.plus-space", 1, "In the query '+' is a space and %2B a plus sign", Stage05::plusSpace),
            Checkpoint.of("05.split-then-decode", 2, "Names and values are decoded after splitting on & and =: %26 and %3D stay in the value",
                Stage05::splitThenDecode),
            Checkpoint.of("05.repeated-names", 1, "name=A&name=B: the page greets the first and lists the others (all values kept)",
                Stage05::repeatedNames),
            Checkpoint.of("05.blank-name", 1, "No name, an empty name or only spaces: Hello, stranger!", Stage05::blankName),
            Checkpoint.of("05.name-escaped", 2, "The name is HTML-escaped: < > & \" ' never reach the page as they are",
                Stage05::nameEscaped),
            Checkpoint.of("05.traversal-decoded", 2, "Encoded .. and / (%2e%2e, %2f) under /static/ never reach a file outside static/",
                Stage05::traversalDecoded));
    }

    private static void pathAndQuery(Probe p) {
        Fixture f = p.fixture();
        String[][] cases = {
            {"/kittens?x=1&" + p.fresh("q"), "kittens.html"},
            {"/about?" + p.fresh("") + "=" + p.fresh("") + "?" + p.fresh(""), "about.html"},
            {"/?" + p.fresh(""), "index.html"},
            {"/kittens?", "kittens.html"},
            {"/" + f.staticText + "?v=" + p.fresh(""), f.staticText}};
        for (String[] c : cases) {
            Exchange e = p.get(c[0]);
            String hint = "The target is the path, then '?' and the query. Routing looks at the path alone: split the target"
                + "\nat the FIRST '?' (the query may contain more) and look up only the part before it.";
            Answers.status(p, e, 200, "OK", hint);
            Answers.sameBytes(p, e, f.bytes(c[1]), c[1]);
            if (c == cases[0]) {
                Answers.logged(p, e, "The log line shows what was asked: the method, the whole target (the query too: routing"
                    + "\nignores it, the log does not) and the status, such as 'GET /kittens?x=1 -> 200'.", c[0], "200");
            }
        }
    }

    private static void pathDecoding(Probe p) {
        Fixture f = p.fixture();
        String odd = f.staticOddName;
        String[][] cases = {
            {"/kitt%65ns", "kittens.html"},
            {"/%61bout", "about.html"},
            {"/" + odd.replace(" ", "%20"), odd},
            {"/" + odd.replace(" ", "%20").replace("+", "%2B"), odd},
            {"/" + odd.replace(" ", "%20").replace("+", "%2b"), odd}}; // hex digits in either case (RFC 3986, 2.1)
        for (String[] c : cases) {
            Exchange e = p.get(c[0]);
            String hint = "The path is percent-decoded before it is looked up: %65 is 'e', %20 a space, %2B a '+'."
                + "\nThe two hex digits may be upper or lower case: %2b is a '+' too."
                + "\nIn a PATH a '+' is a plus sign; only in the query does it stand for a space."
                + "\nHere " + c[0] + " is the file " + c[1] + ".";
            Answers.status(p, e, 200, "OK", hint);
            Answers.sameBytes(p, e, f.bytes(c[1]), c[1]);
        }
        // Decoded once, and after the split: these look like routes only when decoded wrongly.
        String word = p.fresh("");
        String encodedMark = "%3F is a '?' that is part of the path's name, not the start of a query: split the target"
            + "\nat '?' first, then decode the path alone. Decoding the whole target first turns %3F into a"
            + "\n'?' that then splits it. Here the whole path is ";
        String[][] noRoute = {
            {"/about%3F" + word + "=1", encodedMark + "/about?" + word + "=1, and no route has it: 404."},
            {"/kittens%3F", encodedMark + "/kittens?, and no route has it: 404."},
            {"/%2561bout", "Decode the path once: %25 is a '%', and the decoded path is /%61bout, which no route has."
                + "\nDecoding the result again turns that %61 into an 'a' the client never sent."}};
        for (String[] c : noRoute) {
            Exchange e = p.get(c[0]);
            Answers.status(p, e, 404, "Not Found", c[1]);
        }
    }

    private static void traversalDecoded(Probe p) {
        Fixture f = p.fixture();
        byte[] secret = f.secretBytes();
        String outside = f.secretBesideRoot();
        String absolute = f.secretAbsolute();
        List<String> paths = new ArrayList<>(List.of(
            "/static/%2e%2e/%2e%2e/" + outside,
            "/static/%2E%2E%2F%2E%2E%2F" + outside.replace("/", "%2F"),
            "/static/..%2f..%2f" + outside.replace("/", "%2f"),
            "/static%2F..%2F..%2F" + outside.replace("/", "%2F"),
            "/static/%2F" + (absolute.startsWith("/") ? absolute.substring(1) : absolute).replace("/", "%2F"),
            "/static/%2e%2e/index.html"));
        byte[] index = f.bytes("index.html");
        for (String path : paths) {
            Exchange e = p.get(path);
            Response r = p.answered(e);
            boolean leaked = Answers.contains(r.body(), secret) || (path.endsWith("index.html") && java.util.Arrays.equals(r.body(), index));
            if (leaked || (r.status() != 403 && r.status() != 404 && r.status() != 400)) {
                throw p.fail(e, "403 or 404 (or 400) for " + path + ", and never the file",
                    leaked ? "'" + r.statusLine() + "' with the file from outside static/ as the body" : "'" + r.statusLine() + "'",
                    "%2e%2e is '..' and %2f is '/' once the path is decoded. Run the check that the file is inside"
                        + "\nstatic/ AFTER decoding (on the real path the decoded name leads to): a check before"
                        + "\ndecoding sees no '..' at all.");
            }
        }
        Stage03.completeThenHome(p, p.get("/"));
    }

    /** The page greets {@code name}: some "Hello, X!" in it shows as exactly that name and is safely escaped. */
    static void greets(Probe p, Exchange e, String name, String hint) {
        Answers.status(p, e, 200, "OK", "/hello is a page: 200 OK.\n" + hint);
        Answers.valid(p, e, "the /hello page");
        String text = e.text();
        String found = null;
        for (int i = text.indexOf("Hello, "); i >= 0; i = text.indexOf("Hello, ", i + 1)) {
            int end = text.indexOf('!', i + 7);
            String inserted = end < 0 ? text.substring(i + 7) : text.substring(i + 7, end);
            String problem = Texts.unsafe(inserted, name);
            if (problem == null) {
                return;
            }
            found = found != null ? found : "'Hello, " + inserted + "!': " + problem;
        }
        // What the name's shape says comes first: it names this mistake, the checkpoint's hint a likely one.
        String more = moreHint(found, name);
        if (more.contains("(" + p.checkpointId() + ")")) {
            more = ""; // it sends the student to this very checkpoint, whose own hint says the same
        }
        // A value escaped or decoded twice is that mistake, whatever this checkpoint is about: its own hint would mislead.
        boolean certain = more.contains(ESCAPED_AGAIN) || more.contains(DECODED_TWICE) || more.contains(NOT_ESCAPED);
        throw p.fail(e, "a page that says 'Hello, " + name + "!' (the name HTML-escaped where needed)",
            found != null ? found : "no 'Hello, ' in the page",
            more.isEmpty() ? hint : certain ? more.substring(1) : more.substring(1) + "\n" + hint);
    }

    private static final String ESCAPED_AGAIN = "Here an entity was escaped again", DECODED_TWICE = "was the query decoded twice",
        NOT_ESCAPED = "Here the name arrived, but not HTML-escaped";

    /** What the way the name came out says beyond the checkpoint's own hint, or "". */
    static String moreHint(String found, String name) {
        if (found == null) {
            return "";
        }
        if (found.contains("is in the page as it is, not escaped")) {
            return "\n" + NOT_ESCAPED + ": the name went into the page as it is. Every value from a client goes through"
                + "\nHtml.escape, all five characters: < > & \" ' (from stage 06 on, render does it) (05.name-escaped).";
        }
        String twice = java.util.stream.Stream.of("&amp;lt;", "&amp;gt;", "&amp;quot;", "&amp;#39;", "&amp;amp;")
            .filter(found::contains).findFirst().orElse(null);
        if (twice != null) {
            String once = twice.replaceFirst("^&amp;", "&");
            return "\n" + ESCAPED_AGAIN + ": " + once + " became " + twice + ". Escape each value once, in one place (from stage"
                + "\n06 on, fill does it for every value); and escape '&' first (or each character in one pass), or the"
                + "\n& of " + once + " is escaped too.";
        }
        if (name.contains("+") && found.startsWith("'Hello, " + name.replace('+', ' ') + "!'")) {
            return "\nHere %2B became a space: " + DECODED_TWICE + " (the whole target first, then each value)? %2B"
                + "\nbecomes '+', and a second decoding takes that '+' for a space. Decode each name and value once,"
                + "\nafter splitting.";
        }
        if (found.contains("cut before the '&'") || found.contains("cut before the '='")) {
            return "\nHere the name was cut at a '&' or '=' that was sent as %26 or %3D: split the query first,"
                + "\nthen decode each part (05.split-then-decode).";
        }
        if (showsBytesAsCharacters(found, name)) {
            return "\nHere the UTF-8 bytes of the name were taken one by one as characters (ü became Ã¼): collect the"
                + "\nbytes of the escapes first and decode them as UTF-8 at the end (05.unicode-name).";
        }
        return "";
    }

    /** Whether a non-ASCII part of {@code name} shows in {@code found} as its UTF-8 bytes read one by one as characters. */
    private static boolean showsBytesAsCharacters(String found, String name) {
        for (String run : name.split("\\p{ASCII}+")) {
            if (!run.isEmpty() && found.contains(new String(run.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    private static void hello(Probe p) {
        String hint = "/hello reads the query's name and greets it: 'Hello, ' + the decoded name + '!'. The path is /hello,"
            + "\nthe query is everything after '?'; a '+' there is a space.";
        greets(p, p.get("/hello?name=Ada+Lovelace"), "Ada Lovelace", hint);
        String first = p.fresh("").toUpperCase().charAt(0) + p.fresh("");
        String last = p.fresh("").toUpperCase().charAt(0) + p.fresh("");
        greets(p, p.get("/hello?name=" + first + "+" + last), first + " " + last, hint);
        // the route is the whole path: /hello.php is not /hello (as /kittensXYZ is not /kittens, 03.exact-path)
        String lookalike = "/hello" + p.fresh(".");
        Answers.status(p, p.get(lookalike + "?name=Ada"), 404, "Not Found", "A route matches the whole path: " + lookalike
            + " is not /hello. Compare the path with equals, not startsWith.");
        String other = p.fresh("");
        greets(p, p.get("/hello?&&" + other + "=1&name=" + first + "&&flag&"), first,
            hint + "\nEmpty pieces (a=1&&b=2) are skipped, and a piece without '=' (flag) has the empty value.");
        greets(p, p.get("/hello?name=" + first + "=" + last), first + "=" + last,
            hint + "\nA piece splits at its FIRST '=': in name=A=B the name is 'name' and the value 'A=B'.");
        greets(p, p.get("/hello?n%61me=" + last), last, hint + "\nNames are percent-decoded too: n%61me is name.");
        greets(p, p.get("/hello?name=" + first + "?" + last), first + "?" + last,
            hint + "\nThe target splits at its FIRST '?': a '?' after that is part of the query, so in /hello?name=A?B"
                + "\nthe query is name=A?B and the name 'A?B'.");
    }

    private static void unicodeName(Probe p) {
        String hint = "%C3%BC is TWO bytes, C3 and BC, which together are ü in UTF-8. Collect the bytes of the escapes"
            + "\nand decode them as UTF-8 at the end: decoding each %XX alone as a character gives Ã¼.";
        greets(p, p.get("/hello?name=J%C3%BCrgen"), "Jürgen", hint);
        String name = Texts.name(p);
        // Spaces as %20, not '+': a server that leaves '+' alone fails 05.plus-space, not this one.
        greets(p, p.get("/hello?name=" + Texts.encode(name).replace("+", "%20")), name, hint);
        // U+FFFD itself, sent as its three UTF-8 bytes: valid UTF-8, so a page, not a 400.
        String replacement = p.fresh("") + "\uFFFD" + p.fresh("");
        greets(p, p.get("/hello?name=" + Texts.encode(replacement)), replacement,
            "%EF%BF%BD is valid UTF-8: the three bytes of U+FFFD, the replacement character itself. A U+FFFD"
                + "\nin the decoded text does not tell bad bytes from these: let the decoder report bad bytes (a"
                + "\nCharsetDecoder set to REPORT) instead of looking for U+FFFD afterwards.");
        // Raw UTF-8 in the target, as curl sends an ü typed into its address. A URI may not hold it
        // (RFC 3986, 2), so 400 is a fair answer; a page must greet the name, not a garbled one.
        String typed = "Jürgen-" + p.fresh("");
        Exchange raw = p.send(Request.raw("GET /hello?name=" + typed + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        if (p.answered(raw).status() != 400) {
            greets(p, raw, typed, "A character that is not part of an escape is one byte of the request as it is: the"
                + "\nhead is read as ISO-8859-1, one char per byte (0 to 255), so write that char as one byte,"
                + "\n(byte) c, and decode all the bytes as UTF-8 at the end. Encoding it again (getBytes(UTF_8))"
                + "\nmakes the two bytes of ü four: Ã¼. (Or answer 400: a URI may not hold raw UTF-8, RFC 3986, 2.)");
        }
    }

    private static void plusSpace(Probe p) {
        String a = p.fresh(""), b = p.fresh("");
        String hint = "In a query (and a form) '+' stands for a space; a real plus sign is sent as %2B.";
        Exchange plus = p.get("/hello?name=" + a + "+" + b);
        greets(p, plus, a + " " + b, hint + (plus.text().contains(a + "+" + b) ? " Here '+' is left as '+'." : ""));
        greets(p, p.get("/hello?name=" + a + "%2B" + b), a + "+" + b, hint);
    }

    private static void splitThenDecode(Probe p) {
        String name = p.fresh("") + " & " + p.fresh("") + "=" + p.fresh("") + " 100%";
        greets(p, p.get("/hello?name=" + Texts.encode(name) + "&" + p.fresh("x") + "=1"), name,
            "Split the query at '&' and each piece at '=' FIRST, then decode each name and value: decoding the"
                + "\nwhole query first turns %26 into a '&' that then splits the name in two.");
    }

    private static void repeatedNames(Probe p) {
        String a = Texts.name(p), b = Texts.name(p), c = Texts.name(p);
        Exchange e = p.get("/hello?name=" + Texts.encode(a) + "&name=" + Texts.encode(b) + "&name=" + Texts.encode(c));
        String hint = "A query may name a value twice. The parser keeps every value, in order; the page greets the"
            + "\nFIRST and lists the others: 'Also here: B, C.'";
        greets(p, e, a, hint);
        String shown = Texts.unescape(e.text());
        if (!shown.contains("Also here: " + b + ", " + c + ".")) {
            String sentence = alsoHere(e.text());
            if (sentence != null && sentence.startsWith("Also here: " + a + ", ")) {
                throw p.fail(e, "the page to list the other names: 'Also here: " + b + ", " + c + ".'",
                    "'" + sentence + "': the greeted name is listed too", hint + "\n" + LISTS_THE_OTHERS);
            }
            boolean allThere = shown.contains(b) && shown.contains(c);
            throw p.fail(e, "the page to list the other names: 'Also here: " + b + ", " + c + ".'",
                sentence != null ? "'" + sentence + "'"
                    : allThere ? "both names are in the page, but in no 'Also here: ...' sentence" : "no such sentence in the page",
                hint + (allThere ? "\nThe names arrived; the page must say them as 'Also here: B, C.'"
                    : p.stage() >= 6 ? "\nThe sentence reaches the page through the template's {{others}}: is it passed under that name?"
                    : "\nThe parser keeps every value: here some were dropped on the way to the page."));
        }
    }

    private static final String LISTS_THE_OTHERS =
        "'Also here' lists the names AFTER the first one: the first is greeted, not listed again.";

    /**
     * The page's 'Also here: ...' sentence as a browser shows it (entities replaced), up to the end
     * of its line or the next tag; null when the page has none.
     */
    private static String alsoHere(String page) {
        int at = page.indexOf("Also here: ");
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < page.length() && page.charAt(end) != '<' && page.charAt(end) != '\n') {
            end++;
        }
        return Texts.unescape(page.substring(at, end)).strip();
    }

    /** U+3000, a space trim() keeps: whitespace above U+0020, as %-escapes. */
    private static final String IDEOGRAPHIC_SPACE = "%E3%80%80";

    private static void blankName(Probe p) {
        for (String target : List.of("/hello", "/hello?name=", "/hello?name=+++", "/hello?name=%20%09", "/hello?name",
                "/hello?" + p.fresh("") + "=" + p.fresh(""), "/hello?name=" + IDEOGRAPHIC_SPACE)) {
            greets(p, p.get(target), "stranger",
                "No name, an empty one, or one of only spaces (blank) is greeted as 'stranger': Hello, stranger!"
                    + (target.endsWith(IDEOGRAPHIC_SPACE)
                        ? "\n" + IDEOGRAPHIC_SPACE + " is U+3000, the ideographic space: whitespace too, but trim() keeps it (trim()"
                            + "\nremoves only the characters up to U+0020). isBlank() and strip() know every kind of space." : "")
                    + (p.stage() >= 6 ? "\nWhen the template is filled, the name the route worked out ('stranger') must win over the"
                        + "\nquery's own name=." : ""));
        }
        // The FIRST value is the one greeted, blank or not; a later one is only listed.
        String later = Texts.name(p);
        for (String first : List.of("name=", "name")) {
            Exchange e = p.get("/hello?" + first + "&name=" + Texts.encode(later));
            String hint = "The first name= is the one greeted, even when it is blank (" + first + " has the empty value):"
                + "\nHello, stranger! The others are listed: 'Also here: " + later + ".'";
            greets(p, e, "stranger", hint);
            if (!Texts.unescape(e.text()).contains("Also here: " + later + ".")) {
                String sentence = alsoHere(e.text());
                boolean blankListed = sentence != null && sentence.startsWith("Also here: , ");
                throw p.fail(e, "the page to list the other name: 'Also here: " + later + ".'",
                    sentence == null ? "no 'Also here: ...' sentence in the page"
                        : "'" + sentence + "'" + (blankListed ? ": the first, blank name is listed too" : ""),
                    hint + (blankListed ? "\n" + LISTS_THE_OTHERS : ""));
            }
        }
    }

    private static void nameEscaped(Probe p) {
        String name = Texts.nasty(p);
        Exchange e = p.get("/hello?name=" + Texts.encode(name));
        greets(p, e, name, "The name comes from whoever wrote the link. Put in the page as it is, <script> is code the"
            + "\nbrowser runs. Escape it: < > & \" ' become &lt; &gt; &amp; &quot; &#39;."
            + (p.stage() >= 6 ? "\nFrom stage 06 on, one place does it for every page: Html.render escapes each value it fills in." : ""));
        // The other names come from the link too: 'Also here: ...' must escape them as well.
        String greeted = Texts.name(p);
        Exchange also = p.get("/hello?name=" + Texts.encode(greeted) + "&name=" + Texts.encode(name));
        String text = also.text();
        int at = text.indexOf("Also here: ");
        int end = at < 0 ? -1 : text.indexOf('.', at);
        String inserted = at < 0 ? null : text.substring(at + "Also here: ".length(), end < 0 ? text.length() : end);
        if (inserted != null && inserted.startsWith(greeted + ", ")
                && Texts.unsafe(inserted.substring(greeted.length() + 2), name) == null) { // escaped well, listed wrong
            throw p.fail(also, "the second name listed, HTML-escaped: 'Also here: " + Texts.escape(name) + ".' in the page's HTML",
                "'Also here: " + inserted + ".': escaped, but the greeted name is listed too", LISTS_THE_OTHERS);
        }
        String problem = inserted == null ? null : Texts.unsafe(inserted, name);
        if (inserted == null || problem != null) {
            throw p.fail(also, "the second name listed, HTML-escaped: 'Also here: " + Texts.escape(name) + ".' in the page's HTML",
                inserted == null ? "no 'Also here: ' in the page" : "'Also here: " + inserted + ".': " + problem,
                "Every value from the query goes into the page escaped: the names listed under 'Also here' as"
                    + "\nwell as the one greeted." + moreHint(problem == null ? null : inserted, name));
        }
    }

    /** Targets of 05.bad-escape whose bad escape is in the query of a route that does not read its query. */
    private static final List<String> IGNORE_THE_QUERY = List.of("/about?x=%zz", "/?x=%");

    /** The targets of 05.bad-escape whose escapes are well-formed but whose bytes are not UTF-8. */
    private static final List<String> NOT_UTF8 = List.of("/hello?name=%C3%28", "/%FF", "/hello?name=%E2%82");

    /** The targets of 05.bad-escape whose '%' is followed by a sign, which Integer.parseInt(s, 16) takes. */
    private static final List<String> SIGNED = List.of("/kittens?x=%+4", "/hello?name=Ad%-0a");

    private static void badEscape(Probe p) {
        List<String> targets = new ArrayList<>(List.of("/kittens?x=%", "/kittens?x=%4", "/kittens?x=%zz&y=1", "/kitt%zzens"));
        targets.addAll(IGNORE_THE_QUERY); // routes that never read their query: the escape is malformed all the same
        targets.addAll(NOT_UTF8); // escapes written right, of bytes that are not UTF-8
        targets.addAll(List.of("/kittens?" + p.fresh("") + "=%%41", "/static/%"));
        targets.addAll(SIGNED);
        targets.add("/kittens?%zz=1"); // in a NAME too: names are decoded like values
        for (String target : targets) {
            Exchange e = p.get(target);
            Response r = p.answered(e);
            Answers.status(p, e, 400, "Bad Request", (r.status() == 500
                ? "A malformed escape is the client's mistake, never 500 (that would be the server's):"
                : "A malformed escape is the client's mistake:")
                + "\nanswer 400 Bad Request. A '%' needs two hex digits after it (0-9, a-f, A-F:"
                + "\nInteger.parseInt(s, 16) also takes a sign), and the bytes of the escapes must be UTF-8"
                + "\n(%C3%28 is not). This holds for the whole target, even on a route that does not read the query."
                + (r.status() == 200 && NOT_UTF8.contains(target)
                    ? "\nnew String(bytes, UTF_8) never fails: it puts a \uFFFD where the bytes are not UTF-8 (and so does"
                        + "\nURLDecoder.decode). A decoder that says so: StandardCharsets.UTF_8.newDecoder() (its decode"
                        + "\nthrows CharacterCodingException)." : "")
                + (r.status() == 200 && IGNORE_THE_QUERY.contains(target)
                    ? "\nHere the path " + target.substring(0, target.indexOf('?')) + " is fine and its route ignores the query, so the"
                        + "\nbad escape went unnoticed: parse and decode the whole target, path and query, for every"
                        + "\nrequest, before routing (not only where a route reads the query)." : "")
                + (r.status() == 200 && SIGNED.contains(target)
                    ? "\nHere the escape is a '%' and a sign: Integer.parseInt(\"+4\", 16) is 4, but a sign is no hex digit." : "")
                + (r.status() == 200 && target.contains("?") && !IGNORE_THE_QUERY.contains(target) && !NOT_UTF8.contains(target)
                        && !SIGNED.contains(target)
                    ? "\nThis bad escape is in the query: decoding each name and value of the query (parseQuery, TODO 3)"
                        + "\nis what finds it, so this checkpoint passes only once that is done." : ""));
            Answers.valid(p, e, "the 400");
        }
        Stage03.completeThenHome(p, p.get("/"));
    }
}
