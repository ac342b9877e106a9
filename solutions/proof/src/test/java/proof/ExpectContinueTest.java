package proof;

import checkpoints.ServerProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The stage 07 reference server answers "Expect: 100-continue" with an interim 100 Continue
 * when it starts to read the body (RFC 9110, 10.1.1), and not at all when it answers without
 * reading it. Given code, so no student checkpoint is about it; a client that waits for the
 * go-ahead (curl waits a second, as long as the read timeout) would otherwise race the server's
 * timeout, and one that gets 100 before a 413 sends a body the server will not read.
 */
class ExpectContinueTest {

    @Test
    @DisplayName("a POST with Expect: 100-continue gets 100 Continue before its body is sent, then 303")
    void interimAnswerBeforeTheBody() throws IOException {
        byte[] body = "name=Ada&message=waiting+for+a+go-ahead".getBytes(StandardCharsets.US_ASCII);
        String head = "POST /guestbook HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (ServerProcess running = Workbook.startSolution("stage07-post");
             Socket socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(3000); // longer than the server's read timeout: a server that waits for the body times out first
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat("the interim answer, sent before the body", readHead(in), equalTo("HTTP/1.1 100 Continue\r\n\r\n"));
            socket.getOutputStream().write(body);
            assertThat("the real answer after the body", readHead(in), startsWith("HTTP/1.1 303 See Other\r\n"));
        }
    }

    @Test
    @DisplayName("a POST with Expect: 100-continue that is answered without its body (413, 415) gets no 100 Continue")
    void noGoAheadForABodyThatIsNotRead() throws IOException {
        try (ServerProcess running = Workbook.startSolution("stage07-post")) {
            for (String framing : new String[] {
                    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 999999999\r\n",
                    "Content-Type: text/plain\r\nContent-Length: 12\r\n"}) {
                String head = "POST /guestbook HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n" + framing + "\r\n";
                try (Socket socket = new Socket("127.0.0.1", running.port())) {
                    socket.setSoTimeout(3000);
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    String answer = readHead(socket.getInputStream());
                    assertThat("the final answer at once, for " + framing.strip(), answer,
                        startsWith(framing.contains("999") ? "HTTP/1.1 413 Content Too Large\r\n" : "HTTP/1.1 415 Unsupported Media Type\r\n"));
                }
            }
        }
    }

    /** Bytes up to and including the first empty line, as text. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
