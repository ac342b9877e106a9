package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The command a failure report offers to send the same request by hand. */
class RequestTest {

    @Test
    @DisplayName("a plain GET or POST is a curl command; a HEAD is labkit's head, which says when its answer has a body (curl -I hides it)")
    void curlForPlainRequests() {
        assertThat(Request.get("/kittens").tryIt(), equalTo("curl -v 'http://localhost:5000/kittens'"));
        assertThat(Request.head("/").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/\")"));
        Request post = Request.post("/guestbook", "application/x-www-form-urlencoded",
            "message=hi".getBytes(StandardCharsets.UTF_8));
        assertThat(post.tryIt(), equalTo("curl -v -H 'Content-Type: application/x-www-form-urlencoded'"
            + " --data-binary 'message=hi' 'http://localhost:5000/guestbook'"));
        assertThat(Request.post("/guestbook", null, "message=hi".getBytes(StandardCharsets.UTF_8)).tryIt(),
            equalTo("curl -v -H 'Content-Type:' --data-binary 'message=hi' 'http://localhost:5000/guestbook'"));
    }

    @Test
    @DisplayName("the URL is in single quotes: unquoted, bash backgrounds curl at '&' and zsh takes '?' for a file pattern")
    void urlInSingleQuotes() {
        assertThat(Request.get("/kittens?x=1&abc").tryIt(), equalTo("curl -v 'http://localhost:5000/kittens?x=1&abc'"));
        assertThat(Request.head("/hello?name=a+b&c=%26").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/hello?name=a+b&c=%26\")"));
        assertThat(Request.get("/kittens?type={{size}}&a[1]=2").tryIt(),
            equalTo("curl -v --globoff 'http://localhost:5000/kittens?type={{size}}&a[1]=2'"));
    }

    @Test
    @DisplayName("a target curl cannot take in single quotes as it is gets labkit's get, head or post")
    void labkitForTargetsCurlCannotSend() {
        assertThat(Request.get("/it's").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): get(5000, \"/it's\")"));
        assertThat(Request.head("/a'b").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/a'b\")"));
        assertThat(Request.get("/kittens#top").tryIt(), startsWith("in jshell with labkit"));
        assertThat(Request.get("/hello?name=Zoë").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): get(5000, \"/hello?name=Zoë\")"));
        assertThat(Request.post("/it's", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)).tryIt(),
            equalTo("in jshell with labkit (see labkit/README.md): post(5000, \"/it's\", \"text/plain\", \"hi\")"));
    }

    @Test
    @DisplayName("a file whose bytes are not text goes to a file, downloaded.EXT: curl -v still shows the head")
    void binaryBodiesToDevNull() {
        assertThat(Request.get("/kitten.png").tryIt(), equalTo("curl -v -o downloaded.png 'http://localhost:5000/kitten.png'"));
        assertThat(Request.get("/static/data-abc.BIN?x=1").tryIt(), containsString("-o downloaded.bin"));
        assertThat(Request.get("/favicon.ico").tryIt(), containsString("-o downloaded.ico"));
        assertThat(Request.get("/static/notes.txt").tryIt(), not(containsString("-o ")));
        assertThat(Request.get("/static.png/notes").tryIt(), not(containsString("-o ")));
        assertThat(Request.head("/kitten.png").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/kitten.png\")"));
    }

    @Test
    @DisplayName("a target over 200 characters is labkit's get with its run of one character as a repeat, not a 4,000-character curl line")
    void longTargetAsRepeat() {
        String target = "/long-abc" + "x".repeat(4000);
        assertThat(Request.get(target).tryIt(),
            equalTo("in jshell with labkit (see labkit/README.md): show(get(5000, \"/long-abc\" + \"x\".repeat(4000)))"));
        assertThat(TryIt.targetExpression("/" + "a".repeat(300) + "?q=1"), equalTo("\"/\" + \"a\".repeat(300) + \"?q=1\""));
        String exactly200 = "/" + "x".repeat(199);
        assertThat(Request.get(exactly200).tryIt(), equalTo("curl -v 'http://localhost:5000" + exactly200 + "'"));
        String noRun = "/" + "ab".repeat(150);
        assertThat(TryIt.targetExpression(noRun), equalTo("\"" + noRun + "\""));
    }

    @Test
    @DisplayName("a body with a quote, which would end the shell's quoted text, is sent with labkit's post instead")
    void labkitForBodiesWithQuotes() {
        Request post = Request.post("/guestbook", "application/x-www-form-urlencoded",
            "message=it's \"so\"".getBytes(StandardCharsets.UTF_8));
        assertThat(post.tryIt(), equalTo("in jshell with labkit (see labkit/README.md): post(5000, \"/guestbook\","
            + " \"application/x-www-form-urlencoded\", \"message=it's \\\"so\\\"\")"));
        // --data-binary @NAME would send the file NAME
        assertThat(Request.post("/notes", "text/plain", "@home".getBytes(StandardCharsets.UTF_8)).tryIt(), startsWith("in jshell"));
    }

    @Test
    @DisplayName("a body up to 1,000 bytes is a curl command; sent in pieces, labkit's sendInPieces: the head, then the body in two halves")
    void curlForBodiesUpTo1000Bytes() {
        String thousand = "message=" + "a+b".repeat(330) + "cd";
        assertThat(thousand.length(), equalTo(1000));
        assertThat(Request.post("/guestbook", "application/x-www-form-urlencoded", thousand.getBytes(StandardCharsets.UTF_8)).tryIt(),
            equalTo("curl -v -H 'Content-Type: application/x-www-form-urlencoded' --data-binary '" + thousand
                + "' 'http://localhost:5000/guestbook'"));
        Request pieces = Request.post("/guestbook", "application/x-www-form-urlencoded", "name=&message=Grüße".getBytes(StandardCharsets.UTF_8))
            .inPieces(3, java.time.Duration.ofMillis(30));
        // In pieces, a server that reads its body with one read() must not get away with it: the body goes in two halves.
        assertThat(pieces.tryIt(), equalTo("in jshell with labkit (see labkit/README.md): sendInPieces(5000, 200,"
            + " \"POST /guestbook HTTP/1.1\\r\\nHost: localhost:5000\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\n"
            + "Content-Length: 21\\r\\n\\r\\n\", \"name=&mes\", \"sage=Grüße\")\n    (the checkpoint sent it in 3 pieces, 30 ms apart;"
            + " this line sends the head, then the body in two halves)"));
    }

    @Test
    @DisplayName("a GET sent in pieces: labkit's sendInPieces, the request line, then the rest (in one piece a server that reads once gets away with it)")
    void getInPiecesAsTwoPieces() {
        assertThat(Request.get("/x").inPieces(40, java.time.Duration.ofMillis(5)).tryIt(),
            equalTo("in jshell with labkit (see labkit/README.md): sendInPieces(5000, 200, \"GET /x HTTP/1.1\\r\\n\","
                + " \"Host: localhost:5000\\r\\n\\r\\n\")\n    (the checkpoint sent it in 40 pieces, 5 ms apart; this line sends the"
                + " request line, then the rest)"));
        assertThat(Request.get("/x").tryIt(), equalTo("curl -v 'http://localhost:5000/x'"));
    }

    @Test
    @DisplayName("a body over 1,000 bytes: labkit's post with as many bytes, the same start and end, x's between, never a cut escape")
    void longBodyAsStartAndEnd() {
        String body = "name=&message=start-abc+" + "word+".repeat(12_000) + "%3C%C3%BC%26%22%27%3E+end-xyz";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String line = Request.post("/guestbook", "application/x-www-form-urlencoded", bytes).inPieces(3, java.time.Duration.ofMillis(30)).tryIt();
        // sent in pieces by the checkpoint: the head, then the body in two halves, each with its repeat of x's
        assertThat(line, startsWith("in jshell with labkit (see labkit/README.md): show(sendInPieces(5000, 200, \"POST /guestbook HTTP/1.1\\r\\n"));
        java.util.regex.Matcher halves = java.util.regex.Pattern.compile(
            ", \"((?:[^\"\\\\]|\\\\.)*)\" \\+ \"x\"\\.repeat\\((\\d+)\\), \"x\"\\.repeat\\((\\d+)\\) \\+ \"((?:[^\"\\\\]|\\\\.)*)\"\\)\\)").matcher(line);
        assertThat(line, halves.find(), equalTo(true));
        assertThat(halves.group(1), equalTo("name=&message=start-abc+word+word+word+"));
        assertThat(halves.group(4), endsWith("+word+%3C%C3%BC%26%22%27%3E+end-xyz"));
        assertThat(halves.group(1).length() + Integer.parseInt(halves.group(2)) + Integer.parseInt(halves.group(3))
            + halves.group(4).length(), equalTo(bytes.length));
        assertThat(line, containsString("))\n    (the checkpoint's body of " + bytes.length
            + " bytes is too long to print: this one has as many bytes, the same start and end, and x's in place of the "));
        assertThat(line, endsWith("\n    (the checkpoint sent it in 3 pieces, 30 ms apart; this line sends the head, then the body in two halves)"));
        // sent whole: labkit's post
        String whole = Request.post("/guestbook", "application/x-www-form-urlencoded", bytes).tryIt();
        assertThat(whole, startsWith("in jshell with labkit (see labkit/README.md): show(post(5000, \"/guestbook\", \"application/x-www-form-urlencoded\", "
            + "\"name=&message=start-abc+word+word+word+\" + \"x\".repeat("));
        assertThat(sentBytes(whole), equalTo(bytes.length));
        // the start keeps a field's name with its value; x's at the start or end go into the repeat
        String fields = "name=a+b&message=" + "word+".repeat(300);
        assertThat(Request.post("/g", "application/x-www-form-urlencoded", fields.getBytes(StandardCharsets.UTF_8)).tryIt(),
            containsString(", \"name=a+b&message=word+word+word+word+\" + \"x\".repeat("));
        String huge = "name=huge-abc&message=huge-abc" + "x".repeat(29_970);
        assertThat(Request.post("/g", "application/x-www-form-urlencoded", huge.getBytes(StandardCharsets.UTF_8)).tryIt(),
            containsString(", \"name=huge-abc&message=huge-abc\" + \"x\".repeat(29970)))\n"));
        // a cut never falls inside %XX, nor between the halves of a character outside the BMP
        for (String odd : List.of("%41".repeat(400), "🐱".repeat(300), "é".repeat(600))) {
            String shown = Request.post("/p", "text/plain", odd.getBytes(StandardCharsets.UTF_8)).tryIt();
            assertThat(shown, sentBytes(shown), equalTo(odd.getBytes(StandardCharsets.UTF_8).length));
            String start = shown.substring(shown.indexOf("\"text/plain\", \"") + 15, shown.indexOf("\" + \"x\""));
            assertThat(odd, startsWith(start));
            assertThat(start.length() % (odd.startsWith("%") ? 3 : odd.startsWith("é") ? 1 : 2), equalTo(0));
        }
    }

    /** The number of bytes the body expression of a labkit post line makes: "start" + "x".repeat(n) + "end". */
    private static int sentBytes(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(", \"((?:[^\"\\\\]|\\\\.)*)\" \\+ \"x\"\\.repeat\\((\\d+)\\)(?: \\+ \"((?:[^\"\\\\]|\\\\.)*)\")?\\)")
            .matcher(line);
        assertThat(line, m.find(), equalTo(true));
        String end = m.group(3) == null ? "" : m.group(3);
        return m.group(1).getBytes(StandardCharsets.UTF_8).length + Integer.parseInt(m.group(2)) + end.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    @DisplayName("a path with dot segments gets --path-as-is: curl would remove them and send another path")
    void pathAsIsForDotSegments() {
        assertThat(Request.get("/static/../index.html").tryIt(), equalTo("curl -v --path-as-is 'http://localhost:5000/static/../index.html'"));
        assertThat(Request.get("/static/./a.txt").tryIt(), containsString("--path-as-is"));
        assertThat(Request.get("/static/..").tryIt(), containsString("--path-as-is"));
        assertThat(Request.head("/a/../b").tryIt(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/a/../b\")"));
        // curl sends these as they are: no dots to remove
        assertThat(Request.get("/static/%2e%2e/%2e%2e/x").tryIt(), not(containsString("--path-as-is")));
        assertThat(Request.get("/static/..hidden/x.txt").tryIt(), not(containsString("--path-as-is")));
        assertThat(Request.get("/hello?path=../x").tryIt(), not(containsString("--path-as-is")));
        assertThat(Request.get("/kittens").tryIt(), not(containsString("--path-as-is")));
    }

    @Test
    @DisplayName("a long request is cut after whole header lines and still ends its head, so pasted as is it gets an answer")
    void longRequestKeepsTheEndOfItsHead() {
        Request request = Request.get("/big");
        for (int i = 0; i < 120; i++) {
            request = request.header("X-Filler-" + i, "x".repeat(60));
        }
        String line = request.tryIt();
        String sent = line.substring(line.indexOf("send(5000, \"") + 12, line.indexOf("\")"));
        assertThat(sent, startsWith("GET /big HTTP/1.1\\r\\nHost: localhost:5000\\r\\nX-Filler-0: "));
        assertThat(sent, endsWith("x\\r\\n\\r\\n"));
        assertThat(sent.length(), lessThan(360));
        int kept = sent.split("X-Filler-", -1).length - 1;
        assertThat(line, containsString("(" + (120 - kept) + " header lines of the checkpoint's request left out)"));
        assertThat(line, not(containsString("...")));
    }

    @Test
    @DisplayName("a long head made of repeats is sent whole, written with repeats: 01.large-head's filler lines, 04's 8,193 bytes")
    void longHeadOfRepeatsIsSentWhole() {
        Request large = Request.get("/").header("Cookie", "session=" + "c".repeat(2000));
        for (int i = 0; i < 79; i++) {
            large = large.header("X-Filler", "x".repeat(60));
        }
        String line = large.tryIt();
        assertThat(line, equalTo("in jshell with labkit (see labkit/README.md): show(send(5000, \"GET / HTTP/1.1\\r\\nHost: localhost:5000"
            + "\\r\\nCookie: session=\" + \"c\".repeat(2000) + \"\\r\\n\" + (\"X-Filler: \" + \"x\".repeat(60) + \"\\r\\n\").repeat(79)"
            + " + \"\\r\\n\"))"));
        assertThat(line, not(containsString("left out")));
        // in pieces: the request line, then the long rest in two pieces cut between lines, each written with repeats
        String inPieces = large.inPieces(4, java.time.Duration.ofMillis(20)).tryIt();
        assertThat(inPieces, containsString("sendInPieces(5000, 200, \"GET / HTTP/1.1\\r\\n\", \"Host: localhost:5000\\r\\nCookie: session=\""
            + " + \"c\".repeat(2000) + \"\\r\\n\" + (\"X-Filler: \" + \"x\".repeat(60) + \"\\r\\n\").repeat(26), (\"X-Filler: \" + \"x\".repeat(60)"
            + " + \"\\r\\n\").repeat(53) + \"\\r\\n\")"));
        assertThat(inPieces, containsString("this line sends the request line, then the rest in two pieces, cut between two lines"));
        // a whole line said again and again, with no run in it
        assertThat(TryIt.compact("a\n" + "b: 1\n".repeat(100) + "\n"), equalTo("\"a\\n\" + \"b: 1\\n\".repeat(100) + \"\\n\""));
        assertThat(TryIt.compact("x".repeat(19)), equalTo("\"" + "x".repeat(19) + "\""));
    }

    @Test
    @DisplayName("headOfSize makes the head exactly that many bytes on any port, the 5000 of a try-it line too")
    void headOfSizeOnAnyPort() {
        Request request = Request.get("/").headOfSize(8_193);
        for (int port : new int[] {80, 5000, 41234}) {
            byte[] bytes = request.bytes(port);
            assertThat(bytes.length, equalTo(8_193));
            assertThat(new String(bytes, StandardCharsets.US_ASCII), endsWith("y\r\n\r\n"));
        }
        String line = request.tryIt();
        assertThat(line, containsString("send(5000, \"GET / HTTP/1.1\\r\\nHost: localhost:5000\\r\\nX-Filler: \" + \"y\".repeat(8141)"));
        assertThat(line, not(containsString("left out")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Request.get("/").headOfSize(10).bytes(5000));
        // in pieces, its one long line goes in pieces of 10,000 characters: a server that stops at 8 KiB answers
        // after the first, and labkit shows that the rest was never sent
        String inPieces = Request.get("/").headOfSize(40_000).inPieces(10, java.time.Duration.ofMillis(20)).tryIt();
        assertThat(inPieces, containsString("sendInPieces(5000, 200, \"GET / HTTP/1.1\\r\\n\", \"Host: localhost:5000\\r\\nX-Filler: \""
            + " + \"y\".repeat(9968), \"y\".repeat(10000), \"y\".repeat(10000), \"y\".repeat(9980) + \"\\r\\n\", \"\\r\\n\"))"));
        assertThat(inPieces, containsString("this line sends the request line, then the rest in 5 pieces, cut between two lines and every 10,000 characters"));
    }

    @Test
    @DisplayName("send(...) with a long body sends as many bytes (start, x's, end); a short request is sent exactly")
    void longBodyInSend() {
        byte[] body = ("message=" + "y".repeat(5000) + "+end").getBytes(StandardCharsets.UTF_8);
        String line = Request.post("/guestbook", "application/x-www-form-urlencoded", body).header("X-Test", "1").tryIt();
        assertThat(line, containsString("Content-Length: 5012\\r\\nX-Test: 1\\r\\n\\r\\n\" + \"message=" + "y".repeat(32)
            + "\" + \"x\".repeat(4968) + \"+end\"))\n    (the checkpoint's body of 5012 bytes is too long to print"));
        assertThat(line, not(containsString("left out")));
        // bytes that are not UTF-8 cannot be written in the line: then the body is left out, and the line says so
        byte[] latin1 = ("message=" + "\u00fc".repeat(2000)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Request.raw(join(("POST /p HTTP/1.1\r\nContent-Length: 2008\r\n\r\n").getBytes(StandardCharsets.UTF_8), latin1)).tryIt(),
            containsString("(its body of "));
        assertThat(Request.raw("GET / HTTP/1.1\nHost: localhost\n\n").tryIt(),
            equalTo("in jshell with labkit (see labkit/README.md): send(5000, \"GET / HTTP/1.1\\nHost: localhost\\n\\n\")"));
    }

    @Test
    @DisplayName("after a connection left open, labkit's get: curl would stop at Content-Length and look fine")
    void labkitWhenTheConnectionStaysOpen() {
        assertThat(Request.get("/kittens").tryItWithLabkit(), equalTo("in jshell with labkit (see labkit/README.md): get(5000, \"/kittens\")"));
        assertThat(Request.head("/").tryItWithLabkit(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/\")"));
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
