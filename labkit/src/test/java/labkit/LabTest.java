package labkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class LabTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: 21\r\nConnection: close\r\n\r\n<h1>Hello Client</h1>";

    @Test
    void getSendsTheDocumentedRequest() throws Exception {
        int[] port = new int[1];
        String arrived = whatTheServerReceives(p -> {
            port[0] = p;
            return Lab.get(p, "/kittens");
        });
        assertEquals("GET /kittens HTTP/1.1\r\nHost: localhost:" + port[0] + "\r\nConnection: close\r\n\r\n", arrived);
    }

    @Test
    void headSendsTheDocumentedRequest() throws Exception {
        int[] port = new int[1];
        String arrived = whatTheServerReceives(p -> {
            port[0] = p;
            return Lab.head(p, "/");
        });
        assertEquals("HEAD / HTTP/1.1\r\nHost: localhost:" + port[0] + "\r\nConnection: close\r\n\r\n", arrived);
    }

    @Test
    void postSendsAFormWithItsLengthInBytes() throws Exception {
        int[] port = new int[1];
        String arrived = whatTheServerReceives(p -> {
            port[0] = p;
            return Lab.post(p, "/guestbook", Lab.form("name", "Jürgen", "message", "hi & bye"));
        });
        String body = "name=J%C3%BCrgen&message=hi+%26+bye";
        assertEquals("POST /guestbook HTTP/1.1\r\nHost: localhost:" + port[0] + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body, arrived);
    }

    @Test
    void postCountsTheBodyInUtf8Bytes() throws Exception {
        int[] port = new int[1];
        String arrived = whatTheServerReceives(p -> {
            port[0] = p;
            return Lab.post(p, "/notes", "text/plain; charset=utf-8", "Grüße");
        });
        assertEquals("POST /notes HTTP/1.1\r\nHost: localhost:" + port[0] + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 7\r\n"
                + "Connection: close\r\n\r\nGrüße", arrived);
    }

    @Test
    void sendSendsTheTextExactlyAsWritten() throws Exception {
        assertEquals("GET / HTTP/1.1\n\n", whatTheServerReceives(p -> Lab.send(p, "GET / HTTP/1.1\n\n")));
    }

    @Test
    void sendInPiecesSendsEveryPiece() throws Exception {
        String arrived = whatTheServerReceives(p -> Lab.sendInPieces(p, 50, "GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n"));
        assertEquals("GET / HTTP/1.1\r\nHost: x\r\n\r\n", arrived);
    }

    @Test
    void theExchangeHoldsTheAnswer() throws Exception {
        AtomicReference<Exchange> exchange = new AtomicReference<>();
        whatTheServerReceives(p -> {
            exchange.set(Lab.get(p, "/"));
            return exchange.get();
        });
        assertEquals(200, exchange.get().status());
        assertEquals("<h1>Hello Client</h1>", exchange.get().text());
        assertEquals("21", exchange.get().header("content-length"));
        assertEquals(exchange.get().problems(), Lab.check(exchange.get()));
        assertEquals(java.util.List.of(), Lab.check(exchange.get()));
    }

    @Test
    void formEncodesNamesAndValuesAsABrowserDoes() {
        assertEquals("name=Ada&message=hi+%26+bye", Lab.form("name", "Ada", "message", "hi & bye"));
        assertEquals("name=J%C3%BCrgen", Lab.form("name", "Jürgen"));
        assertEquals("a%3Db=1%2B1%3D2", Lab.form("a=b", "1+1=2"));
        assertEquals("", Lab.form());
    }

    @Test
    void formWantsNamesAndValuesInPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lab.form("name"));
        assertThat(e.getMessage(), containsString("pairs"));
    }

    @Test
    void visibleDelegatesToVisible() {
        assertEquals("a\\r\\n\n", Lab.visible("a\r\n"));
        assertEquals("a\\r\\n\n", Lab.visible("a\r\n".getBytes(UTF_8)));
    }

    @Test
    void showPrintsTheVisibleText() {
        assertEquals("a\\r\\n\n", printed(() -> Lab.show("a\r\n")));
        assertEquals("a\\tb" + System.lineSeparator(), printed(() -> Lab.show("a\tb".getBytes(UTF_8))));
    }

    @Test
    void helpNamesEveryCall() {
        String printed = printed(Lab::help);
        for (Method method : Lab.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers())) {
                assertThat("help() shows " + method.getName(), printed, containsString(method.getName() + "("));
            }
        }
    }

    /** Runs the call against a server that records the request and answers like stage 01. */
    private static String whatTheServerReceives(IntFunction<Exchange> call) throws Exception {
        AtomicReference<byte[]> arrived = new AtomicReference<>();
        try (OneConnectionServer server = new OneConnectionServer((client, self) -> {
            InputStream in = client.getInputStream();
            byte[] head = OneConnectionServer.readHead(in);
            Response asIfResponse = Response.parse(head); // reuse the header parser for the request
            String length = asIfResponse.header("Content-Length");
            byte[] body = length == null ? new byte[0] : OneConnectionServer.readExactly(in, Integer.parseInt(length));
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(head);
            request.writeBytes(body);
            arrived.set(request.toByteArray());
            client.getOutputStream().write(OK.getBytes(UTF_8));
        })) {
            Exchange exchange = call.apply(server.port());
            server.awaitDone();
            assertEquals(Exchange.Ending.CLOSED, exchange.ending());
            return new String(arrived.get(), UTF_8);
        }
    }

    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(UTF_8);
    }
}
