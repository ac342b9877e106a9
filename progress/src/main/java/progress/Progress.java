package progress;

import checkpoints.Stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every stage's {@code target/checkpoint-report.json} written by this build and prints
 * one table: stage, checkpoints passed (its own, and with the earlier ones its run re-checks),
 * points (each checkpoint counted once, in the stage that introduces it). Then it names the first checkpoint to fix and
 * the command that shows its details, and writes {@code target/progress.json} and
 * {@code target/progress.csv} at the root of the workbook for grading.
 *
 * <p>Run it through Maven ({@code ./mvnw -q verify -Pprogress}), which first runs every stage.
 *
 * <p>An assignment may grade from a later stage on ({@code HandOut --grade-from 03}, which sets
 * {@code progress.from} in progress/pom.xml): the stages before it are left out of the table, and
 * the first graded stage's points are those of its whole run, since its server must pass the
 * earlier stages' checkpoints too. The maximum is then the one GitHub Classroom's workflow has.
 */
public final class Progress {

    /** The Maven wrapper as a Windows user types it (the README says so) or as everyone else does. */
    private static final String MVNW = System.getProperty("os.name", "").startsWith("Windows") ? ".\\mvnw.cmd" : "./mvnw";

    /** One checkpoint as the report gives it, with the stage that introduced it and its points. */
    record Checkpoint(String id, String title, int stage, int points, boolean passed) {}

    /**
     * One stage's row: {@code ran} is false when this build wrote no report for it; {@code
     * firstGraded} is true for the first graded stage of an assignment that grades from a later
     * stage on, whose points include the earlier stages' checkpoints.
     */
    record Row(String stage, boolean ran, int passed, int total, int points, int maxPoints, List<Checkpoint> checkpoints,
               boolean firstGraded) {
        boolean done() {
            return ran && total > 0 && passed == total;
        }

        Checkpoint firstFailing() {
            return checkpoints.stream().filter(c -> !c.passed()).findFirst().orElse(null);
        }

        /** The checkpoints this stage introduces (the others re-check earlier stages); all, for the first graded. */
        List<Checkpoint> own() {
            int number = Stages.number(stage);
            return checkpoints.stream().filter(c -> counted(c.stage(), number)).toList();
        }

        /** Whether a checkpoint of stage {@code since} counts in this row, the row of stage {@code number}. */
        boolean counted(int since, int number) {
            return since == number || (firstGraded && since < number);
        }

        /** How many checkpoints count in this row (from the suites, for a stage that did not run). */
        int ownCount() {
            int number = Stages.number(stage);
            return ran ? own().size()
                : (int) Stages.checkpointsFor(number).stream().filter(c -> counted(c.since(), number)).count();
        }

        /**
         * The points of this stage's own checkpoints that passed. Each checkpoint counts once, in
         * the stage that introduces it, so a total over all stages counts nothing twice.
         */
        int ownPoints() {
            return own().stream().filter(Checkpoint::passed).mapToInt(Checkpoint::points).sum();
        }

        /** What this stage's own checkpoints are worth (from its report; if it did not run, from the suites). */
        int ownMaxPoints() {
            if (ran) {
                return own().stream().mapToInt(Checkpoint::points).sum();
            }
            int number = Stages.number(stage);
            return Stages.checkpointsFor(number).stream().filter(c -> counted(c.since(), number))
                .mapToInt(c -> c.points()).sum();
        }
    }

