package labkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: 22\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    private static final String CORRECT = HEAD + "<h1>Hello Jürgen</h1>";

    @Test
    void aCorrectResponseIsTakenApart() {
        Response response = parse(CORRECT);

        assertTrue(response.hasHead());
        assertEquals(HEAD.length(), response.headLength());
        assertEquals("HTTP/1.1 200 OK", response.statusLine());
        assertEquals("HTTP/1.1", response.version());
        assertEquals(200, response.status());
        assertEquals("OK", response.reason());
        assertEquals(List.of(
                new Response.Header("Content-Type", "text/html; charset=utf-8"),
                new Response.Header("Content-Length", "22"),
                new Response.Header("Connection", "close")), response.headers());
        assertEquals("<h1>Hello Jürgen</h1>", response.text());
        assertArrayEquals("<h1>Hello Jürgen</h1>".getBytes(UTF_8), response.body());
        assertArrayEquals(CORRECT.getBytes(UTF_8), response.raw());
    }

    @Test
    void headerNamesAreLookedUpInAnyCase() {
        Response response = parse(CORRECT);
        assertEquals("22", response.header("content-length"));
        assertEquals("close", response.header("CONNECTION"));
        assertNull(response.header("Location"));
        assertEquals(List.of(), response.headerValues("Location"));
    }

    @Test
    void aRepeatedHeaderKeepsEveryValueInOrder() {
        Response response = parse("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n");
        assertEquals(List.of("a=1", "b=2"), response.headerValues("Set-Cookie"));
        assertEquals("a=1", response.header("SET-COOKIE"));
    }

    @Test
    void valuesLoseTheSpacesAndTabsAroundThem() {
        assertEquals("a b", parse("HTTP/1.1 200 OK\r\nX-Note: \t a b \t\r\n\r\n").header("X-Note"));
        assertEquals("", parse("HTTP/1.1 200 OK\r\nX-Empty:\r\n\r\n").header("X-Empty"));
    }

    @Test
    void linesWithoutAColonAreNotHeaders() {
        Response response = parse("HTTP/1.1 200 OK\r\nno colon here\r\nA: 1\r\n\r\n");
        assertEquals(List.of(new Response.Header("A", "1")), response.headers());
    }

    @Test
    void bareLineFeedsAreReadLikeCrLf() {
        Response response = parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi");
        assertTrue(response.hasHead());
        assertEquals("HTTP/1.1 200 OK", response.statusLine());
        assertEquals("2", response.header("Content-Length"));
        assertEquals("hi", response.text());
    }

    @Test
    void aMixOfLineEndingsStillEndsTheHead() {
        assertEquals("hi", parse("HTTP/1.1 200 OK\r\nA: 1\n\r\nhi").text());
        assertEquals("hi", parse("HTTP/1.1 200 OK\r\nA: 1\r\n\nhi").text());
    }

    @Test
    void withoutAnEmptyLineThereIsNoBody() {
        Response response = parse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n<h1>hi</h1>");
        assertFalse(response.hasHead());
        assertEquals(response.raw().length, response.headLength());
        assertEquals("text/html", response.header("Content-Type"));
        assertEquals(0, response.body().length);
        assertEquals("", response.text());
    }

    @Test
    void noBytesGiveNothing() {
        Response response = Response.parse(new byte[0]);
        assertFalse(response.hasHead());
        assertEquals(0, response.headLength());
        assertNull(response.statusLine());
        assertNull(response.version());
        assertEquals(-1, response.status());
        assertNull(response.reason());
        assertEquals(List.of(), response.headers());
        assertEquals(0, response.body().length);
        assertEquals(0, Response.parse(null).raw().length);
    }

    @Test
    void aBodyWithoutAStatusLineHasNoStatus() {
        Response response = parse("<h1>Hello Client</h1>");
        assertEquals("<h1>Hello Client</h1>", response.statusLine());
        assertNull(response.version());
        assertEquals(-1, response.status());
        assertNull(response.reason());
    }

    @Test
    void aStatusLineIsTakenApartAsFarAsItGoes() {
        assertEquals(200, parse("HTTP/1.1 200\r\n\r\n").status());
        assertNull(parse("HTTP/1.1 200\r\n\r\n").reason());
        assertEquals("", parse("HTTP/1.1 200 \r\n\r\n").reason());
        assertEquals("Not Found", parse("HTTP/1.1 404 Not Found\r\n\r\n").reason());
        assertEquals("http/1.1", parse("http/1.1 200 OK\r\n\r\n").version());
        assertEquals(-1, parse("HTTP/1.1 2OO OK\r\n\r\n").status());
        assertEquals(-1, parse("HTTP/1.1 2000 OK\r\n\r\n").status());
        assertEquals(-1, parse("HTTP/1.1  200 OK\r\n\r\n").status());
        assertEquals(-1, parse("HTTP/1.1 ٢٠٠ OK\r\n\r\n").status(), "Arabic-Indic digits are not a code");
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (round % 2 == 0) {
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = (byte) "\r\n: HTP/1.0\t".charAt(Math.floorMod(garbage[i], 12));
                }
            }
            Response response = Response.parse(garbage);
            response.headers();
            response.text();
            response.toString();
            assertEquals(garbage.length, response.raw().length);
        }
    }

    @Test
    void nobodyCanChangeAResponse() {
        byte[] bytes = CORRECT.getBytes(UTF_8);
        Response response = Response.parse(bytes);
        bytes[0] = 'X';
        response.raw()[0] = 'Y';
        response.body()[0] = 'Z';
        assertEquals("HTTP/1.1 200 OK", response.statusLine());
        assertEquals("<h1>Hello Jürgen</h1>", response.text());
    }

    @Test
    void anInterimContinueComesBeforeTheRealResponse() {
        String interim = "HTTP/1.1 100 Continue\r\n\r\n";
        Response response = parse(interim + CORRECT);

        assertEquals(List.of("HTTP/1.1 100 Continue"), response.interim());
        assertEquals("HTTP/1.1 200 OK", response.statusLine());
        assertEquals(200, response.status());
        assertEquals("22", response.header("Content-Length"));
        assertEquals(interim.length() + HEAD.length(), response.headLength());
        assertEquals("<h1>Hello Jürgen</h1>", response.text());
        assertArrayEquals((interim + CORRECT).getBytes(UTF_8), response.raw(), "raw keeps every byte");

        assertEquals(List.of(), parse(CORRECT).interim());
        Response alone = parse(interim);
        assertEquals(List.of("HTTP/1.1 100 Continue"), alone.interim());
        assertNull(alone.statusLine());
        assertEquals(-1, alone.status());
        assertEquals(101, parse("HTTP/1.1 101 Switching Protocols\r\n\r\n").status(), "101 is no interim answer");
    }

    private static Response parse(String text) {
        return Response.parse(text.getBytes(UTF_8));
    }
}
