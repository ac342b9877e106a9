package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
    @DisplayName("a plain GET, HEAD or POST is a curl command")
    void curlForPlainRequests() {
        assertThat(Request.get("/kittens").tryIt(), equalTo("curl -v http://localhost:5000/kittens"));
        assertThat(Request.head("/").tryIt(), equalTo("curl -v -I http://localhost:5000/"));
        Request post = Request.post("/guestbook", "application/x-www-form-urlencoded",
            "message=hi".getBytes(StandardCharsets.UTF_8));
        assertThat(post.tryIt(), equalTo("curl -v -H 'Content-Type: application/x-www-form-urlencoded'"
            + " --data-binary 'message=hi' http://localhost:5000/guestbook"));
    }

    @Test
    @DisplayName("a body with a quote, which would end the shell's quoted text, is sent with labkit instead")
    void labkitForBodiesWithQuotes() {
        Request post = Request.post("/guestbook", "application/x-www-form-urlencoded",
            "message=it's".getBytes(StandardCharsets.UTF_8));
        assertThat(post.tryIt(), startsWith("in jshell with labkit (see labkit/README.md): send(5000, \"POST /guestbook HTTP/1.1\\r\\n"));
    }

    @Test
    @DisplayName("a path with dot segments gets --path-as-is: curl would remove them and send another path")
    void pathAsIsForDotSegments() {
        assertThat(Request.get("/static/../index.html").tryIt(), equalTo("curl -v --path-as-is http://localhost:5000/static/../index.html"));
        assertThat(Request.get("/static/./a.txt").tryIt(), containsString("--path-as-is"));
        assertThat(Request.get("/static/..").tryIt(), containsString("--path-as-is"));
        assertThat(Request.head("/a/../b").tryIt(), equalTo("curl -v -I --path-as-is http://localhost:5000/a/../b"));
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
        assertThat(line, containsString("(" + (120 - kept) + " header lines left out of the checkpoint's "
            + request.bytes(5000).length + "-byte request)"));
        assertThat(line, not(containsString("...")));
    }

    @Test
    @DisplayName("a long body is left out, and the line says so; a short request is sent exactly")
    void longBodyLeftOut() {
        byte[] body = ("message=" + "y".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        String line = Request.post("/guestbook", "application/x-www-form-urlencoded", body).header("X-Test", "1").tryIt();
        assertThat(line, containsString("Content-Length: 5008\\r\\nX-Test: 1\\r\\n\\r\\n\")"));
        assertThat(line, containsString("(its body of 5008 bytes left out"));
        assertThat(Request.raw("GET / HTTP/1.1\nHost: localhost\n\n").tryIt(),
            equalTo("in jshell with labkit (see labkit/README.md): send(5000, \"GET / HTTP/1.1\\nHost: localhost\\n\\n\")"));
    }

    @Test
    @DisplayName("after a connection left open, labkit's get: curl would stop at Content-Length and look fine")
    void labkitWhenTheConnectionStaysOpen() {
        assertThat(Request.get("/kittens").tryItWithLabkit(), equalTo("in jshell with labkit (see labkit/README.md): get(5000, \"/kittens\")"));
        assertThat(Request.head("/").tryItWithLabkit(), equalTo("in jshell with labkit (see labkit/README.md): head(5000, \"/\")"));
    }
}
