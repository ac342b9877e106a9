package proof;

import checkpoints.Checkpoint;
import checkpoints.Stages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * .github/workflows/classroom.yml grades every stage, with the command the README documents,
 * and with the points the stage's own checkpoints are worth.
 */
class ClassroomWorkflowTest {

    static final String WORKFLOW = ".github/workflows/classroom.yml";

    /** One autograding-command-grader step. */
    record Grader(String id, String testName, String command, int maxScore) {}

    @Test
    @DisplayName("classroom.yml has one grader per stage, with the README's command and the stage's points")
    void workflowGradesEveryStage() {
        String yaml = Workbook.read(Workbook.ROOT.resolve(WORKFLOW)).replace("\r\n", "\n");
        String readme = Workbook.read(Workbook.ROOT.resolve("README.md"));
        assertTrue(readme.contains("./mvnw test -pl stageNN-name"), "the README documents the grading command");

        List<String> problems = problems(yaml, Workbook.stages());
        assertTrue(yaml.contains("actions/setup-java@"), "Java is put on PATH before the graders");
        // A run fails (at the reporter) while any checkpoint fails: a cache saved only after a job
        // that succeeded (setup-java's "cache: maven") would be saved for almost no student.
        int save = yaml.indexOf("uses: actions/cache/save@");
        assertTrue(!Pattern.compile("(?m)^\\s+cache: maven").matcher(yaml).find() && yaml.contains("uses: actions/cache/restore@") && save > 0
            && yaml.lastIndexOf("!cancelled()", save) > yaml.lastIndexOf("- name:", save)
            && save < yaml.indexOf("autograding-grading-reporter"),
            "Maven's cache is restored at the start and saved before the reporter, whatever the graders found (!cancelled())");
        assertTrue(problems.isEmpty(), WORKFLOW + " is out of date:\n  " + String.join("\n  ", problems));
    }

    /** What is wrong in a classroom.yml that should grade these stages (and no others); empty if nothing. */
    static List<String> problems(String yaml, List<String> stages) {
        List<Grader> graders = graders(yaml);
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String stage : stages) {
            int number = Stages.number(stage);
            String id = String.format("stage%02d", number);
            ids.add(id);
            int ownPoints = Stages.checkpointsFor(number).stream().filter(c -> c.since() == number)
                .mapToInt(Checkpoint::points).sum();
            int wholeRun = Stages.checkpointsFor(number).stream().mapToInt(Checkpoint::points).sum();
            // Each checkpoint counts once, in its own stage; the first graded stage of a hand-out
            // graded from a later stage on counts the earlier stages' checkpoints too.
            int points = stage.equals(stages.get(0)) ? wholeRun : ownPoints;
            Grader grader = graders.stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
            if (grader == null) {
                problems.add("no grader step with id " + id + " for " + stage);
                continue;
            }
            expect(problems, id + " test-name", stage, grader.testName());
            expect(problems, id + " command", "./mvnw test -pl " + stage, grader.command());
            expect(problems, id + " max-score (the points of its own checkpoints, of its whole run if graded first)",
                String.valueOf(points), String.valueOf(grader.maxScore()));
            String comment = "# " + ownPoints + " points: its own checkpoints; " + wholeRun + ", its whole run,";
            if (!yaml.contains("- name: " + stage + "\n      " + comment)) { // HandOut reads the whole run's points there
                problems.add("the grader of " + stage + " lacks the comment line '" + comment + " ...'");
            }
            String env = id.toUpperCase() + "_RESULTS: \"${{steps." + id + ".outputs.result}}\"";
            if (!yaml.contains(env)) {
                problems.add("the reporter's env lacks " + env);
            }
        }
        Matcher runners = Pattern.compile("runners: (.*)").matcher(yaml);
        expect(problems, "reporter runners", String.join(",", ids), runners.find() ? runners.group(1).strip() : "(none)");
        expect(problems, "graders", String.valueOf(ids.size()), String.valueOf(graders.size()));
        expect(problems, "the reporter's env lines", String.valueOf(ids.size()),
            String.valueOf(Pattern.compile("_RESULTS: ").matcher(yaml).results().count()));
        return problems;
    }

    private static void expect(List<String> problems, String what, String wanted, String found) {
        if (!wanted.equals(found)) {
            problems.add(what + ": should be '" + wanted + "', is '" + found + "'");
        }
    }

    static List<Grader> graders(String yaml) {
        List<Grader> out = new ArrayList<>();
        Matcher step = Pattern.compile("id: (\\S+)\n\\s+uses: classroom-resources/autograding-command-grader@v1\n"
            + "\\s+with:\n\\s+test-name: (.+)\n\\s+setup-command: .*\n\\s+command: (.+)\n\\s+timeout: \\d+\n"
            + "\\s+max-score: (\\d+)").matcher(yaml);
        while (step.find()) {
            out.add(new Grader(step.group(1), step.group(2).strip(), step.group(3).strip(), Integer.parseInt(step.group(4))));
        }
        return out;
    }
}
