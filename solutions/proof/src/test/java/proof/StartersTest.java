package proof;

import checkpoints.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every starter compiles, runs, and fails exactly the checkpoints its TODOs are about: the list in
 * {@code solutions/STAGE/TODO-checkpoints.txt}. A starter that passes one of them (a TODO that
 * gives the answer away) or fails any other (it broke something that already worked) fails here.
 */
class StartersTest {

    @TestFactory
    Stream<DynamicTest> eachStarterFailsExactlyItsTodoCheckpoints() {
        return Workbook.stages().stream().map(stage -> DynamicTest.dynamicTest(
            stage + ": the starter fails exactly the checkpoints in TODO-checkpoints.txt", () -> proveStarter(stage)));
    }

    static Set<String> declaredTodoCheckpoints(String stage) {
        Path file = Workbook.ROOT.resolve("solutions").resolve(stage).resolve("TODO-checkpoints.txt");
        if (!Files.exists(file)) {
            fail("missing " + file + ": list the checkpoints the starter's TODOs are about, one id per line");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String line : Workbook.read(file).split("\\R")) {
            String id = line.replaceAll("#.*", "").strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void proveStarter(String stage) {
        Set<String> declared = declaredTodoCheckpoints(stage);
        Path classes = Workbook.compile(Workbook.starterSources(stage), stage + "'s starter");
        List<Result> results = Workbook.check(stage, classes, "starter");

        List<String> problems = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (Result r : results) {
            String id = r.checkpoint().id();
            known.add(id);
            boolean expectedToFail = declared.contains(id);
            switch (r.status()) {
                case HARNESS_PROBLEM -> problems.add(id + ": harness problem\n" + r.message());
                case PASSED -> {
                    if (expectedToFail) {
                        problems.add(id + ": PASSES on the starter, but TODO-checkpoints.txt says a TODO is about it");
                    }
                }
                case FAILED -> {
                    if (!expectedToFail) {
                        problems.add(id + ": FAILS on the starter, but no TODO is about it:\n" + r.message());
                    }
                }
            }
        }
        declared.stream().filter(id -> !known.contains(id))
            .forEach(id -> problems.add(id + ": listed in TODO-checkpoints.txt but no such checkpoint in " + stage));
        if (!problems.isEmpty()) {
            fail(stage + "'s starter does not fail exactly its TODO checkpoints:\n\n" + String.join("\n\n", problems));
        }
    }
}
