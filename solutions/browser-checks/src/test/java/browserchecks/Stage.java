package browserchecks;

import checkpoints.Stages;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        Path sources = solutionSources(folder);
        try {
            Path out = Files.createTempDirectory("browser-checks-" + folder + "-");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, fm, diagnostics,
                    List.of("--release", "17", "-encoding", "UTF-8", "-d", out.toString(), "-nowarn"),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    throw new AssertionError("the reference solution of " + folder + " does not compile:\n"
                        + diagnostics.getDiagnostics().stream().map(Object::toString).collect(Collectors.joining("\n")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return folder;
    }
}
