package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

class ReportTest {

    @TempDir
    Path dir;

    private final Checkpoint a = Checkpoint.of("01.a", 2, "A \"quoted\" title", p -> { });
    private final Checkpoint b = Checkpoint.of("01.b", 3, "Another", p -> { });
    private final List<Result> results = List.of(
        new Result(a, Result.Status.PASSED, null, null, 5),
        new Result(b, Result.Status.FAILED, "FAILED 01.b\n  line two", "found it", 7));

    @Test
    @DisplayName("the table lists every checkpoint with its points and ends with the totals")
    void table() {
        String table = Report.table(new Target(1, "stage01-socket", dir, dir, dir, "solution"), results);
        assertThat(table, containsString("pass    01.a   2/2   A \"quoted\" title"));
        assertThat(table, containsString("FAIL    01.b   0/3   Another"));
        assertThat(table, containsString("1 of 2 checkpoints passed, 2 of 5 points"));
        assertThat(table, containsString("Next: 01.b, Another"));
        assertThat(table, containsString("look for \"FAILED 01.b\""));
    }

    @Test
    @DisplayName("when the first failure's report only points to another's full report, Next names that one")
    void nextNamesTheFullReport() {
        Checkpoint c = Checkpoint.of("07.c", 1, "Later, but reported in full", p -> { });
        String sameAs = Failure.of("a response", "nothing", "hint")
            .sameAsReport(b, "07.c", Failure.ServerLines.during(List.of()));
        Failure leftOpen = Failure.of("a response", "nothing", "hint");
        leftOpen.completeAsLeftOpenAgain(b, "07.c");
        for (String pointing : List.of(sameAs, leftOpen.getMessage())) {
            List<Result> pointed = List.of(
                new Result(a, Result.Status.PASSED, null, null, 5),
                new Result(b, Result.Status.FAILED, pointing, "nothing", 7),
                new Result(c, Result.Status.FAILED, "FAILED 07.c\n  the whole report", "nothing", 7));
            String table = Report.table(new Target(7, "stage07-post", dir, dir, dir, "solution"), pointed);
            assertThat(table, containsString("Next: 07.c, Later, but reported in full"));
        }
    }

    @Test
    @DisplayName("the line Maven lists under the table for a failed checkpoint keeps a short summary whole and cuts a long one at a word")
    void listedFailureLine() {
        String fits = "the server closed the connection without sending anything";
        assertThat(CheckpointsTest.shortened(fits), equalTo(fits));
        assertThat(CheckpointsTest.shortened("the server closed the connection after the client had sent only 236 of 707 bytes"),
            equalTo("the server closed the connection after the client had..."));
        assertThat(CheckpointsTest.shortened("x".repeat(100)), equalTo("x".repeat(57) + "..."));
    }

    @Test
    @DisplayName("the JSON report has the stage, totals and each checkpoint, with strings escaped")
    void json() throws IOException {
        Path file = Report.writeJson(new Target(1, "stage01-socket", dir, dir, dir, "solution"), results);
        String json = Files.readString(file);
        assertThat(json, containsString("\"stage\": \"stage01-socket\""));
        assertThat(json, containsString("\"points\": 2,\n  \"maxPoints\": 5"));
        assertThat(json, containsString("{\"id\": \"01.a\", \"title\": \"A \\\"quoted\\\" title\", \"stage\": 1, \"points\": 2, \"earned\": 2, \"passed\": true"));
        assertThat(json, containsString("\"message\": \"FAILED 01.b\\n  line two\""));
    }

    @Test
    @DisplayName("a quoted string reads back as it was: quotes, backslashes, line ends, control characters, unicode")
    void unquoteReadsWhatQuoteWrote() {
        String text = "FAILED \"x\"\n  C:\\path\r\n\ttab \u0001 Grüße 🐱";
        assertThat(Report.unquote(Report.quote(text)), equalTo(text));
        assertThat(Report.unquote("null"), nullValue());
    }
}
