package proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Writes the students' copy of the workbook: everything but the solutions, the maintainers'
 * CI workflow, build output and editor files. Run from the repository root:
 * <pre>
 *   java solutions/proof/src/main/java/proof/HandOut.java ../web-server-handout
 * </pre>
 * The copy builds and runs on its own; GitHub Classroom grades it with
 * .github/workflows/classroom.yml.
 */
public final class HandOut {

    /** Folders never copied, wherever they are. */
    static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", ".vscode", ".settings");
    /** Paths (from the root) never copied. */
    static final Set<String> SKIPPED_PATHS = Set.of("solutions", ".github/workflows/ci.yml");

    private HandOut() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java solutions/proof/src/main/java/proof/HandOut.java TARGET_FOLDER");
            System.err.println("  writes the students' copy (no solutions/) into TARGET_FOLDER, which must not exist yet");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            System.err.println(target + " already exists; choose a new folder, so that nothing is overwritten");
            System.exit(2);
        }
        int files = write(Path.of("").toAbsolutePath(), target);
        System.out.println("Wrote the students' copy, " + files + " files, to " + target);
        System.out.println("Next: in that folder, git init, commit, push to a new repository, mark it as a template,");
        System.out.println("and use it as the starter code of a GitHub Classroom assignment.");
    }

    /** Copies the workbook at {@code root} into {@code target} without the solutions; returns the file count. */
    public static int write(Path root, Path target) {
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("stage01-socket"))) {
            throw new IllegalArgumentException(root + " is not the workbook's root folder (run this from there)");
        }
        int[] count = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && (SKIPPED_FOLDERS.contains(dir.getFileName().toString()) || skipped(root, dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(root.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!skipped(root, file) && !file.getFileName().toString().equals(".DS_Store")) {
                        // COPY_ATTRIBUTES keeps mvnw executable.
                        Files.copy(file, target.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                        count[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    private static boolean skipped(Path root, Path path) {
        return SKIPPED_PATHS.contains(root.relativize(path).toString().replace('\\', '/'));
    }
}
