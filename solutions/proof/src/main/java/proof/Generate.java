package proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes every stage's starter and solution from ONE annotated source, {@code solutions/source/}.
 *
 * <p>Seven stages, each a starter and a solution, are fourteen copies of a growing server. Copied
 * by hand they drift; generated from one source they cannot. Run from the repository root:
 * <pre>
 *   java solutions/proof/src/main/java/proof/Generate.java          (write the trees)
 *   java solutions/proof/src/main/java/proof/Generate.java --check  (only compare; exit 1 on drift)
 * </pre>
 * The proof runs the check on every build, so a hand edit to a generated file fails it.
 *
 * <h2>The source</h2>
 * {@code solutions/source/manifest.txt} names the stages in order and, for each file under
 * {@code source/}, the stages it exists in ({@code 01+}, {@code 03}, {@code 02-04}). Files under
 * {@code source/java/} become {@code stageNN/src/main/java/} (starter) and
 * {@code solutions/stageNN/src/main/java/} (solution); files under {@code source/www/} become
 * {@code stageNN/www/}.
 *
 * <p>Inside a text file, marker lines (a comment starting with {@code @}: {@code //@},
 * {@code <!--@}, {@code /*@}) choose which lines go where. Marker lines themselves never reach
 * the output. Blocks nest; a line is kept when every block around it keeps it.
 * <pre>
 *   //@ stage 02+       lines in stages 02 and later, starter and solution alike
 *   //@ stage 01        lines in stage 01 only (a later stage replaces them)
 *   //@ task 03         the student's work in stage 03: in the solution of 03 on, and in the
 *                       starters from 04 on (by then it is given code); "task 03" means 03+
 *   //@ starter         ... what the starter of 03 has instead: the TODO
 *   //@ end
 * </pre>
 * A task takes a range too ({@code //@ task 03-05}) when a later stage replaces the work.
 */
public final class Generate {

    /** One stage: its number (1-based) and its folder name, e.g. 3 and "stage03-routing". */
    record Stage(int number, String folder) {}

    /** Which stages a file or block is in, inclusive. */
    record Range(int from, int to) {
        boolean contains(int stage) {
            return from <= stage && stage <= to;
        }

        static Range parse(String text, int lastStage) {
            Matcher m = Pattern.compile("(\\d+)(\\+|-(\\d+))?").matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a stage range: '" + text + "' (use 02, 02+ or 02-04)");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : m.group(2).equals("+") ? lastStage : Integer.parseInt(m.group(3));
            return new Range(from, to);
        }
    }

    /** A tree the generator writes: which stage, starter or solution. */
    record Variant(Stage stage, boolean solution) {}

    private static final Pattern MARKER = Pattern.compile("^\\s*(?://|<!--|/\\*)@\\s*(.*?)\\s*(?:-->|\\*/)?\\s*$");
    /**
     * A comment that was meant to be a marker but is not one ("// @ task 02", "//  @end"): an error
     * at that line, rather than a confusing one at the next real marker, or none at all.
     */
    private static final Pattern ALMOST_MARKER = Pattern.compile("^\\s*(?://|<!--|/\\*)\\s+@\\s*(stage|task|starter|end)\\b.*");

    private final Path root;
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, Range> files = new LinkedHashMap<>();

    Generate(Path root) {
        this.root = root;
        readManifest();
    }

    public static void main(String[] args) {
        boolean check = Arrays.asList(args).contains("--check");
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        if (root == null) {
            System.err.println("Run this inside the workbook's repository: no solutions/source/manifest.txt in "
                + Path.of("").toAbsolutePath() + " or any folder above it.");
            System.exit(2);
        }
        List<String> differences;
        try {
            Generate generator = new Generate(root);
            differences = check ? generator.check() : generator.write();
        } catch (IllegalStateException e) { // a marker, the manifest, a file set aside: the message says which
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (check && !differences.isEmpty()) {
            System.out.println("The generated trees differ from solutions/source:");
            differences.forEach(d -> System.out.println("  " + d));
            System.out.println("Edit solutions/source/, then run: java solutions/proof/src/main/java/proof/Generate.java");
            System.out.println("(It overwrites every generated file that differs: a change made by hand in one is lost,"
                + " so make it in solutions/source first. Files it does not generate are moved to " + SET_ASIDE + "/.)");
            System.out.println("Working through the stages yourself? Then your own code is what differs, and this check"
                + " is not for you: do NOT run Generate, it would put the starters back over your code. Run one stage"
                + " (./mvnw test -pl stage01-socket) or your progress (./mvnw -q verify -Pprogress) instead.");
            System.exit(1);
        }
        System.out.println(check ? "All generated trees match solutions/source."
                                 : "Wrote " + differences.size() + " changed file(s)." );
        differences.forEach(d -> System.out.println("  " + d));
    }

    /**
     * Where write() puts files of the generated trees that the source does not make, instead of
     * deleting them: a folder per run, named after the time, in a folder git ignores and that
     * `mvn clean` leaves alone.
     */
    static final String SET_ASIDE = ".generate-set-aside";

    /** The folder, this one or one above it, that holds solutions/source/manifest.txt; null if none does. */
    static Path repositoryRoot(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("solutions/source/manifest.txt"))) {
                return folder;
            }
        }
        return null;
    }

    /** Compares every generated file with what is on disk; returns one line per difference. */
    public List<String> check() {
        List<String> differences = new ArrayList<>();
        expected().forEach((path, content) -> {
            Path file = root.resolve(path);
            if (!Files.exists(file)) {
                differences.add("missing: " + path);
            } else if (!sameContent(read(file), content)) {
                differences.add("differs: " + path + firstDifference(read(file), content));
            }
        });
        for (String path : unexpectedFiles()) {
            differences.add("not generated (remove it, or add it to the source): " + path);
        }
        return differences;
    }

    /**
     * Writes every generated file that differs, and moves the files the source does not generate
     * (a stale one, or one added by hand, perhaps never committed) to SET_ASIDE; returns what changed.
     */
    public List<String> write() {
        List<String> changed = new ArrayList<>();
        expected().forEach((path, content) -> {
            Path file = root.resolve(path);
            if (!Files.exists(file) || !sameContent(read(file), content)) {
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                changed.add("wrote " + path);
            }
        });
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        for (String path : unexpectedFiles()) {
            Path kept = root.resolve(SET_ASIDE).resolve(run).resolve(path);
            try {
                Files.createDirectories(kept.getParent());
                Files.move(root.resolve(path), kept); // never over another: each run has its own folder
            } catch (IOException e) {
                throw new IllegalStateException("could not set " + path + " aside in " + root.relativize(kept)
                    + " (" + e + "); it is still where it was", e);
            }
            changed.add("not generated, moved to " + SET_ASIDE + "/" + run + "/: " + path);
        }
        return changed;
    }

    /** Every generated file, by its path from the repository root, with its bytes. */
    Map<String, byte[]> expected() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Stage stage : stages) {
            for (var file : files.entrySet()) {
                if (!file.getValue().contains(stage.number())) {
                    continue;
                }
                String source = file.getKey();
                if (source.startsWith("java/")) {
                    String rest = source.substring("java/".length());
                    out.put(stage.folder() + "/src/main/java/" + rest, render(source, new Variant(stage, false)));
                    out.put("solutions/" + stage.folder() + "/src/main/java/" + rest, render(source, new Variant(stage, true)));
                } else if (source.startsWith("www/")) {
                    byte[] starter = render(source, new Variant(stage, false));
                    if (!Arrays.equals(starter, render(source, new Variant(stage, true)))) {
                        throw new IllegalStateException(source + ": www files are shared by starter and solution; no task blocks there");
                    }
                    out.put(stage.folder() + "/" + source, starter);
                } else {
                    throw new IllegalStateException("manifest: " + source + " is neither under java/ nor www/");
                }
            }
        }
        return out;
    }

    /** Files in the generated folders that the source does not produce. */
    private List<String> unexpectedFiles() {
        Map<String, byte[]> expected = expected();
        TreeSet<String> extra = new TreeSet<>();
        for (Stage stage : stages) {
            for (String folder : List.of(stage.folder() + "/src/main/java", stage.folder() + "/www",
                                         "solutions/" + stage.folder() + "/src/main/java")) {
                Path dir = root.resolve(folder);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !expected.containsKey(p))
                        .forEach(extra::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ArrayList<>(extra);
    }

    /** The lines of one source file that belong to one variant, marker lines removed. */
    byte[] render(String source, Variant variant) {
        byte[] bytes = read(root.resolve("solutions/source").resolve(source));
        if (!isText(bytes)) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        StringBuilder out = new StringBuilder();
        Deque<Block> open = new ArrayDeque<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                applyMarker(marker.group(1), open, source + ":" + (i + 1));
                continue;
            }
            if (ALMOST_MARKER.matcher(line).matches()) {
                throw new IllegalStateException(source + ":" + (i + 1) + ": '" + line.strip()
                    + "' looks like a marker, but a marker has no space before its @ (//@ task 02)");
            }
            if (open.stream().allMatch(block -> block.keeps(variant))) {
                out.append(line);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(source + ": a block is never closed with '@ end'");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An open marker block. For a task, {@code inStarterPart} is true after its "starter" line. */
    private static final class Block {
        final String kind;
        final Range range;
        boolean inStarterPart;

        Block(String kind, Range range) {
            this.kind = kind;
            this.range = range;
        }

        boolean keeps(Variant v) {
            int n = v.stage().number();
            if (kind.equals("stage")) {
                return range.contains(n);
            }
            // A task: the solution has it from its first stage; starters have it once it is old work.
            if (inStarterPart) {
                return !v.solution() && n == range.from();
            }
            return range.contains(n) && (v.solution() || n > range.from());
        }
    }

    private void applyMarker(String words, Deque<Block> open, String where) {
        String[] parts = words.split("\\s+", 2);
        switch (parts[0]) {
            case "stage", "task" -> {
                if (parts.length < 2) {
                    throw new IllegalStateException(where + ": '@ " + parts[0] + "' needs a stage range");
                }
                // A task stays solved in later stages unless its range says otherwise: "task 03" means 03+.
                String range = parts[0].equals("task") && parts[1].matches("\\d+") ? parts[1] + "+" : parts[1];
                open.push(new Block(parts[0], Range.parse(range, stages.size())));
            }
            case "starter" -> {
                if (open.isEmpty() || !open.peek().kind.equals("task") || open.peek().inStarterPart) {
                    throw new IllegalStateException(where + ": '@ starter' belongs inside a '@ task' block");
                }
                open.peek().inStarterPart = true;
            }
            case "end" -> {
                if (open.isEmpty()) {
                    throw new IllegalStateException(where + ": '@ end' without an open block");
                }
                open.pop();
            }
            default -> throw new IllegalStateException(where + ": unknown marker '@ " + words + "'");
        }
    }

    private void readManifest() {
        Path manifest = root.resolve("solutions/source/manifest.txt");
        for (String raw : new String(read(manifest), StandardCharsets.UTF_8).split("\\R")) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("stages:")) {
                for (String folder : line.substring("stages:".length()).trim().split("\\s+")) {
                    stages.add(new Stage(stages.size() + 1, folder));
                }
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("manifest: expected 'path range', got: " + raw);
            }
            files.put(parts[0], Range.parse(parts[1], stages.size()));
        }
        if (stages.isEmpty()) {
            throw new IllegalStateException("manifest: no 'stages:' line before the files");
        }
    }

    List<Stage> stages() {
        return List.copyOf(stages);
    }

    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes), java.nio.CharBuffer.allocate(bytes.length), true).isUnderflow();
    }

    private static boolean sameContent(byte[] onDisk, byte[] expected) {
        return Arrays.equals(onDisk, expected)
            || (isText(onDisk) && new String(onDisk, StandardCharsets.UTF_8).replace("\r\n", "\n")
                   .equals(new String(expected, StandardCharsets.UTF_8)));
    }

    private static String firstDifference(byte[] onDisk, byte[] expected) {
        if (!isText(onDisk) || !isText(expected)) {
            return " (binary)";
        }
        String[] a = new String(onDisk, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1);
        String[] b = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return " at line " + (i + 1) + ": on disk '" + left.strip() + "', from source '" + right.strip() + "'";
            }
        }
        return "";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
