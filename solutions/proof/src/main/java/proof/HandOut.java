package proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the students' copy of the workbook: everything but the solutions, the maintainers'
 * CI and documents, the README's parts for instructors and maintainers (marked there), build
 * output and editor files. In a Git checkout it copies only the files Git tracks, so an
 * instructor's notes or scratch files never reach the students. Run from the repository root:
 * <pre>
 *   java solutions/proof/src/main/java/proof/HandOut.java ../web-server-handout
 * </pre>
 * The copy builds and runs on its own; GitHub Actions grades it with
 * .github/workflows/classroom.yml. With {@code --up-to 03} it holds stages 01 to 03 only (their
 * folders, their modules in pom.xml, their tests in classroom.yml, their rows in the README's
 * table): each stage's starter holds the answer to the stage before it, so stages handed out one
 * at a time give nothing away early. {@code --grade-from 03} keeps in classroom.yml only the tests
 * of stage 03 and after, the first of them worth its whole run; starts the progress table at
 * stage 03 (progress.from); and says in the README what the assignment grades: with {@code
 * --up-to 03} too, the assignment of stage 03 alone, whose earlier stages the student did in
 * earlier assignments. {@code --student DIR} puts a student's
 * code in the copy, to grade it; with {@code --up-to NN} too, for an assignment of stages 01 to NN.
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

    /** What {@link #write} did: the files it copied, and those it left out because Git does not track them. */
    public record Copy(int files, List<String> untracked) {
    }

    private HandOut() {
    }

    public static void main(String[] args) {
        // TARGET_FOLDER, then --student DIR, --up-to NN and --grade-from NN, each at most once, in any order
        String student = null, upTo = null, gradeFrom = null;
        boolean understood = args.length % 2 == 1;
        for (int i = 1; understood && i < args.length; i += 2) {
            if (args[i].equals("--student") && student == null) {
                student = args[i + 1];
            } else if (args[i].equals("--up-to") && upTo == null) {
                upTo = args[i + 1];
            } else if (args[i].equals("--grade-from") && gradeFrom == null) {
                gradeFrom = args[i + 1];
            } else {
                understood = false;
            }
        }
        if (!understood) {
            System.err.println("usage: java solutions/proof/src/main/java/proof/HandOut.java TARGET_FOLDER"
                + " [--student STUDENT_REPOSITORY] [--up-to NN] [--grade-from NN]");
            System.err.println("  writes the students' copy (no solutions/) into TARGET_FOLDER, which must not exist yet;");
            System.err.println("  with --student, puts a student's code in it (each stage's src/main/java, nothing else), to grade");
            System.err.println("  it with your own checkpoints, labkit and pom files rather than the ones in the student's repository;");
            System.err.println("  with --up-to NN, leaves out the stages after stage NN (for handing out stages one at a time;");
            System.err.println("  with --student too, to grade such an assignment);");
            System.err.println("  with --grade-from NN, classroom.yml and the progress table grade stage NN and later ones only");
            System.err.println("  (--up-to 03 --grade-from 03: an assignment of stage 03 alone)");
            System.exit(2);
        }
        int lastStage = upTo != null ? stageNumber("--up-to", upTo) : ALL_STAGES;
        int firstGraded = gradeFrom != null ? stageNumber("--grade-from", gradeFrom) : 1;
        int highest = highestStage(Path.of("").toAbsolutePath());
        if (upTo != null && lastStage > highest || gradeFrom != null && firstGraded > highest) {
            System.err.println("there is no stage " + (upTo != null && lastStage > highest ? upTo : gradeFrom)
                + ": the last stage of this workbook is " + String.format("%02d", highest));
            System.exit(2);
        }
        if (firstGraded > lastStage) {
            System.err.println("--grade-from " + gradeFrom + " comes after --up-to " + upTo + ": no stage would be graded");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            System.err.println(target + " already exists; choose a new folder, so that nothing is overwritten");
            System.exit(2);
        }
        Path studentFolder = student != null ? Path.of(student).toAbsolutePath().normalize() : null;
        if (studentFolder != null && !Files.isDirectory(studentFolder)) {
            System.err.println(studentFolder + " is not a folder: give the folder of the student's repository (a clone of it)");
            System.exit(2);
        }
        Copy copy = write(Path.of("").toAbsolutePath(), target, firstGraded, lastStage);
        System.out.println("Wrote the students' copy, " + copy.files() + " files, to " + target
            + (lastStage < ALL_STAGES ? " (stages 01 to " + String.format("%02d", lastStage) + ")" : "")
            + (firstGraded > 1 ? "; classroom.yml and the progress table grade stage " + String.format("%02d", firstGraded)
                + " and later only" : ""));
        if (!copy.untracked().isEmpty()) {
            System.out.println("Left out " + copy.untracked().size() + " file(s) that Git does not track: "
                + String.join(", ", copy.untracked().subList(0, Math.min(10, copy.untracked().size())))
                + (copy.untracked().size() > 10 ? ", ..." : "") + " (commit them first if students need them)");
        }
        if (studentFolder != null) {
            for (String line : putInStudentCode(target, studentFolder)) {
                System.out.println("  " + line);
            }
            System.out.println("Next: cd " + target + " and grade with ./mvnw -q verify -Pprogress (or ./mvnw test -pl STAGE).");
            return;
        }
        System.out.println("Next: create an empty repository on GitHub, in your course's organization, and mark it as a");
        System.out.println("template (Settings) before you push; in that folder, git init, git add, commit (on Windows, first");
        System.out.println("git update-index --chmod=+x mvnw), push; then each student makes a repository from it");
        System.out.println("(solutions/README.md, Hand-out).");
    }

    /**
     * Replaces each stage's {@code src/main/java} in {@code copy} with the student's, and nothing
     * else: the checkpoints, labkit, the pom files and the web roots stay the official ones, so what
     * a student changed there does not change the grade. Returns one line per stage.
     */
    public static List<String> putInStudentCode(Path copy, Path student) {
        List<String> lines = new ArrayList<>();
        try (var folders = Files.list(copy)) {
            for (Path stage : folders.filter(f -> f.getFileName().toString().matches("stage[0-9]{2}-.+")).sorted().toList()) {
                String name = stage.getFileName().toString();
                Path theirs = student.resolve(name).resolve("src/main/java");
                if (!Files.isDirectory(theirs)) {
                    lines.add(name + ": no src/main/java in the student's repository; the starter stays");
                    continue;
                }
                Path ours = stage.resolve("src/main/java");
                deleteTree(ours);
                int files = copyTree(theirs, ours);
                lines.add(name + ": the student's code, " + files + " file(s)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int copyTree(Path from, Path to) throws IOException {
        int files = 0;
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                    files++;
                }
            }
        }
        return files;
    }

    /** The number of the last stage folder in {@code root} (7 for stage07-post), 0 if there is none. */
    static int highestStage(Path root) {
        try (var folders = Files.list(root)) {
            return folders.map(f -> f.getFileName().toString()).filter(n -> n.matches("stage[0-9]{2}-.+"))
                .mapToInt(n -> Integer.parseInt(n.substring(5, 7))).max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A last stage no stage comes after: every stage is copied. */
    static final int ALL_STAGES = 99;

    /** The number NN of --up-to NN or --grade-from NN, or a readable message and exit code 2. */
    private static int stageNumber(String option, String text) {
        if (!text.matches("[0-9]{1,2}") || Integer.parseInt(text) < 1) {
            System.err.println(option + " needs the number of a stage, such as 03 (not '" + text + "')");
            System.exit(2);
        }
        return Integer.parseInt(text);
    }

    /**
     * Copies the workbook at {@code root} into {@code target} without the solutions. In a Git
     * checkout only the files Git tracks are copied (as they are now, changes included).
     */
    public static Copy write(Path root, Path target) {
        return write(root, target, ALL_STAGES);
    }

    /** As {@link #write(Path, Path)}, with the stages up to {@code lastStage} only. */
    public static Copy write(Path root, Path target, int lastStage) {
        return write(root, target, 1, lastStage);
    }

    /**
     * As {@link #write(Path, Path, int)}, with classroom.yml grading the stages from {@code
     * firstGraded} to {@code lastStage} only.
     */
    public static Copy write(Path root, Path target, int firstGraded, int lastStage) {
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("stage01-socket"))) {
            throw new IllegalArgumentException(root + " is not the workbook's root folder (run this from there)");
        }
        Optional<Set<String>> tracked = trackedFiles(root);
        List<String> untracked = new ArrayList<>();
        int[] count = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && (SKIPPED_FOLDERS.contains(dir.getFileName().toString()) || skipped(root, dir)
                            || (dir.getParent().equals(root) && stageAfter(dir.getFileName().toString(), lastStage)))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    // no folder made here: one that holds only untracked files would be an empty
                    // folder in the copy that no clone has (regrade.sh compares clones with a copy)
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    if (skipped(root, file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (tracked.isPresent() && !tracked.get().contains(relative)) {
                        untracked.add(relative);
                        return FileVisitResult.CONTINUE;
                    }
                    if (!file.getFileName().toString().equals(".DS_Store")) {
                        Path copy = target.resolve(relative);
                        Files.createDirectories(copy.getParent());
                        if (file.getFileName().toString().endsWith(".md")) {
                            String kept = leaveOutMarkedParts(Files.readString(file), file);
                            kept = lastStage < ALL_STAGES ? withoutStagesAfter(kept, lastStage) : kept;
                            Files.writeString(copy, firstGraded > 1 && relative.equals("README.md")
                                ? withWhatIsGraded(kept, firstGraded, lastStage) : kept);
                        } else if (lastStage < ALL_STAGES && relative.equals("pom.xml")) {
                            Files.writeString(copy, withoutStagesAfter(Files.readString(file), lastStage));
                        } else if (relative.equals(CLASSROOM)) {
                            Files.writeString(copy, withItsTotal(onlyStages(Files.readString(file), firstGraded, lastStage)));
                        } else if (firstGraded > 1 && relative.equals(PROGRESS_POM)) {
                            Files.writeString(copy, gradedFrom(Files.readString(file), firstGraded));
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
        return new Copy(count[0], untracked);
    }

    /**
     * The files Git tracks under {@code root} (paths with '/'), or empty when {@code root} is not a
     * Git checkout or git cannot be run: then every file is copied.
     */
    static Optional<Set<String>> trackedFiles(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() != 0) {
                return Optional.empty();
            }
            return Optional.of(Arrays.stream(out.split("\0")).filter(name -> !name.isEmpty()).collect(Collectors.toSet()));
        } catch (IOException e) {
            return Optional.empty(); // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static final String CLASSROOM = ".github/workflows/classroom.yml";

    /**
     * The README with a paragraph after its table of stages that says which stages this
     * assignment grades: in a hand-out graded from a later stage on, the earlier stages' folders
     * are there, with their TODOs, and a student must not take them for work that is due.
     */
    static String withWhatIsGraded(String readme, int firstGraded, int lastStage) {
        String first = String.format("%02d", firstGraded);
        int last = lastStage < ALL_STAGES ? lastStage : highestRow(readme);
        String which = firstGraded == last ? "stage " + first : "stages " + first + " to " + String.format("%02d", last);
        String note = "\n**This assignment grades " + which + ".** Stage " + first + "'s checkpoints re-check what"
            + " the stages before it built, against your stage " + first + " server. The earlier stages' folders"
            + " are here to read and run; their TODOs are not graded.\n";
        StringBuilder out = new StringBuilder();
        boolean inTable = false, added = false;
        for (String line : readme.split("(?<=\n)")) {
            if (TABLE_ROW.matcher(line.strip()).matches()) {
                inTable = true;
            } else if (inTable && !added) {
                out.append(note);
                added = true;
            }
            out.append(line);
        }
        if (!added) {
            throw new IllegalStateException("README.md has no table of stages to say after it what is graded");
        }
        return out.toString();
    }

    private static int highestRow(String readme) {
        return readme.lines().map(String::strip).map(TABLE_ROW::matcher).filter(Matcher::matches)
            .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(ALL_STAGES);
    }
    static final String PROGRESS_POM = "progress/pom.xml";
    private static final String PROGRESS_FROM = "<progress.from>01</progress.from>";

    /** progress/pom.xml with the first graded stage, so that the progress table starts there too. */
    static String gradedFrom(String pom, int firstGraded) {
        if (!pom.contains(PROGRESS_FROM)) {
            throw new IllegalStateException(PROGRESS_POM + " has no " + PROGRESS_FROM + " to set the first graded stage in");
        }
        return pom.replace(PROGRESS_FROM, String.format("<progress.from>%02d</progress.from>", firstGraded));
    }

    /** The header's total in classroom.yml: "137 in all (solutions/proof checks that they agree)". */
    private static final Pattern TOTAL = Pattern.compile("[0-9]+ in all \\(solutions/proof checks that they agree\\)");
    private static final Pattern MAX_SCORE = Pattern.compile("(?m)^\\s*max-score:\\s*([0-9]+)\\s*$");

    /**
     * classroom.yml with its header's total made the sum of the tests it keeps (43 for stage 03
     * alone, not the whole workbook's 137), and without the words about solutions/, which the
     * students' copy does not have.
     */
    static String withItsTotal(String yaml) {
        Matcher total = TOTAL.matcher(yaml);
        if (!total.find()) {
            throw new IllegalStateException(CLASSROOM + " has no \"N in all (solutions/proof checks that they agree)\" in its header");
        }
        int sum = MAX_SCORE.matcher(yaml).results().mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        return yaml.substring(0, total.start()) + sum + " in all" + yaml.substring(total.end());
    }

    /** A grader's comment in classroom.yml: "# 14 points: its own checkpoints; 43, its whole run, ...". */
    private static final Pattern WHOLE_RUN = Pattern.compile("# [0-9]+ points: its own checkpoints; ([0-9]+), its whole run");

    /** Whether a folder name is that of a stage after {@code lastStage} (stage05-querystring after 03). */
    static boolean stageAfter(String folder, int lastStage) {
        return folder.matches("stage[0-9]{2}-.+") && Integer.parseInt(folder.substring(5, 7)) > lastStage;
    }

    private static final Pattern STAGE_NUMBER = Pattern.compile("stage([0-9]{2})");
    private static final Pattern REPORTER_ENV = Pattern.compile("STAGE([0-9]{2})_RESULTS:");

    /** A row of a Markdown table that starts with a stage's number: "| 04 | the right status codes ...". */
    private static final Pattern TABLE_ROW = Pattern.compile("\\| ([0-9]{2}) \\|.*");

    /**
     * The root pom.xml, classroom.yml or a Markdown file without what names a stage after
     * {@code lastStage}: its module line; its grader step (from its "- name: stageNN-..." line to
     * the next step), its line in the reporter's env and its id in the reporter's runners; its row
     * in a table of stages.
     */
    static String withoutStagesAfter(String text, int lastStage) {
        return onlyStages(text, 1, lastStage);
    }

    /** As {@link #withoutStagesAfter}, without what names a stage before {@code first} either. */
    static String onlyStages(String text, int first, int last) {
        StringBuilder kept = new StringBuilder();
        boolean inOtherStep = false;
        boolean inFirstStep = false; // the first graded stage's grader, when it is not stage 01's
        String wholeRun = null; // its whole run's points, from its comment
        for (String line : text.split("(?<=\n)")) {
            String stripped = line.strip();
            Matcher stage = STAGE_NUMBER.matcher(stripped);
            boolean found = stage.find();
            boolean other = found && outside(Integer.parseInt(stage.group(1)), first, last);
            if (stripped.startsWith("- ")) {
                inOtherStep = stripped.startsWith("- name: stage") && other;
                inFirstStep = first > 1 && stripped.startsWith("- name: stage") && found
                    && Integer.parseInt(stage.group(1)) == first;
            }
            Matcher comment = WHOLE_RUN.matcher(stripped);
            if (inFirstStep && comment.find()) {
                wholeRun = comment.group(1);
            }
            if (inFirstStep && stripped.startsWith("max-score:")) {
                if (wholeRun == null) {
                    throw new IllegalStateException("the grader of stage " + first + " in " + CLASSROOM
                        + " has no comment with its whole run's points before its max-score");
                }
                // The first graded stage's server must pass the earlier stages' checkpoints too: they count here.
                kept.append(line, 0, line.indexOf("max-score:")).append("max-score: ").append(wholeRun)
                    .append(line.endsWith("\n") ? "\n" : "");
                continue;
            }
            Matcher env = REPORTER_ENV.matcher(stripped);
            Matcher row = TABLE_ROW.matcher(stripped);
            if (inOtherStep || (stripped.startsWith("<module>stage") && other)
                    || (env.find() && outside(Integer.parseInt(env.group(1)), first, last))
                    || (row.matches() && outside(Integer.parseInt(row.group(1)), first, last))) {
                continue;
            }
            if (stripped.startsWith("runners:")) {
                String indent = line.substring(0, line.indexOf("runners:"));
                String ids = Arrays.stream(stripped.substring("runners:".length()).strip().split(","))
                    .filter(id -> !outside(Integer.parseInt(id.strip().substring(5)), first, last))
                    .collect(Collectors.joining(","));
                kept.append(indent).append("runners: ").append(ids).append(line.endsWith("\n") ? "\n" : "");
                continue;
            }
            kept.append(line);
        }
        return kept.toString();
    }

    private static boolean outside(int stage, int first, int last) {
        return stage < first || stage > last;
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
