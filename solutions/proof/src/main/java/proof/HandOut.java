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
 * CI and documents, the README's parts for instructors and maintainers (marked there), build
 * output and editor files. Run from the repository root:
 * <pre>
 *   java solutions/proof/src/main/java/proof/HandOut.java ../web-server-handout
 * </pre>
 * The copy builds and runs on its own; GitHub Classroom grades it with
 * .github/workflows/classroom.yml.
 */
public final class HandOut {

    /** Folders never copied, wherever they are. */
    static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", ".vscode", ".settings");
    /** Paths (from the root) never copied: the solutions and what only maintainers use. */
    static final Set<String> SKIPPED_PATHS = Set.of("solutions", ".github/workflows/ci.yml", ".ci",
        "CONTRIBUTING.md", "PERFORMANCE.md");

    /**
     * In a Markdown file, the lines from one of these to the other (both included) are left out of
     * the copy: the parts of the README for instructors and maintainers, which name solutions/.
     */
    static final String LEAVE_OUT = "<!-- hand-out: leave out from here -->";
    static final String LEAVE_OUT_END = "<!-- hand-out: leave out up to here -->";

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
        System.out.println("Next: create an empty repository on GitHub and mark it as a template (Settings) before");
        System.out.println("you push; in that folder, git init, commit, push; then use it as the starter code of a");
        System.out.println("GitHub Classroom assignment (solutions/README.md, Hand-out).");
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
                        Path copy = target.resolve(root.relativize(file).toString());
                        if (file.getFileName().toString().endsWith(".md")) {
                            Files.writeString(copy, leaveOutMarkedParts(Files.readString(file), file));
                        } else {
                            // COPY_ATTRIBUTES keeps mvnw executable.
                            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                        }
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

    /** The text without its parts marked {@link #LEAVE_OUT}; an unclosed mark is an error. */
    static String leaveOutMarkedParts(String text, Path file) {
        StringBuilder kept = new StringBuilder();
        boolean leavingOut = false;
        for (String line : text.split("(?<=\n)")) {
            if (line.strip().equals(LEAVE_OUT)) {
                leavingOut = true;
            } else if (line.strip().equals(LEAVE_OUT_END)) {
                if (!leavingOut) {
                    throw new IllegalArgumentException(file + ": '" + LEAVE_OUT_END + "' without a start before it");
                }
                leavingOut = false;
            } else if (!leavingOut) {
                kept.append(line);
            }
        }
        if (leavingOut) {
            throw new IllegalArgumentException(file + ": '" + LEAVE_OUT + "' is never closed");
        }
        return kept.toString();
    }

    private static boolean skipped(Path root, Path path) {
        return SKIPPED_PATHS.contains(root.relativize(path).toString().replace('\\', '/'));
    }
}
