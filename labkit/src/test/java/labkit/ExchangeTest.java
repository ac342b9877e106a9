package labkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExchangeTest {

    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: localhost:5000\r\n\r\n";
    private static final String HELLO = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: 21\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "<h1>Hello Client</h1>";

    @Test
    void itPrintsWhatWasSentWhatCameBackAndTheVerdict() {
        Exchange exchange = exchange(REQUEST, HELLO, Exchange.Ending.CLOSED);
        assertEquals("""
                --- sent (40 bytes) ---
                GET / HTTP/1.1\\r\\n
                Host: localhost:5000\\r\\n
                \\r\\n
                --- received (119 bytes), then the server closed the connection ---
                HTTP/1.1 200 OK\\r\\n
                Content-Type: text/html; charset=utf-8\\r\\n
                Content-Length: 21\\r\\n
                Connection: close\\r\\n
                \\r\\n
                <h1>Hello Client</h1>
                --- no problems found ---""", exchange.toString());
    }

    @Test
    void itListsTheProblems() {
        Exchange exchange = exchange(REQUEST, HELLO.replace("Connection: close\r\n", ""), Exchange.Ending.CLOSED);
        String printed = exchange.toString();
        assertThat(printed, containsString("\n--- problems ---\n- Connection: close is missing"));
        assertEquals(exchange.problems().size(), printed.split("\n- ").length - 1);
    }

    @Test
    void itSaysHowTheConversationEnded() {
        assertThat(exchange(REQUEST, "", Exchange.Ending.CLOSED).toString(),
                containsString("--- received (0 bytes), then the server closed the connection ---\n(nothing)\n"));
        assertThat(exchange(REQUEST, HELLO, Exchange.Ending.RESET).toString(),
                containsString("--- received (119 bytes), then the server reset the connection ---"));
        assertThat(exchange(REQUEST, HELLO, Exchange.Ending.TIMED_OUT).toString(),
                containsString("--- received (119 bytes), then the server kept the connection open past the time limit ---"));
    }

    @Test
    void aRefusedConnectionAsksWhetherTheServerRuns() {
        Exchange refused = new Exchange("127.0.0.1", 5000, new byte[0], Response.parse(new byte[0]),
                Exchange.Ending.REFUSED, 1, "Connection refused");
        assertEquals("--- sent (0 bytes) ---\n(nothing)\n--- the connection was refused: nothing is listening on"
                + " 127.0.0.1:5000. Is the server running, on that port? ---", refused.toString());
    }

    @Test
    void theProblemsFollowTheMethodThatWasSent() {
        String headOnly = HELLO.replace("<h1>Hello Client</h1>", "");
        Exchange head = exchange("HEAD / HTTP/1.1\r\n\r\n", headOnly, Exchange.Ending.CLOSED);
        assertEquals("HEAD", head.requestMethod());
        assertThat(head.problems(), empty());

        Exchange get = exchange(REQUEST, headOnly, Exchange.Ending.CLOSED);
        assertThat(get.problems(), hasItem(containsString("Content-Length says 21, but the body has 0 bytes")));
        assertEquals("GET", exchange("", "", Exchange.Ending.CLOSED).requestMethod());
    }

    @Test
    void theShortcutsReadTheResponse() {
        Exchange exchange = exchange(REQUEST, HELLO, Exchange.Ending.CLOSED);
        assertEquals(200, exchange.status());
        assertEquals("21", exchange.header("Content-Length"));
        assertEquals("<h1>Hello Client</h1>", exchange.text());
        assertEquals("<h1>Hello Client</h1>", new String(exchange.body(), UTF_8));
    }

    @Test
    void atMost4096BytesAreShown() {
        String big = HELLO.replace("Content-Length: 21", "Content-Length: 10021") + "x".repeat(10_000);
        String printed = exchange(REQUEST, big, Exchange.Ending.CLOSED).toString();
        assertThat(printed, containsString("\n... (" + (big.length() - 4096) + " more bytes not shown)\n"));
        assertThat(printed, not(containsString("x".repeat(5000))));
    }

    @Test
    void anAnswerThatIsNoErrorBeforeTheWholeRequestWasSentIsAProblem() {
        byte[] sent = REQUEST.getBytes(UTF_8);
        Exchange early = new Exchange("127.0.0.1", 5000, sent, Response.parse(HELLO.getBytes(UTF_8)),
                Exchange.Ending.CLOSED, 12, null, sent.length, 500);
        assertThat(early.toString(), containsString("after only " + sent.length + " of the request's " + (sent.length + 500) + " bytes"));
        assertThat(early.toString(), not(containsString("no problems found")));
        assertThat("the response itself is fine", early.problems(), empty());

        String tooLarge = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n";
        Exchange refused = new Exchange("127.0.0.1", 5000, sent, Response.parse(tooLarge.getBytes(UTF_8)),
                Exchange.Ending.CLOSED, 12, null, sent.length, 500);
        assertThat("an error may come early", refused.toString(), containsString("no problems found"));
    }

    private static Exchange exchange(String sent, String received, Exchange.Ending ending) {
        return new Exchange("127.0.0.1", 5000, sent.getBytes(UTF_8), Response.parse(received.getBytes(UTF_8)),
                ending, 12, null);
    }
}
