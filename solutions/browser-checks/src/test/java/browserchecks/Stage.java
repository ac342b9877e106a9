package browserchecks;

import checkpoints.ServerSources;
import checkpoints.Stages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage whose reference solution exists: its folder, number, web root, and its solution
 * compiled with javax.tools (release 17) into a fresh folder, as Maven would.
 */
record Stage(String folder, int number) {

    /** The repository root: Maven runs this module in solutions/browser-checks. */
    static final Path ROOT = Path.of(System.getProperty("workbook.root", "../..")).toAbsolutePath().normalize();

    /** Every stage with a folder and a reference solution, earliest first. */
    static List<Stage> all() {
        return Stages.FOLDERS.stream()
            .filter(f -> Files.isDirectory(ROOT.resolve(f)) && Files.isDirectory(solutionSources(f)))
            .map(f -> new Stage(f, Stages.number(f)))
            .toList();
    }

    private static Path solutionSources(String folder) {
        return ROOT.resolve("solutions").resolve(folder).resolve("src/main/java");
    }

    Path folderPath() {
        return ROOT.resolve(folder);
    }

    /** The stage's own www/, which the browser sees; stage 01 serves no files. */
    Path www() {
        return folderPath().resolve("www");
    }

    boolean hasWww() {
        return number >= 2 && Files.isDirectory(www());
    }

    String file(String name) {
        try {
            return Files.readString(www().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles the reference solution into a new temporary folder. */
    Path compileSolution() {
        return ServerSources.compile(solutionSources(folder), "the reference solution of " + folder);
    }

    @Override
    public String toString() {
        return folder;
    }
}
