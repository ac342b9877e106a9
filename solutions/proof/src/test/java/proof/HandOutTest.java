package proof;

import checkpoints.Failure;
import checkpoints.Report;
import checkpoints.ServerSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The students' copy (HandOut), built and run the way a student runs it, proves two things.
 *
 * <p>It builds without solutions/: Maven compiles every stage, starts every stage's server and runs
 * its checkpoints, never with a build error.
 *
 * <p>Every starter fails exactly the checkpoints its TODOs are about, the list in
 * {@code solutions/STAGE/TODO-checkpoints.txt}, read from the reports of that same build. A
 * starter that passes one of them (a TODO that gives the answer away) or fails any other (it
 * broke something that already worked) fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandOutTest {

    /** One checkpoint's line in checkpoint-report.json (written by checkpoints.Report), up to its message. */
    private static final Pattern REPORTED = Pattern.compile("^ *\\{\"id\": \"([^\"]+)\".*?, \"status\": \"([A-Z_]+)\", ");
    private static final String MESSAGE = ", \"message\": ";

    private Path copy;
    private String output;
    private int exitCode;

    @BeforeAll
    void buildTheStudentsCopy() throws Exception {
        copy = Files.createTempDirectory("handout-").resolve("workbook");
        HandOut.Copy written = HandOut.write(Workbook.ROOT, copy);
        if (!written.untracked().isEmpty()) { // a new file not yet added to Git is not in the copy: say so
            System.out.println("[proof] the hand-out left out files Git does not track: " + written.untracked());
        }

        // The students' progress command, offline, with the local repository this build already filled.
        List<String> command = new ArrayList<>(List.of(wrapper(copy), "-o", "-q", "-B", "verify", "-Pprogress"));
        String localRepository = System.getProperty("proof.localRepository");
        if (localRepository != null && !localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Process maven = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
        output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("Maven finished in time", maven.waitFor(5, TimeUnit.MINUTES), equalTo(true));
        exitCode = maven.exitValue();
    }

    @AfterAll
    void removeTheCopy() {
        if (copy != null) {
            ServerSources.deleteTree(copy.getParent());
        }
    }

    @Test
    @DisplayName("the students' copy has no solutions/, builds, and runs every stage's checkpoints")
    void studentsCopyBuildsAndRuns() throws IOException {
        assertThat(Files.exists(copy.resolve("solutions")), equalTo(false));
        assertThat(Files.exists(copy.resolve(".github/workflows/ci.yml")), equalTo(false));
        assertThat(Files.exists(copy.resolve(".github/workflows/classroom.yml")), equalTo(true));
        assertThat("the copy's build failed:\n" + output, exitCode, equalTo(0));

        String progress = Files.readString(copy.resolve("target/progress.json"));
        for (String stage : Workbook.stages()) {
            assertThat(stage + " ran in the students' copy:\n" + output, progress,
                containsString("{\"stage\": \"" + stage + "\", \"ran\": true"));
        }
        assertThat("a starter passed all its checkpoints:\n" + progress, progress, not(containsString("\"done\": true")));
        assertThat(output, containsString("Progress over all stages"));
    }

    @Test
    @DisplayName("the students' copy leaves out what only maintainers use, and its documents never point into solutions/")
    void studentsCopyHasNoMaintainersMaterial() throws IOException {
        for (String left : List.of(".ci", "CONTRIBUTING.md", "PERFORMANCE.md")) {
            assertThat(left + " is in the students' copy", Files.exists(copy.resolve(left)), equalTo(false));
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path md : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String text = Files.readString(md);
                String name = copy.relativize(md).toString();
                for (String word : List.of("solutions/", "-Psolution", "CONTRIBUTING", "PERFORMANCE", "hand-out:")) {
                    if (text.contains(word)) {
                        problems.add(name + " mentions " + word);
                    }
                }
                Matcher link = MARKDOWN_LINK.matcher(text);
                while (link.find()) {
                    String target = link.group(1).replaceFirst("#.*", "");
                    if (!target.isEmpty() && !target.contains("://") && !target.startsWith("mailto:")
                            && !Files.exists(md.getParent().resolve(target))) {
                        problems.add(name + " links to " + link.group(1) + ", which the copy does not have");
                    }
                }
            }
        }
        assertThat(String.join("\n", problems), problems.isEmpty(), equalTo(true));
        String readme = Files.readString(copy.resolve("README.md"));
        assertThat(readme, containsString("## The two commands"));
        assertThat(readme, containsString("## Layout"));
        assertThat(readme, not(containsString("## For instructors")));
    }

    @Test
    @DisplayName("a part marked to be left out must be closed, or the hand-out stops")
    void unclosedMarkStopsTheHandOut() {
        String text = "keep\n" + HandOut.LEAVE_OUT + "\ndrop\n" + HandOut.LEAVE_OUT_END + "\nkeep too\n";
        assertThat(HandOut.leaveOutMarkedParts(text, Path.of("x.md")), equalTo("keep\nkeep too\n"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> HandOut.leaveOutMarkedParts("keep\n" + HandOut.LEAVE_OUT + "\ndrop\n", Path.of("x.md")));
        assertThat(e.getMessage(), containsString("is never closed"));
    }

    @Test
    @DisplayName("in a Git checkout, only files Git tracks reach the students' copy; elsewhere, every file")
    void onlyTrackedFiles() throws Exception {
        Path root = ServerSources.temporaryFolder("handout-git-").resolve("repository");
        Files.createDirectories(root);
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("stage01-socket"));
        Files.writeString(root.resolve("stage01-socket/README.md"), "lesson\n");
        Files.writeString(root.resolve("grading-notes.txt"), "not for students\n");

        HandOut.Copy plain = HandOut.write(root, root.resolveSibling(root.getFileName() + "-plain"));
        assertThat("without Git, every file", plain.files(), equalTo(3));

        git(root, "init", "-q");
        git(root, "add", "pom.xml", "stage01-socket");
        Path target = root.resolveSibling(root.getFileName() + "-copy");
        HandOut.Copy copy = HandOut.write(root, target);
        assertThat(copy.files(), equalTo(2));
        assertThat(copy.untracked(), equalTo(List.of("grading-notes.txt")));
        assertThat(Files.exists(target.resolve("grading-notes.txt")), equalTo(false));
        assertThat(Files.readString(target.resolve("stage01-socket/README.md")), equalTo("lesson\n"));
    }

    @Test
    @DisplayName("--student: a student's code in a fresh copy, with the official checkpoints, labkit and poms")
    void studentCodeInAFreshCopy() throws Exception {
        Path student = ServerSources.temporaryFolder("student-");
        Path theirs = student.resolve("stage01-socket/src/main/java/webserver");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve("WebServer.java"), "// the student's\n");
        Path harness = Path.of("checkpoints/src/main/java/checkpoints/Stage01.java");
        Files.createDirectories(student.resolve(harness).getParent());
        Files.writeString(student.resolve(harness), "// changed to pass everything\n");
        Files.writeString(student.resolve("pom.xml"), "<project/>\n");

        Path target = ServerSources.temporaryFolder("regrade-").resolve("workbook");
        HandOut.write(Workbook.ROOT, target);
        List<String> lines = HandOut.putInStudentCode(target, student);

        Path code = Path.of("stage01-socket/src/main/java/webserver");
        assertThat(Files.readString(target.resolve(code).resolve("WebServer.java")), equalTo("// the student's\n"));
        assertThat("the student's tree replaces the starter's whole", Files.exists(target.resolve(code).resolve("Options.java")),
            equalTo(false));
        assertThat(Files.readString(target.resolve(harness)), equalTo(Files.readString(Workbook.ROOT.resolve(harness))));
        assertThat(Files.readString(target.resolve("pom.xml")), equalTo(Files.readString(Workbook.ROOT.resolve("pom.xml"))));
        assertThat(lines.get(0), equalTo("stage01-socket: the student's code, 1 file(s)"));
        assertThat(lines.get(1), equalTo("stage02-files: no src/main/java in the student's repository; the starter stays"));
    }

    @Test
    @DisplayName("--up-to 03: stages 01 to 03 only, in the folders, the root pom's modules and classroom.yml")
    void upToAStage() throws Exception {
        Path target = ServerSources.temporaryFolder("handout-up-to-").resolve("workbook");
        HandOut.write(Workbook.ROOT, target, 3);

        List<String> stages;
        try (var folders = Files.list(target)) {
            stages = folders.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("stage")).sorted().toList();
        }
        assertThat(stages, equalTo(Workbook.stages().subList(0, 3)));
        String pom = Files.readString(target.resolve("pom.xml"));
        assertThat(pom, containsString("<module>stage03-routing</module>"));
        assertThat(pom, not(containsString("<module>stage04-errors</module>")));
        assertThat(pom, containsString("<module>progress</module>"));
        String yaml = Files.readString(target.resolve(HandOut.CLASSROOM)).replace("\r\n", "\n");
        assertThat(ClassroomWorkflowTest.problems(yaml, stages), equalTo(List.of()));
        assertThat(yaml, containsString("name: Autograding Reporter"));
        assertThat(yaml, containsString("regrade.sh's table, 46 in all. A test"));
        String readme = Files.readString(target.resolve("README.md"));
        assertThat(readme, containsString("| 03 | map paths to files"));
        assertThat(readme, not(containsString("stage04-errors")));
        // the copy is a Maven build whose modules all exist
        Process maven = new ProcessBuilder(target.resolve("mvnw").toString(), "-o", "-q", "validate")
            .directory(target.toFile()).redirectErrorStream(true).start();
        String out = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("./mvnw -o -q validate in the copy: " + out, maven.waitFor(), equalTo(0));
    }

    @Test
    @DisplayName("--up-to 03 --grade-from 03: stages 01 to 03 in the copy, and classroom.yml grades stage 03 alone")
    void oneStageAssignment() throws Exception {
        Path target = ServerSources.temporaryFolder("handout-grade-from-").resolve("workbook");
        HandOut.write(Workbook.ROOT, target, 3, 3);

        assertThat(Files.isDirectory(target.resolve("stage02-files")), equalTo(true)); // the student's own, from before
        String yaml = Files.readString(target.resolve(HandOut.CLASSROOM)).replace("\r\n", "\n");
        assertThat(ClassroomWorkflowTest.problems(yaml, List.of("stage03-routing")), equalTo(List.of()));
        assertThat(yaml, not(containsString("stage02")));
        assertThat(yaml, containsString("runners: stage03"));
        assertThat(yaml, containsString("regrade.sh's table, 43 in all. A test")); // the header counts what it keeps
        assertThat(Files.readString(target.resolve("pom.xml")), containsString("<module>stage02-files</module>"));
        // the README says what is graded, after its table of stages
        String readme = Files.readString(target.resolve("README.md")).replace("\r\n", "\n");
        assertThat(readme, containsString("| 03 | map paths to files"));
        assertThat(readme.indexOf("**This assignment grades stage 03.**"), greaterThan(readme.indexOf("| 03 | map paths")));
        // the progress table starts at stage 03 too, and counts what classroom.yml counts
        Process maven = new ProcessBuilder(target.resolve("mvnw").toString(), "-o", "-q", "verify", "-Pprogress", "-pl", "progress")
            .directory(target.toFile()).redirectErrorStream(true).start();
        String table = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(table, maven.waitFor(), equalTo(0));
        assertThat(table, containsString("this assignment grades from stage03-routing on"));
        assertThat(table, containsString("0/43"));
        assertThat(table, not(containsString("stage01-socket ")));
    }

    private static void git(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("git " + String.join(" ", arguments) + ": " + out, git.waitFor(), equalTo(0));
    }

    /** A Markdown link's target: [text](target). */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @TestFactory
    Stream<DynamicTest> eachStarterFailsExactlyItsTodoCheckpoints() {
        return Workbook.stages().stream().map(stage -> DynamicTest.dynamicTest(
            stage + ": the starter fails exactly the checkpoints in TODO-checkpoints.txt", () -> proveStarter(stage)));
    }

    private void proveStarter(String stage) throws IOException {
        Path report = copy.resolve(stage).resolve("target/checkpoint-report.json");
        if (!Files.exists(report)) {
            fail(stage + "'s checkpoints did not run in the students' copy (no " + report + "):\n" + output);
        }
        Map<String, Integer> todoOf = declaredTodoCheckpoints(stage);
        Set<String> declared = todoOf.keySet();
        List<String> problems = new ArrayList<>();
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
            Matcher m = REPORTED.matcher(line);
            if (!m.find()) {
                continue;
            }
            String id = m.group(1), status = m.group(2);
            String message = Report.unquote(line.substring(line.lastIndexOf(MESSAGE) + MESSAGE.length(), line.lastIndexOf('}')));
            statuses.put(id, status);
            boolean expectedToFail = declared.contains(id);
            switch (status) {
                case "PASSED" -> {
                    if (expectedToFail) {
                        problems.add(id + ": PASSES on the starter, but TODO-checkpoints.txt says a TODO is about it");
                    }
                }
                case "FAILED" -> {
                    if (!expectedToFail) {
                        problems.add(id + ": FAILS on the starter, but no TODO is about it:\n" + message);
                    }
                    String pointer = Failure.fullReportOf(message);
                    if (pointer != null && !Objects.equals(todoOf.get(pointer), todoOf.get(id))) {
                        problems.add(id + ": its short report says it fails like " + pointer
                            + " and may pass with it, but another TODO is about it:\n" + message);
                    }
                }
                default -> problems.add(id + ": " + status + "\n" + message);
            }
        }
        if (statuses.isEmpty()) {
            fail("no checkpoint results in " + report);
        }
        declared.stream().filter(id -> !statuses.containsKey(id))
            .forEach(id -> problems.add(id + ": listed in TODO-checkpoints.txt but no such checkpoint in " + stage));
        if (!problems.isEmpty()) {
            fail(stage + "'s starter does not fail exactly its TODO checkpoints:\n\n" + String.join("\n\n", problems)
                + "\n\nEither the starter is wrong (its //@ starter blocks in solutions/source: regenerate after the"
                + "\nedit), or the list is (solutions/" + stage + "/TODO-checkpoints.txt: each checkpoint under the"
                + "\n'# TODO N' line of the TODO it is about). The students' copy holds only files git tracks:"
                + "\na new file of the source or of www/ must be added with git add.");
        }
    }

    /**
     * The checkpoints listed in the stage's TODO-checkpoints.txt, in order, each with the TODO it
     * is about (a number for each block of "# TODO" lines).
     */
    static Map<String, Integer> declaredTodoCheckpoints(String stage) {
        Path file = Workbook.ROOT.resolve("solutions").resolve(stage).resolve("TODO-checkpoints.txt");
        if (!Files.exists(file)) {
            fail("missing " + file + ": list the checkpoints the starter's TODOs are about, one id per line");
        }
        Map<String, Integer> todoOf = new LinkedHashMap<>();
        int todo = 0;
        boolean afterIds = true;
        for (String line : Workbook.read(file).split("\\R")) {
            String id = line.replaceAll("#.*", "").strip();
            if (!id.isEmpty()) {
                todoOf.put(id, todo);
                afterIds = true;
            } else if (line.startsWith("# TODO") && afterIds) {
                todo++;
                afterIds = false;
            }
        }
        return todoOf;
    }

    private static String wrapper(Path copy) throws IOException {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path script = copy.resolve(windows ? "mvnw.cmd" : "mvnw");
        assertThat("the copy has " + script.getFileName(), Files.exists(script), equalTo(true));
        return script.toString();
    }
}
