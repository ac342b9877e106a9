package browserchecks;

import checkpoints.ServerProcess;
import checkpoints.ServerSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A stage's reference solution running as its own JVM (as the harness starts it), serving the stage's www/. */
final class StageServer implements AutoCloseable {

    final Stage stage;
    private final ServerProcess process;
    private final List<Path> temporary;

    private StageServer(Stage stage, ServerProcess process, List<Path> temporary) {
        this.stage = stage;
        this.process = process;
        this.temporary = temporary;
    }

    static StageServer start(Stage stage) {
        Path classes = stage.compileSolution();
        List<String> arguments = new ArrayList<>(List.of("--port", "0"));
        if (stage.hasWww()) {
            arguments.addAll(List.of("--root", stage.www().toString()));
        }
        try {
            Path workDir = Files.createTempDirectory("browser-checks-run-");
            return new StageServer(stage, ServerProcess.start(classes, workDir, arguments), List.of(classes, workDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address a person would type, e.g. http://127.0.0.1:5000/kittens (loopback only). */
    String url(String path) {
        return "http://127.0.0.1:" + process.port() + path;
    }

    List<String> lastLines(int count) {
        return process.lastLines(count);
    }

    /** How many lines the server logged that start with {@code prefix} (e.g. "POST /guestbook"). */
    long logged(String prefix) {
        return process.output().stream().filter(l -> l.startsWith(prefix)).count();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
        temporary.forEach(ServerSources::deleteTree);
    }
}
