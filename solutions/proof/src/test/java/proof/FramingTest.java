package proof;

import checkpoints.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * The stage 07 reference server turns away a POST whose body two programs could frame
 * differently (Post.framingWeCannotTrust, given code, so no student checkpoint is about it):
 * Transfer-Encoding with a Content-Length (RFC 9112, 6.3), a space before a header's colon
 * (RFC 9112, 5.1), and Transfer-Encoding alone, which it does not read. None of them is stored.
 */
class FramingTest {

    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    @Test
    @DisplayName("Transfer-Encoding with Content-Length, and a space before a colon, get 400; Transfer-Encoding alone 411; none is stored")
    void framingThatTwoProgramsCouldReadDifferently() throws IOException {
        try (ServerProcess running = Workbook.startSolution("stage07-post")) {
            String both = "Content-Length: 19\r\nTransfer-Encoding: chunked\r\n\r\nmessage=smuggled-1\n";
            assertThat(answer(running, both), startsWith("HTTP/1.1 400 Bad Request\r\n"));
            String spaced = "Content-Length : 18\r\n\r\nmessage=smuggled-2";
            assertThat(answer(running, spaced), startsWith("HTTP/1.1 400 Bad Request\r\n"));
            String chunked = "Transfer-Encoding: chunked\r\n\r\n12\r\nmessage=smuggled-3\r\n0\r\n\r\n";
            assertThat(answer(running, chunked), startsWith("HTTP/1.1 411 Length Required\r\n"));

            String plain = "Content-Length: 14\r\n\r\nmessage=framed";
            assertThat("a plain post still gets in", answer(running, plain), startsWith("HTTP/1.1 303 See Other\r\n"));
            String page = get(running, "GET /guestbook HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(page, containsString("framed"));
            assertThat(page, not(containsString("smuggled")));
        }
    }

    /** The whole answer to a POST to /guestbook with a form's Content-Type and these lines after it. */
    private static String answer(ServerProcess running, String rest) throws IOException {
        return get(running, "POST /guestbook HTTP/1.1\r\nHost: localhost\r\n" + FORM + rest);
    }

    private static String get(ServerProcess running, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput(); // all of it is sent: the server reads to the end of what it wants
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
