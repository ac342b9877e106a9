package checkpoints;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs a stage's checkpoints as JUnit tests, one test per checkpoint.
 *
 * <p>All checkpoints start at once, on up to three copies of the server (see {@link Lane}); each
 * test reports its checkpoint's result in the stage's order. They usually started already, when
 * JUnit opened its session ({@link EarlyStart}).
 *
 * <p>This class is compiled into every stage module's test build (see the root pom), and Maven
 * tells it which stage it is in through system properties. At the end it prints the table and
 * writes {@code target/checkpoint-report.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointsTest {

    /**
     * Set by -Pprogress: record each result in the report and do not fail, because that run
     * ends with one table over all stages instead. Grading runs never set it.
     */
    private static final boolean RECORD_ONLY = Boolean.getBoolean("checkpoints.recordOnly");

    private CheckpointRun run;

    @BeforeAll
    void startRun() {
        run = EarlyStart.take();
        if (run == null) {
            run = new CheckpointRun(Target.fromSystemProperties());
            run.startAll(); // every lane at once; each test below waits for its own checkpoint's result
        }
    }

    @TestFactory
    Stream<DynamicTest> checkpoints() {
        return run.checkpoints().stream().map(checkpoint -> DynamicTest.dynamicTest(
            checkpoint.id() + "  " + checkpoint.title() + "  (" + checkpoint.points() + " points)",
            () -> {
                Result result = run.run(checkpoint);
                switch (result.status()) {
                    case PASSED -> { }
                    case FAILED -> {
                        // The whole report once, here; JUnit and Maven get one line, not a second copy.
                        if (RECORD_ONLY) {
                            return;
                        }
                        System.out.println("\n" + result.message() + "\n");
                        throw new CheckpointFailed(checkpoint.id() + " failed: " + shortened(result.summary()) + " (report above)");
                    }
                    case HARNESS_PROBLEM -> {
                        // The message holds the harness's own stack trace: printed once, here, and
                        // not thrown, or JUnit would print it again inside a trace of its own.
                        System.out.println("\n" + result.message() + "\n");
                        throw new CheckpointFailed(checkpoint.id() + ": a problem in the checkpoint harness, not in your code (above)");
                    }
                }
            }));
    }

    @AfterAll
    void finishRun() {
        if (run == null) {
            return;
        }
        run.close();
        Path file = Report.writeJson(run.target(), run.results(), run.seed(), run.millis());
        if (!RECORD_ONLY) {
            System.out.println(Report.table(run.target(), run.results()));
            System.out.println("  Report: " + file);
        }
    }

    /**
     * Maven lists every failed test again under the table, one line each, so a line should fit a
     * terminal: the summary cut at a word, at most {@value #LISTED_SUMMARY_CHARS} characters.
     */
    static String shortened(String summary) {
        if (summary.length() <= LISTED_SUMMARY_CHARS) {
            return summary;
        }
        int cut = summary.lastIndexOf(' ', LISTED_SUMMARY_CHARS - 3);
        return summary.substring(0, cut > 0 ? cut : LISTED_SUMMARY_CHARS - 3).strip() + "...";
    }

    private static final int LISTED_SUMMARY_CHARS = 60;

    /** A failed checkpoint for JUnit; the report was already printed, so no stack trace either. */
    static final class CheckpointFailed extends AssertionError {
        private static final long serialVersionUID = 1L;

        CheckpointFailed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
