package labkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RawClientTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\nhi";
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(3);

    @Test
    void aRequestSentInPiecesArrivesWhole() throws Exception {
        AtomicReference<byte[]> arrived = new AtomicReference<>();
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            arrived.set(OneConnectionServer.readHead(client.getInputStream()));
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            List<byte[]> pieces = List.of(bytes("GET / HTTP/1.1\r\n"), bytes("Host: x\r\n"), bytes("\r\n"));
            Exchange exchange = RawClient.exchange(server.port(), pieces, Duration.ofMillis(100), LONG);
            server.awaitDone();

            assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", new String(arrived.get(), UTF_8));
            assertArrayEquals(arrived.get(), exchange.sent());
            assertEquals(0, exchange.notSent());
            assertThat(exchange.toString(), not(containsString("never sent")));
            assertEquals(exchange.sent().length, exchange.sentBeforeAnswer(), "the answer came after the last piece");
            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            assertEquals(200, exchange.status());
            assertThat("two pauses of 100 ms", exchange.millis(), greaterThanOrEqualTo(190L));
        }
    }

    @Test
    void anAnswerBeforeTheLastPieceSaysHowMuchHadBeenSent() throws Exception {
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            InputStream in = client.getInputStream();
            while (in.read() != '\n') {
                // only the request line: the mistake of a server that reads one line
            }
            client.getOutputStream().write(OK.getBytes(UTF_8));
            self.waitUntilReleased(); // keep the connection open: the client goes on sending
        })) {
            List<byte[]> pieces = List.of(bytes("GET / HTTP/1.1\r\n"), bytes("Host: x\r\n"), bytes("\r\n"));
            Exchange exchange = RawClient.exchange(server.port(), pieces, Duration.ofMillis(100), SHORT);

            assertEquals(OK, new String(exchange.response().raw(), UTF_8));
            assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", new String(exchange.sent(), UTF_8), "every piece was sent");
            assertEquals("GET / HTTP/1.1\r\n".length(), exchange.sentBeforeAnswer(), "the answer came after the first piece");
        }
    }

    @Test
    void aServerThatClosesGivesClosedAndEveryByteItSent() throws Exception {
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            OneConnectionServer.readHead(client.getInputStream());
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            Exchange exchange = RawClient.exchange(server.port(), bytes("GET / HTTP/1.1\r\n\r\n"), LONG);
            server.awaitDone();

            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            assertEquals(OK, new String(exchange.response().raw(), UTF_8));
            assertEquals("GET / HTTP/1.1\r\n\r\n", new String(exchange.sent(), UTF_8));
            assertThat(exchange.error(), nullValue());
            assertEquals("127.0.0.1", exchange.host());
            assertEquals(server.port(), exchange.port());
        }
    }

    @Test
    void aServerThatResetsGivesReset() throws Exception {
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            OneConnectionServer.readHead(client.getInputStream());
            client.setSoLinger(true, 0); // close with a reset (RST) instead of a clean close (FIN)
            client.close();
        })) {
            Exchange exchange = RawClient.exchange(server.port(), bytes("GET / HTTP/1.1\r\n\r\n"), LONG);
            server.awaitDone();

            assertEquals(Exchange.Ending.RESET, exchange.ending());
            assertThat(exchange.error(), notNullValue());
            assertThat(exchange.toString(), containsString("then the server reset the connection"));
        }
    }

    @Test
    void aServerThatNeverClosesGivesTimedOutAfterTheTimeLimit() throws Exception {
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            OneConnectionServer.readHead(client.getInputStream());
            client.getOutputStream().write(OK.getBytes(UTF_8));
            self.waitUntilReleased();
        })) {
            Exchange exchange = RawClient.exchange(server.port(), bytes("GET / HTTP/1.1\r\n\r\n"), SHORT);

            assertEquals(Exchange.Ending.TIMED_OUT, exchange.ending());
            assertEquals(OK, new String(exchange.response().raw(), UTF_8), "what came before the time limit is kept");
            assertThat(exchange.millis(), greaterThanOrEqualTo(280L));
            assertThat(exchange.millis(), lessThan(2000L));
            assertThat(exchange.toString(), containsString("kept the connection open past the time limit"));
        }
    }

    @Test
    void nothingListeningGivesRefused() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
        } // closed again: now nothing listens on that port

        Exchange exchange = RawClient.exchange(port, bytes("GET / HTTP/1.1\r\n\r\n"), LONG);

        assertEquals(Exchange.Ending.REFUSED, exchange.ending());
        assertEquals(0, exchange.sent().length);
        assertEquals(0, exchange.response().raw().length);
        assertThat(exchange.error(), containsString("refused"));
        assertThat(exchange.toString(), containsString("nothing is listening on 127.0.0.1:" + port));
    }

    @Test
    void aClientThatSendsNothingSendsNothing() throws Exception {
        AtomicReference<String> whatTheServerSaw = new AtomicReference<>();
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            client.setSoTimeout(200);
            try {
                int first = client.getInputStream().read();
                whatTheServerSaw.set(first < 0 ? "end of stream" : "a byte");
            } catch (SocketTimeoutException silence) {
                whatTheServerSaw.set("silence");
            }
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            Exchange exchange = RawClient.exchange(server.port(), List.of(), Duration.ZERO, LONG);
            server.awaitDone();

            assertEquals("silence", whatTheServerSaw.get(), "the client must neither send nor half-close");
            assertEquals(0, exchange.sent().length);
            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            assertEquals(200, exchange.status());
        }
    }

    @Test
    void theClientNeverHalfClosesItsOutput() throws Exception {
        AtomicReference<String> afterTheHead = new AtomicReference<>();
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            InputStream in = client.getInputStream();
            OneConnectionServer.readHead(in);
            client.setSoTimeout(200);
            try {
                afterTheHead.set(in.read() < 0 ? "end of stream" : "a byte");
            } catch (SocketTimeoutException silence) {
                afterTheHead.set("silence");
            }
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            RawClient.exchange(server.port(), bytes("GET / HTTP/1.1\r\n\r\n"), LONG);
            server.awaitDone();

            assertEquals("silence", afterTheHead.get());
        }
    }

    @Test
    void aServerThatAnswersAndClosesEarlyStopsTheSending() throws Exception {
        byte[] first = bytes("GET / HTTP/1.1\r\n");
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            OneConnectionServer.readExactly(client.getInputStream(), first.length);
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            List<byte[]> pieces = List.of(first, bytes("Host: x\r\n"), bytes("\r\n"));
            Exchange exchange = RawClient.exchange(server.port(), pieces, Duration.ofMillis(150), LONG);
            server.awaitDone();

            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            assertArrayEquals(first, exchange.sent(), "only the first piece was sent");
            assertEquals(OK, new String(exchange.response().raw(), UTF_8));
            assertEquals("Host: x\r\n\r\n".length(), exchange.notSent(), "the pieces never sent");
            assertThat(exchange.toString(), containsString("--- the other 11 bytes of the request were never sent: the server"
                + " answered, or closed, before it had the whole request ---"));
        }
    }

    @Test
    void atMost16MiBAreKept() throws Exception {
        int tooMany = RawClient.MAX_KEPT_BYTES + 1000;
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            OneConnectionServer.readHead(client.getInputStream());
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            OutputStream out = client.getOutputStream();
            for (int written = 0; written < tooMany; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, tooMany - written));
            }
        })) {
            Exchange exchange = RawClient.exchange(server.port(), bytes("GET / HTTP/1.1\r\n\r\n"), LONG);
            server.awaitDone();

            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            assertThat(exchange.response().raw().length, equalTo(RawClient.MAX_KEPT_BYTES));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
