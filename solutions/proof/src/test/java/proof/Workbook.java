package proof;

import checkpoints.Checkpoint;
import checkpoints.CheckpointRun;
import checkpoints.Result;
import checkpoints.ServerProcess;
import checkpoints.ServerSources;
import checkpoints.Stages;
import checkpoints.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The repository as the proof sees it: where things are, and how to compile and check a server. */
final class Workbook {

    /** The repository root: Maven runs this module in solutions/proof. */
    static final Path ROOT = Path.of(System.getProperty("workbook.root", "../..")).toAbsolutePath().normalize();

    private Workbook() {
    }

    /** The stages that exist in this repository so far. */
    static List<String> stages() {
        return Stages.FOLDERS.stream().filter(f -> Files.isDirectory(ROOT.resolve(f))).toList();
    }

    static Path starterSources(String stage) {
        return ROOT.resolve(stage).resolve("src/main/java");
    }

    static Path solutionSources(String stage) {
        return ROOT.resolve("solutions").resolve(stage).resolve("src/main/java");
    }

    /** Compiles a tree of server sources into a new folder, as Maven would (release 17). */
    static Path compile(Path sources, String label) {
        return ServerSources.compile(sources, label);
    }

    /**
     * Compiles the reference solution of {@code stage} and starts it as the checkpoints do: its own
     * JVM, a free port, the stage's www/ as its root.
     */
    static ServerProcess startSolution(String stage) {
        Path classes = compile(solutionSources(stage), "the " + stage + " solution");
        return ServerProcess.start(classes, ServerSources.temporaryFolder(stage + "-"),
            List.of("--port", "0", "--root", ROOT.resolve(stage).resolve("www").toString()));
    }

    /** Runs every checkpoint of {@code stage} against a compiled server. */
    static List<Result> check(String stage, Path classes, String label) {
        return check(stage, classes, label, null);
    }

    /** Runs the checkpoints of {@code stage} whose ids are in {@code only} (all when null). */
    static List<Result> check(String stage, Path classes, String label, Set<String> only) {
        Target target = new Target(Stages.number(stage), stage, classes, ROOT.resolve(stage), null, label);
        List<Result> results = new ArrayList<>();
        try (CheckpointRun run = new CheckpointRun(target)) {
            List<Checkpoint> chosen = run.checkpoints().stream().filter(c -> only == null || only.contains(c.id())).toList();
            run.start(chosen); // every lane at once, as a student's run does
            chosen.forEach(c -> results.add(run.run(c)));
        }
        return results;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
