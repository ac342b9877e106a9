package checkpoints;

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
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server's sources compiled the way Maven compiles a stage (release 17, UTF-8), for the tools
 * that check reference solutions and variants of them: the proof, the browser checks, the
 * robustness suite. Students' runs never need it: Maven compiles their server.
 */
public final class ServerSources {

    /** The temporary folders made by {@link #temporaryFolder}, removed when the JVM exits. */
    private static final Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMPORARY.forEach(ServerSources::deleteTree)));
    }

    private ServerSources() {
    }

    /**
     * A new temporary folder, removed with everything in it when this JVM exits: the tools compile
     * and copy hundreds of servers per run, and must not leave them behind.
     */
    public static Path temporaryFolder(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            TEMPORARY.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles every .java file under {@code sources} into a new temporary folder and returns it. */
    public static Path compile(Path sources, String label) {
        return compile(sources, temporaryFolder("server-classes-"), label);
    }

    /** Compiles every .java file under {@code sources} into {@code out}; a compile error names {@code label}. */
    public static Path compile(Path sources, Path out, String label) {
        try {
            Files.createDirectories(out);
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
                    throw new IllegalStateException(label + " does not compile:\n" + diagnostics.getDiagnostics().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it, as far as it can: a leftover file is not worth failing for. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            // each file on its own: one that cannot go (on Windows, one a virus scanner holds open)
            // must not keep all the others
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; its folders stay too
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary file is not worth failing the run for
        }
    }

    /** Copies a folder and everything in it, replacing files that are already there. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