    private Progress() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].matches("[0-9]{1,2}"))) {
            System.err.println("usage: Progress WORKBOOK_ROOT BUILD_START [FIRST_GRADED_STAGE]"
                + " (an ISO instant such as 2026-11-24T05:00:00Z; a stage number such as 03, 01 if left out)");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        // A report older than this build is from an earlier run: the stage did not run this time.
        Instant buildStart = Instant.parse(args[1]).minusSeconds(2);
        int from = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        List<Row> rows = new ArrayList<>();
        for (String stage : Stages.FOLDERS) {
            if (Files.isDirectory(root.resolve(stage)) && Stages.number(stage) >= from) {
                boolean firstGraded = rows.isEmpty() && Stages.number(stage) > 1;
                rows.add(read(stage, root.resolve(stage).resolve("target/checkpoint-report.json"), buildStart, firstGraded));
            }
        }
        System.out.print(table(rows));
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/progress.json"), json(root, rows), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("target/progress.csv"), csv(root, rows), StandardCharsets.UTF_8);
        System.out.println("  Written: target/progress.json and target/progress.csv");
    }

    static Row read(String stage, Path report, Instant buildStart) throws IOException {
        return read(stage, report, buildStart, false);
    }

    static Row read(String stage, Path report, Instant buildStart, boolean firstGraded) throws IOException {
        if (!Files.exists(report) || Files.getLastModifiedTime(report).toInstant().isBefore(buildStart)) {
            List<checkpoints.Checkpoint> all = Stages.checkpointsFor(Stages.number(stage));
            return new Row(stage, false, 0, all.size(), 0, all.stream().mapToInt(checkpoints.Checkpoint::points).sum(), List.of(),
                firstGraded);
        }
        String json = Files.readString(report, StandardCharsets.UTF_8);
        List<Checkpoint> checkpoints = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\": \"([^\"]*)\", \"title\": \"((?:[^\"\\\\]|\\\\.)*)\", \"stage\": (\\d+)"
            + ", \"points\": (\\d+).*?\"passed\": (true|false)").matcher(json);
        while (m.find()) {
            checkpoints.add(new Checkpoint(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Boolean.parseBoolean(m.group(5))));
        }
        return new Row(stage, true, number(json, "passed"), number(json, "total"), number(json, "points"),
            number(json, "maxPoints"), checkpoints, firstGraded);
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("\nProgress over all stages\n");
        out.append(String.format("  %-22s %-10s %-18s %-9s%n", "stage", "its own", "with earlier ones", "points"));
        for (Row row : rows) {
            String points = row.ownPoints() + "/" + row.ownMaxPoints();
            if (!row.ran()) {
                out.append(String.format("  %-22s %-10s %-18s %-9s %s%n", row.stage(), "0 of " + row.ownCount(), "0 of " + row.total(),
                    points, "did not run: does it compile? " + MVNW + " test -pl " + row.stage()));
                continue;
            }
            long ownPassed = row.own().stream().filter(Checkpoint::passed).count();
            out.append(String.format("  %-22s %-10s %-18s %-9s %s%n", row.stage(), ownPassed + " of " + row.own().size(),
                row.passed() + " of " + row.total(), points, row.done() ? "done" : ""));
        }
        out.append(String.format("  %-22s %-10s %-18s %-9s%n", "total", "", "", ownPoints(rows) + "/" + ownMaxPoints(rows)));
        if (!rows.isEmpty() && rows.get(0).firstGraded()) {
            out.append("  (this assignment grades from ").append(rows.get(0).stage()).append(" on: its row counts the earlier")
                .append("\n   stages' checkpoints too, which its server must pass; each later one, its own)\n");
        } else {
            out.append("  (points: each checkpoint counts once, in the stage that introduces it)\n");
        }
        Row next = rows.stream().filter(r -> !r.done()).findFirst().orElse(null);
        if (next == null) {
            out.append("\n  Every stage passes all its checkpoints.\n");
        } else if (next.ran() && next.firstFailing() != null) {
            Checkpoint c = next.firstFailing();
            out.append("\n  Next to fix: ").append(c.id()).append(": ").append(c.title()).append('\n');
            out.append("  See why:     " + MVNW + " test -pl ").append(next.stage()).append('\n');
        } else {
            out.append("\n  Next: ").append(next.stage()).append(" did not run. See why: " + MVNW + " test -pl ")
                .append(next.stage()).append('\n');
        }
        return out.toString();
    }

    static int ownPoints(List<Row> rows) {
        return rows.stream().mapToInt(Row::ownPoints).sum();
    }

    static int ownMaxPoints(List<Row> rows) {
        return rows.stream().mapToInt(Row::ownMaxPoints).sum();
    }

    /**
     * Every stage's row. Per stage, "points" and "maxPoints" are those of its whole run (as in its
     * checkpoint-report.json, earlier stages' checkpoints included); "ownPoints" and
     * "ownMaxPoints" count only its own checkpoints (for the first graded stage of an assignment
     * graded from a later stage on: its whole run). The totals at the end count each checkpoint
     * once.
     */
    static String json(Path root, List<Row> rows) {
        StringBuilder out = new StringBuilder("{\n  \"repository\": \"" + escape(repositoryName(root)) + "\",\n  \"stages\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Checkpoint first = r.firstFailing();
            out.append(i == 0 ? "\n" : ",\n")
                .append("    {\"stage\": \"").append(r.stage()).append('"')
                .append(", \"ran\": ").append(r.ran())
                .append(", \"passed\": ").append(r.passed())
                .append(", \"total\": ").append(r.total())
                .append(", \"points\": ").append(r.points())
                .append(", \"maxPoints\": ").append(r.maxPoints())
                .append(", \"ownPoints\": ").append(r.ownPoints())
                .append(", \"ownMaxPoints\": ").append(r.ownMaxPoints())
                .append(", \"done\": ").append(r.done())
                .append(", \"firstFailing\": ").append(first == null ? "null" : "\"" + escape(first.id()) + "\"")
                .append('}');
        }
        out.append("\n  ],\n  \"points\": ").append(ownPoints(rows))
            .append(",\n  \"maxPoints\": ").append(ownMaxPoints(rows)).append("\n}\n");
        return out.toString();
    }

    /**
     * A header and one row, to import into a gradebook: the repository, each stage's points for its
     * own checkpoints, the total and the maximum.
     */
    static String csv(Path root, List<Row> rows) {
        StringBuilder header = new StringBuilder("repository");
        StringBuilder row = new StringBuilder(quoteCsv(repositoryName(root)));
        for (Row r : rows) {
            header.append(',').append(r.stage());
            row.append(',').append(r.ownPoints());
        }
        header.append(",total,max\n");
        row.append(',').append(ownPoints(rows)).append(',').append(ownMaxPoints(rows)).append('\n');
        return header.append(row).toString();
    }

    private static String repositoryName(Path root) {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return name == null ? "workbook" : name.toString();
    }

    private static int number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String quoteCsv(String text) {
        return text.matches("[A-Za-z0-9._-]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
