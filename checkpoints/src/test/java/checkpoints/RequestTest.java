package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
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
}
