package checkpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a run: a table for people and checkpoint-report.json for machines. */
public final class Report {

    private Report() {
    }

    public static int points(List<Result> results) {
        return results.stream().mapToInt(Result::earned).sum();
    }

    public static int maxPoints(List<Result> results) {
        return results.stream().mapToInt(r -> r.checkpoint().points()).sum();
    }

    public static long passed(List<Result> results) {
        return results.stream().filter(Result::passed).count();
    }

    /** A table: one row per checkpoint, grouped by the stage that introduced it, then the totals. */
    public static String table(Target target, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("\n").append("Checkpoints of ").append(target.folder()).append(" (").append(target.variant()).append(")\n");
        int width = results.stream().mapToInt(r -> r.checkpoint().id().length()).max().orElse(10);
        int stage = 0;
        for (Result r : results) {
            if (r.checkpoint().since() != stage) {
                stage = r.checkpoint().since();
                out.append(stage == target.stage() ? "  -- this stage --\n"
                                                   : "  -- still true from " + Stages.FOLDERS.get(stage - 1) + " --\n");
            }
            String mark = switch (r.status()) {
                case PASSED -> "pass";
                case FAILED -> "FAIL";
                case HARNESS_PROBLEM -> "HARNESS";
            };
            out.append(String.format("  %-7s %-" + width + "s  %2d/%-2d  %s%n", mark, r.checkpoint().id(),
                r.earned(), r.checkpoint().points(), r.checkpoint().title()));
        }
        out.append(String.format("  %d of %d checkpoints passed, %d of %d points%n",
            passed(results), results.size(), points(results), maxPoints(results)));
        List<Result> own = results.stream().filter(r -> r.checkpoint().since() == target.stage()).toList();
        if (own.size() < results.size()) {
            out.append(String.format("  this stage's own: %d of %d checkpoints, %d of %d points%n",
                passed(own), own.size(), points(own), maxPoints(own)));
        }
        // Earlier stages come first: what broke there usually explains what fails after it. A short
        // report only points to another checkpoint's full one: Next names that one.
        results.stream().filter(r -> !r.passed()).findFirst().map(first -> withFullReport(first, results))
            .ifPresent(next -> out.append(next.status() == Result.Status.HARNESS_PROBLEM
                ? String.format("  Next: %s went wrong in the checkpoints themselves, not in your code:%n"
                    + "        look for \"PROBLEM IN THE CHECKPOINT HARNESS\" above, and run the checkpoints again%n",
                    next.checkpoint().id())
                : String.format("  Next: %s, %s%n        (its report is above: look for \"FAILED %s\")%n",
                    next.checkpoint().id(), next.checkpoint().title(), next.checkpoint().id())));
        return out.toString();
    }

    /** The result whose full report a short one points to; the result itself if its report is full. */
    static Result withFullReport(Result result, List<Result> results) {
        String pointer = result.message() == null ? null : Failure.fullReportOf(result.message());
        return results.stream().filter(r -> r.checkpoint().id().equals(pointer)).findFirst().orElse(result);
    }

    /** Writes target/checkpoint-report.json. */
    public static Path writeJson(Target target, List<Result> results) {
        return writeJson(target, results, null, null);
    }

    /**
     * Writes target/checkpoint-report.json, with the run's seed (-Dcheckpoints.seed runs with it
     * again) and its wall time in milliseconds ({@link CheckpointRun#millis}).
     */
    public static Path writeJson(Target target, List<Result> results, Long seed, Long millis) {
        if (target.reportDir() == null) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"stage\": ").append(quote(target.folder())).append(",\n");
        json.append("  \"variant\": ").append(quote(target.variant())).append(",\n");
        if (seed != null) {
            json.append("  \"seed\": ").append(seed).append(",\n");
        }
        if (millis != null) {
            json.append("  \"millis\": ").append(millis).append(",\n");
        }
        json.append("  \"passed\": ").append(passed(results)).append(",\n");
        json.append("  \"total\": ").append(results.size()).append(",\n");
        json.append("  \"points\": ").append(points(results)).append(",\n");
        json.append("  \"maxPoints\": ").append(maxPoints(results)).append(",\n");
        json.append("  \"checkpoints\": [");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {")
                .append("\"id\": ").append(quote(r.checkpoint().id()))
                .append(", \"title\": ").append(quote(r.checkpoint().title()))
                .append(", \"stage\": ").append(r.checkpoint().since())
                .append(", \"points\": ").append(r.checkpoint().points())
                .append(", \"earned\": ").append(r.earned())
                .append(", \"passed\": ").append(r.passed())
                .append(", \"status\": ").append(quote(r.status().name()))
                .append(", \"millis\": ").append(r.millis())
                .append(", \"message\": ").append(r.message() == null ? "null" : quote(r.message()))
                .append("}");
        }
        json.append("\n  ]\n}\n");
        Path file = target.reportDir().resolve("checkpoint-report.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessProblem("cannot write " + file, e);
        }
        return file;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** A JSON string as {@link #quote} writes it, back to its text; the JSON null stays null. */
    public static String unquote(String json) {
        if (json.equals("null")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> text.append(next);
            }
        }
        return text.toString();
    }
}
