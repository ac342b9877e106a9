package progress;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

class ProgressTest {

    @TempDir
    Path root;

    private final Instant buildStart = Instant.parse("2026-01-01T10:00:00Z");

    private Path report(String stage, String json, Instant written) throws IOException {
        Path file = root.resolve(stage).resolve("target/checkpoint-report.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.from(written));
        return file;
    }

    private static final String DONE = """
        {
          "stage": "stage01-socket",
          "passed": 2,
          "total": 2,
          "points": 3,
          "maxPoints": 3,
          "checkpoints": [
            {"id": "01.a", "title": "A", "stage": 1, "points": 1, "earned": 1, "passed": true, "status": "PASSED", "millis": 1, "message": null},
            {"id": "01.b", "title": "B", "stage": 1, "points": 2, "earned": 2, "passed": true, "status": "PASSED", "millis": 1, "message": null}
          ]
        }
        """;

    private static final String HALF = """
        {
          "stage": "stage02-files",
          "passed": 2,
          "total": 3,
          "points": 2,
          "maxPoints": 5,
          "checkpoints": [
            {"id": "01.a", "title": "A", "stage": 1, "points": 1, "earned": 1, "passed": true, "status": "PASSED", "millis": 1, "message": null},
            {"id": "02.a", "title": "The \\"body\\" is the file", "stage": 2, "points": 1, "earned": 1, "passed": true, "status": "PASSED", "millis": 1, "message": null},
            {"id": "02.b", "title": "Second", "stage": 2, "points": 3, "earned": 0, "passed": false, "status": "FAILED", "millis": 1, "message": "FAILED 02.b"}
          ]
        }
        """;

    @Test
    @DisplayName("the table shows each stage, the totals, and the first checkpoint to fix with its command")
    void tableNamesTheNextCheckpoint() throws IOException {
        Progress.Row done = Progress.read("stage01-socket", report("stage01-socket", DONE, buildStart.plusSeconds(5)), buildStart);
        Progress.Row half = Progress.read("stage02-files", report("stage02-files", HALF, buildStart.plusSeconds(9)), buildStart);
        String table = Progress.table(List.of(done, half));

        assertThat(table, containsString("stage01-socket         2 of 2     2 of 2             3/3       done"));
        // stage 02's own checkpoints: 02.a passed (1 point), 02.b failed (3 points); 01.a counts in stage 01 only
        assertThat(table, containsString("stage02-files          1 of 2     2 of 3             1/4"));
        assertThat(table, containsString("total                                                4/7"));
        assertThat(table, containsString("Next to fix: 02.b: Second"));
        assertThat(table, containsString("See why:     ./mvnw test -pl stage02-files"));
        assertThat(half.checkpoints().get(1).title(), equalTo("The \"body\" is the file"));
    }

    @Test
    @DisplayName("a report older than this build means the stage did not run (it did not compile)")
    void staleReportMeansDidNotRun() throws IOException {
        Progress.Row stale = Progress.read("stage02-files", report("stage02-files", HALF, buildStart.minusSeconds(60)), buildStart);
        assertThat(stale.ran(), equalTo(false));
        assertThat(Progress.table(List.of(stale)), containsString("did not run: does it compile? ./mvnw test -pl stage02-files"));
    }

    @Test
    @DisplayName("the CSV has a header and one row a gradebook can import; the JSON has every stage")
    void csvAndJson() throws IOException {
        Progress.Row done = Progress.read("stage01-socket", report("stage01-socket", DONE, buildStart.plusSeconds(5)), buildStart);
        Progress.Row half = Progress.read("stage02-files", report("stage02-files", HALF, buildStart.plusSeconds(9)), buildStart);
        String csv = Progress.csv(root.resolve("alice-repo"), List.of(done, half));
        assertThat(csv, equalTo("repository,stage01-socket,stage02-files,total,max\nalice-repo,3,1,4,7\n"));
        String json = Progress.json(root.resolve("alice-repo"), List.of(done, half));
        assertThat(json, containsString("{\"stage\": \"stage02-files\", \"ran\": true, \"passed\": 2, \"total\": 3, \"points\": 2, "
            + "\"maxPoints\": 5, \"ownPoints\": 1, \"ownMaxPoints\": 4, \"done\": false, \"firstFailing\": \"02.b\"}"));
        assertThat(json, containsString("\"points\": 4,\n  \"maxPoints\": 7"));
    }

    @Test
    @DisplayName("graded from stage 02 on, stage 02's row counts its whole run, earlier stages' checkpoints included")
    void gradedFromALaterStage() throws IOException {
        Progress.Row half = Progress.read("stage02-files", report("stage02-files", HALF, buildStart.plusSeconds(9)), buildStart, true);
        assertThat(Progress.csv(root.resolve("bob-repo"), List.of(half)),
            equalTo("repository,stage02-files,total,max\nbob-repo,2,2,5\n"));
        String table = Progress.table(List.of(half));
        assertThat(table, containsString("2 of 3"));
        assertThat(table, containsString("this assignment grades from stage02-files on"));
        assertThat(table, containsString("Next to fix: 02.b"));
    }
}
