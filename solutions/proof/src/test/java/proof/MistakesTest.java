package proof;

import checkpoints.Result;
import checkpoints.ServerSources;
import checkpoints.Stages;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each typical mistake in {@code solutions/mistakes.txt}, made in a copy of the reference
 * solution, fails the checkpoints it names, and the failure report names the mistake. Each right
 * answer there that differs from the reference's passes every checkpoint of its stage.
 */
class MistakesTest {

    static final Path CATALOGUE = Workbook.ROOT.resolve("solutions/mistakes.txt");

    /**
     * -Dproof.mistake=ID proves only that mistake (while writing one, or chasing a flaky one), and
     * prints its reports, so that you can choose its "says" words; ID,ID,... proves those.
     */
    private static final List<String> ONLY = Arrays.stream(System.getProperty("proof.mistake", "").split(","))
        .map(String::strip).filter(id -> !id.isEmpty()).toList();

    /**
     * How many mistakes are proved at once (-Dproof.workers=N). Most of a mistake's time is
     * waiting, not work: its server's JVM starting, and the limits of the checkpoints it fails (a
     * server with no read timeout keeps 04.silent-client waiting for 3 s). One after the other the
     * mistakes took about 58 s of the proof's 90; three at a time, about 23 s. Each has its own
     * copy, its own servers on free ports and its own temporary folders, so they cannot meet;
     * the mistakes that depend on timing (pieces arriving separately) were proved with both cores
     * busy too.
     */
    private static final int WORKERS = Integer.getInteger("proof.workers", 3);

    @TestFactory
    Stream<DynamicTest> eachMistakeIsCaughtAndNamed() {
        List<Mistake> catalogue = Mistake.readCatalogue(CATALOGUE);
        // A mistyped stage must not drop its mistake from the proof without a word. A stage the
        // workbook has whose folder is missing (a copy made with HandOut --up-to) is left out.
        List<String> noSuchStage = catalogue.stream().filter(m -> !Stages.FOLDERS.contains(m.stage()))
            .map(m -> m.id() + " (stage: " + m.stage() + ")").toList();
        if (!noSuchStage.isEmpty()) {
            throw new IllegalArgumentException("mistakes of a stage the workbook does not have (" + Stages.FOLDERS + "): "
                + noSuchStage + " in " + CATALOGUE);
        }
        List<String> unknownIds = ONLY.stream().filter(id -> catalogue.stream().noneMatch(m -> m.id().equals(id))).toList();
        if (!unknownIds.isEmpty()) { // a mistyped id must not pass as "nothing to prove"
            throw new IllegalArgumentException("-Dproof.mistake: no mistake of the id " + unknownIds + " in " + CATALOGUE);
        }
        List<Mistake> chosen = catalogue.stream()
            .filter(m -> Workbook.stages().contains(m.stage()))
            .filter(m -> ONLY.isEmpty() || ONLY.contains(m.id()))
            .toList();
        // Every proof starts now, WORKERS at a time; each dynamic test reports one of them, in the catalogue's order.
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> proofs = chosen.stream().<Future<?>>map(m -> workers.submit(() -> {
            prove(m);
            return null;
        })).toList();
        workers.shutdown(); // the submitted proofs still run; the threads end with the last of them
        return IntStream.range(0, chosen.size()).mapToObj(i -> DynamicTest.dynamicTest(
            chosen.get(i).stage() + " / " + chosen.get(i).id() + ": " + (chosen.get(i).right() ? "right too: " : "")
                + chosen.get(i).mistake(), () -> outcome(proofs.get(i))));
    }

