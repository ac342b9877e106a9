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
}
