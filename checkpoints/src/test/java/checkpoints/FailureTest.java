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

/** How a failure report shows what the server printed. */
class FailureTest {

    /** A line as the harness reads it: the server's bytes, one character per byte (ISO-8859-1). */
    private static String printed(String text, java.nio.charset.Charset charset) {
        return new String(text.getBytes(charset), StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("a line the server printed shows its invisible characters, so the report stays text for grep")
    void invisibleCharactersInServerOutput() {
        assertThat(Failure.visibleLine("GET /static/\u0000abc HTTP/1.1 -> 400\t(done)"),
            equalTo("GET /static/\\x00abc HTTP/1.1 -> 400\\t(done)"));
        assertThat(Failure.visibleLine("GET / -> 200"), equalTo("GET / -> 200"));
        // UTF-8 (a server on Java 18+) and ISO-8859-1 (Java 17 with the harness's file.encoding) both read as text
        assertThat(Failure.visibleLine(printed("Serving the files in /home/jürgen/www", StandardCharsets.UTF_8)),
            equalTo("Serving the files in /home/jürgen/www"));
        assertThat(Failure.visibleLine(printed("Serving the files in /home/jürgen/www", StandardCharsets.ISO_8859_1)),
            equalTo("Serving the files in /home/jürgen/www"));
        assertThat(Failure.visibleLine("byte \u0085 and \u00a0"), equalTo("byte \\x85 and \\xA0"));
    }

    @Test
    @DisplayName("a long line the server printed is cut in the middle to about 300 characters, saying how many were left out")
    void longLinesAreCut() {
        String line = "GET /long-abcdef" + "x".repeat(4000) + " HTTP/1.1 -> 200";
        String shown = Failure.visibleLine(line);
        assertThat(shown.length(), lessThan(350));
        assertThat(shown, startsWith("GET /long-abcdef"));
        assertThat(shown, containsString(" ... (" + (line.length() - 300) + " characters not shown) ... "));
        assertThat(shown, endsWith(" HTTP/1.1 -> 200")); // the status stays in sight
        String nuls = Failure.visibleLine("\u0000".repeat(500));
        assertThat(nuls, containsString(" ... (425 characters not shown) ... ")); // 15 + 60 shown as \x00, 4 characters each
    }

    @Test
    @DisplayName("a long line that ends with an exception keeps the exception and where it was thrown")
    void exceptionAfterALongRequestLineStays() {
        String line = "(could not answer 'GET /hello?name=" + "%3Cb%3E".repeat(100) + " HTTP/1.1': java.lang.NullPointerException: "
            + "Cannot invoke \"String.equals(Object)\" because the return value of \"webserver.WebServer$RequestLine.method()\" is null, at WebServer.java:163)";
        String shown = Failure.visibleLine(line);
        assertThat(shown, startsWith("(could not answer 'GET /hello?name=%3Cb%3E"));
        assertThat(shown, containsString("java.lang.NullPointerException: Cannot invoke"));
        assertThat(shown, endsWith("is null, at WebServer.java:163)"));
    }

    @Test
    @DisplayName("the report shows the server's lines made visible and cut")
    void reportUsesVisibleLines() {
        Failure failure = Failure.of("expected", "found", "hint");
        failure.complete(Checkpoint.of("01.a", 1, "A title", p -> { }),
            Failure.ServerLines.during(List.of("GET /\u0000 -> 400", "GET /" + "y".repeat(3000) + " -> 200")), null);
        String report = failure.getMessage();
        assertThat(report, containsString("    GET /\\x00 -> 400\n"));
        assertThat(report, containsString("characters not shown) ... "));
        assertThat(report, not(containsString("\u0000")));
        assertThat(report, not(containsString("y".repeat(300))));
    }

    @Test
    @DisplayName("a hint about something else says when the server printed that a TODO still throws")
    void throwingTodoIsNamed() {
        String thrown = "(could not answer a client: java.lang.UnsupportedOperationException: TODO 1 in WebServer.response: build it)";
        Failure aboutReading = Failure.of("the whole request", "closed after 2 of 47 bytes", "Keep reading until the empty line.");
        aboutReading.complete(Checkpoint.of("01.a", 1, "A title", p -> { }), Failure.ServerLines.during(List.of(thrown)), null);
        assertThat(aboutReading.getMessage(), containsString("The server also printed that TODO 1 in WebServer.response still"));

        Failure nothingPrinted = Failure.of("the whole request", "closed after 2 of 47 bytes", "Keep reading until the empty line.");
        nothingPrinted.complete(Checkpoint.of("01.a", 1, "A title", p -> { }), Failure.ServerLines.during(List.of("GET / -> 200")), null);
        assertThat(nothingPrinted.getMessage(), not(containsString("still throws")));

        Failure aboutTodos = Failure.of("a response", "nothing", "An exception, or a TODO that still throws?");
        aboutTodos.complete(Checkpoint.of("01.a", 1, "A title", p -> { }), Failure.ServerLines.during(List.of(thrown)), null);
        assertThat(aboutTodos.getMessage(), not(containsString("also printed")));
    }

    @Test
    @DisplayName("nothing came back, yet the server logged an answer to this request: the note asks about a flush")
    void unflushedNoteOnlyForTheSameRequest() {
        byte[] sent = "GET /kittens-xyz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        labkit.Exchange nothing = new labkit.Exchange("localhost", 5000, sent, labkit.Response.parse(new byte[0]),
            labkit.Exchange.Ending.CLOSED, 5, null);
        Failure logged = Failure.of("a response", "the server closed the connection without sending anything", "Hint.")
            .about(nothing, null);
        logged.complete(Checkpoint.of("03.a", 1, "A title", p -> { }),
            Failure.ServerLines.during(List.of("GET /kittens -> 200", "GET /kittens-xyz -> 200")), null);
        assertThat(logged.getMessage(), containsString("Yet the server printed 'GET /kittens-xyz -> 200'"));

        Failure earlierOnly = Failure.of("a response", "the server closed the connection without sending anything", "Hint.")
            .about(nothing, null);
        earlierOnly.complete(Checkpoint.of("03.a", 1, "A title", p -> { }),
            Failure.ServerLines.during(List.of("GET /kittens -> 200", "(could not answer a client: java.lang.NullPointerException)")), null);
        assertThat(earlierOnly.getMessage(), not(containsString("Yet the server printed")));
    }

    /** A guestbook-like page: a head, then {@code entries} lines of about 60 bytes, then {@code last}. */
    private static byte[] longPage(int entries, String last) {
        StringBuilder body = new StringBuilder("<!doctype html>\n<h1>Guestbook</h1>\n<ol>\n");
        for (int i = 0; i < entries; i++) {
            body.append("<li><b>Zoë ").append(i).append("</b>: Grüße aus dem Café, naïve façade</li>\n");
        }
        body.append(last).append("</ol>\n");
        int length = body.toString().getBytes(StandardCharsets.UTF_8).length;
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + length + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a report pointing at a place far into a long page shows the start, how much was left out, and that place")
    void pointingAtAPlaceFarIn() {
        byte[] page = longPage(500, "<li><b><b id=\"xyz\">xyz</b></b>: hi</li>\n");
        String shown = Failure.responseShown(page, "<b id=\"xyz\">");
        assertThat(shown, startsWith("    HTTP/1.1 200 OK\\r\\n\n"));
        // from the start of its line, right after the line that says what was left out
        assertThat(shown, containsString(" bytes not shown)\n    <li><b><b id=\"xyz\">xyz</b></b>: hi</li>\\n\n"));
        assertThat(shown, not(containsString("\\x"))); // no character cut in two
        String plain = Failure.responseShown(page, null);
        assertThat(plain, not(containsString("xyz")));
        assertThat(shown.length(), lessThan(plain.length() + 200));
    }

    @Test
    @DisplayName("a report pointing at a place in the first bytes, or at text that is not there, shows the first bytes as always")
    void pointingAtAPlaceNearTheStart() {
        byte[] page = longPage(500, "");
        String plain = Failure.responseShown(page, null);
        assertThat(Failure.responseShown(page, "Zoë 3<"), equalTo(plain));
        assertThat(Failure.responseShown(page, "not in the page"), equalTo(plain));
        assertThat(plain, containsString("more bytes not shown)"));
    }

    @Test
    @DisplayName("a place in the middle of a very long line is shown from a little before it, never from inside a character")
    void pointingIntoALongLine() {
        String line = "<li><b>Long</b>: " + "日".repeat(3000) + "<script>x</script>" + "é".repeat(100) + "</li>\n";
        for (int shift = 0; shift < 3; shift++) {
            byte[] page = longPage(3, "a".repeat(shift) + line);
            String shown = Failure.responseShown(page, "<script>");
            assertThat(shown, containsString("<script>x</script>"));
            assertThat(shown, not(containsString("\\x")));
        }
    }
}