    /** Waits for one proof, and fails as it failed (its AssertionError, with the reports). */
    private static void outcome(Future<?> proof) throws Throwable {
        try {
            proof.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static void prove(Mistake mistake) throws IOException {
        Path sources = copyOfSolution(mistake.stage());
        Path file = sources.resolve(mistake.file());
        Files.writeString(file, mistake.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Path classes = Workbook.compile(sources, "the solution with mistake " + mistake.id());
        if (mistake.right()) {
            passesEverything(mistake, classes);
            return;
        }
        // Only the checkpoints the mistake must fail: a hanging mutant would make the rest slow.
        List<Result> results = Workbook.check(mistake.stage(), classes, "mistake " + mistake.id(), mistake.fails());

        List<String> problems = new ArrayList<>();
        boolean named = false;
        for (String id : mistake.fails()) {
            Result r = results.stream().filter(x -> x.checkpoint().id().equals(id)).findFirst().orElse(null);
            if (r == null) {
                problems.add(id + ": no such checkpoint in " + mistake.stage());
            } else if (r.status() != Result.Status.FAILED) {
                problems.add(id + ": " + r.status() + " with this mistake, but it should fail"
                    + (r.message() == null ? "" : "\n" + r.message()));
            } else if (words(explanation(r.message())).contains(words(mistake.says()))) {
                named = true;
            }
        }
        if (problems.isEmpty() && !named) {
            problems.add("none of the failure reports contains '" + mistake.says() + "' (outside the checkpoint's title and the"
                + " request sent, which every report of it has), so none names the mistake. Reports:\n"
                + results.stream().filter(r -> mistake.fails().contains(r.checkpoint().id()))
                    .map(Result::message).reduce("", (a, b) -> a + "\n" + b));
        }
        if (!problems.isEmpty()) {
            fail("Mistake '" + mistake.id() + "' (" + mistake.mistake() + ") is not caught as it should be:\n\n"
                + String.join("\n\n", problems));
        }
        if (!ONLY.isEmpty()) { // asked for by name: show what a student with this mistake reads
            System.out.println("Mistake '" + mistake.id() + "' is caught. Its reports:\n"
                + results.stream().map(Result::message).reduce("", (a, b) -> a + "\n" + b));
        }
    }

    /** A right answer that differs from the reference's passes every checkpoint of its stage. */
    private static void passesEverything(Mistake right, Path classes) {
        List<Result> results = Workbook.check(right.stage(), classes, "right answer " + right.id());
        List<String> refused = results.stream().filter(r -> r.status() != Result.Status.PASSED)
            .map(r -> r.checkpoint().id() + ": " + r.status() + (r.message() == null ? "" : "\n" + r.message())).toList();
        if (!refused.isEmpty()) {
            fail("Right answer '" + right.id() + "' (" + right.mistake() + ") does not pass every checkpoint of "
                + right.stage() + ":\n\n" + String.join("\n\n", refused));
        }
        if (!ONLY.isEmpty()) {
            System.out.println("Right answer '" + right.id() + "' passes all " + results.size() + " checkpoints of " + right.stage() + ".");
        }
    }

    private static Path copyOfSolution(String stage) throws IOException {
        Path copy = ServerSources.temporaryFolder("proof-mistake-");
        ServerSources.copyTree(Workbook.solutionSources(stage), copy);
        return copy;
    }

    /**
     * A report without what it has whatever the mistake: its first line, "FAILED 07.length-required:
     * A POST without Content-Length gets 411 Length Required" (the checkpoint's title), and the
     * request, under "What was sent" and again under "Try it by hand"; and without the wrong
     * server's answer, under "What came back": "Allow: GET" found there is the mistake repeated,
     * not explained. Words found in any of these would prove nothing about what the report tells
     * the student. What the server printed stays: an exception it logged, which the report shows
     * on purpose, may be what names the mistake.
     */
    static String explanation(String report) {
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        String[] lines = report.split("\n", -1);
        for (int i = report.startsWith("FAILED ") ? 1 : 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("  ") && !line.startsWith("   ")) { // a section starts
                skipping = line.startsWith("  What was sent") || line.startsWith("  Try it by hand")
                    || line.startsWith("  What came back");
            }
            if (!skipping) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    /** Text as words: lower case, and any run of spaces, line breaks and indentation as one space (reports wrap hints). */
    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
