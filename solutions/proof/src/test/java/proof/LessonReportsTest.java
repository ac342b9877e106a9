package proof;

import checkpoints.Result;
import checkpoints.ServerSources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * A lesson that shows a checkpoint's failure report (a text block starting "FAILED ID: ...")
 * shows what the checkpoints print today. The harness's hints are not generated into the
 * lessons, so a changed hint would leave the quote stale: this test runs the checkpoint against
 * the server the lesson describes (a mistake of solutions/mistakes.txt) and compares the quote's
 * title, Expected and Hint lines, numbers aside (ports, byte counts), with the report it gets.
 */
class LessonReportsTest {

    /** Each quoted report, as "lesson: checkpoint", and the mistake that makes the lesson's server. */
    private static final Map<String, String> QUOTED = Map.of(
        "stage01-socket/README.md: 01.browser-request", "read-only-100-bytes"); // the starter with TODO 1 done

    @Test
    @DisplayName("a failure report quoted in a lesson is what the checkpoints print for the lesson's server")
    void quotedReportsAreCurrent() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String stage : Workbook.stages()) {
            String lesson = stage + "/README.md";
            List<String> lines = Files.readAllLines(Workbook.ROOT.resolve(lesson));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```text") || !lines.get(i + 1).startsWith("FAILED ")) {
                    continue;
                }
                String id = lines.get(i + 1).substring("FAILED ".length()).replaceFirst(":.*", "");
                String mistakeId = QUOTED.get(lesson + ": " + id);
                if (mistakeId == null) {
                    problems.add(lesson + ":" + (i + 2) + " quotes the report of " + id + ": add it to LessonReportsTest.QUOTED"
                        + " with the mistake in solutions/mistakes.txt that makes the lesson's server");
                    continue;
                }
                List<String> quote = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
                    quote.add(lines.get(j));
                }
                String report = reportOf(stage, mistakeId, id);
                for (String part : List.of("FAILED", "  Expected:", "  Hint:")) {
                    String quoted = section(quote, part), printed = section(List.of(report.split("\n")), part);
                    if (!withoutNumbers(quoted).equals(withoutNumbers(printed))) {
                        problems.add(lesson + ":" + (i + 2) + ", the report of " + id + " (mistake " + mistakeId + "), "
                            + part.strip() + "\n  the lesson shows:  " + quoted + "\n  the checkpoint says: " + printed);
                    }
                }
                checked++;
            }
        }
        assertThat("quoted reports checked", checked, equalTo(QUOTED.size()));
        assertThat("lessons quote failure reports that the checkpoints no longer print:\n" + String.join("\n", problems),
            problems, empty());
    }

    /** The report of one checkpoint for the stage's solution with a mistake of the catalogue. */
    private static String reportOf(String stage, String mistakeId, String checkpoint) throws IOException {
        Mistake mistake = Mistake.readCatalogue(MistakesTest.CATALOGUE).stream()
            .filter(m -> m.id().equals(mistakeId)).findFirst()
            .orElseThrow(() -> new AssertionError("LessonReportsTest names mistake " + mistakeId + ", not in " + MistakesTest.CATALOGUE));
        Path sources = ServerSources.temporaryFolder("proof-lesson-");
        ServerSources.copyTree(Workbook.solutionSources(stage), sources);
        Path file = sources.resolve(mistake.file());
        Files.writeString(file, mistake.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        List<Result> results = Workbook.check(stage, Workbook.compile(sources, "mistake " + mistakeId), "mistake " + mistakeId,
            Set.of(checkpoint));
        Result result = results.stream().filter(r -> r.checkpoint().id().equals(checkpoint)).findFirst()
            .orElseThrow(() -> new AssertionError("no checkpoint " + checkpoint + " in " + stage));
        assertThat(checkpoint + " with mistake " + mistakeId + ":\n" + result.message(), result.status(), equalTo(Result.Status.FAILED));
        return result.message();
    }

    /** The line that starts with {@code start} and the lines indented under it, as one line of words. */
    private static String section(List<String> lines, String start) {
        StringBuilder text = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith(start)) {
                in = true;
                text.append(line.substring(start.length()));
            } else if (in && line.startsWith("            ")) { // a wrapped line of the same part
                text.append(' ').append(line);
            } else if (in) {
                break;
            }
        }
        return text.toString().strip().replaceAll("\\s+", " ");
    }

    private static String withoutNumbers(String text) {
        return text.replaceAll("[0-9]+", "N");
    }
}
