package checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a stage's checkpoints against the server under test and records each result; cleans up
 * (processes and files) at the end.
 *
 * <p>Checkpoints that mostly wait run on other copies of the server, beside the others (see
 * {@link Lane} and {@link Checkpoint.Server}); {@link #startAll} starts every lane at once, and
 * {@link #run} hands out each result when it is ready. Each lane runs its checkpoints in the
 * stage's order.
 */
public final class CheckpointRun implements AutoCloseable {

    /** No checkpoint may take longer than this, whatever the server does. */
    static final long CHECKPOINT_LIMIT_SECONDS = 30;
    static final int OUTPUT_LINES_SHOWN = 12;

    private final Target target;
    private final Path workDir;
    private final List<Checkpoint> checkpoints;
    /** One lane for each copy of the server; a lane starts its server when its first checkpoint needs it. */
    private final Map<Checkpoint.Server, Lane> lanes = new EnumMap<>(Checkpoint.Server.class);
    private final Map<Checkpoint, Future<Result>> started = new HashMap<>();
    private final List<Result> results = new ArrayList<>();
    /** The look of a failure in which the response came and the server left the connection open. */
    static final String LEFT_OPEN = "the connection left open after a response";
    /** How many exchanges of the run got no answer at all within the whole limit (see {@link #waitLessForAnswers}). */
    private int noAnswers;
    /** The first checkpoint that failed with each look (see {@link #noteFailure}). */
    private final Map<String, String> firstFailureByLook = new HashMap<>();

    /**
     * The seed of this run's fresh names and values: new each run, or -Dcheckpoints.seed=N (from
     * checkpoint-report.json's "seed") to run with the same ones again, for a report that is hard
     * to reproduce.
     */
    private final long seed;
    private final long startNanos = System.nanoTime();
    private long lastFinishedNanos; // guarded by this: when a lane last finished a checkpoint

    public CheckpointRun(Target target) {
        target.verify();
        this.target = target;
        this.seed = seedOfThisRun();
        this.checkpoints = Stages.checkpointsFor(target.stage());
        try {
            // The real path: on macOS the temporary folder is behind a link (/var -> /private/var), on
            // Windows it may be a short name (ADALOV~1). A server that compares a file's real path with
            // its root's path as given would fail on the student's machine and pass on Linux, where
            // grading runs (classroom.yml, regrade.sh): the same verdict everywhere is worth more.
            this.workDir = Files.createTempDirectory("checkpoints-" + target.folder() + "-").toRealPath();
            for (Checkpoint.Server server : Checkpoint.Server.values()) {
                String name = server.name().toLowerCase(Locale.ROOT);
                lanes.put(server, new Lane(name, target, Files.createDirectory(workDir.resolve(name)), seed));
            }
        } catch (IOException e) {
            throw new HarnessProblem("cannot create a temporary folder", e);
        }
    }

    private static long seedOfThisRun() {
        String given = System.getProperty("checkpoints.seed", "").strip();
        if (given.isEmpty()) {
            return System.nanoTime();
        }
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dcheckpoints.seed takes the whole number of a report's \"seed\", not '" + given + "'");
        }
    }

    public long seed() {
        return seed;
    }

    public Target target() {
        return target;
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** The results so far, in the stage's order of checkpoints. */
    public synchronized List<Result> results() {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(r -> checkpoints.indexOf(r.checkpoint())));
        return sorted;
    }

    /** Starts every checkpoint of the stage, each on its lane; {@link #run} then collects them. */
    public void startAll() {
        start(checkpoints);
    }

    /** Starts these checkpoints, each on its lane, in this order; {@link #run} then collects them. */
    public synchronized void start(List<Checkpoint> some) {
        some.forEach(this::start);
    }

    private synchronized Future<Result> start(Checkpoint checkpoint) {
        return started.computeIfAbsent(checkpoint,
            c -> lanes.get(c.server()).submit(c, this));
    }

    /**
     * The result of one checkpoint, run now if {@link #startAll} did not start it already; waits
     * for it, records it and never throws.
     */
    public Result run(Checkpoint checkpoint) {
        Result result;
        try {
            result = start(checkpoint).get();
        } catch (ExecutionException e) {
            result = new Result(checkpoint, Result.Status.HARNESS_PROBLEM, String.valueOf(e.getCause()),
                "the checkpoint's lane failed: " + e.getCause(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(checkpoint, Result.Status.HARNESS_PROBLEM, "interrupted", "interrupted", 0);
        }
        synchronized (this) {
            if (result.alike() != null) {
                String first = noteFailure(result.alike().look(), checkpoint.id());
                result = first.equals(checkpoint.id()) ? result : result.pointingTo(first);
            }
            results.add(result);
        }
        return result;
    }

    /** Called by a lane when it has finished a checkpoint (see {@link #millis}). */
    synchronized void noteFinished() {
        lastFinishedNanos = System.nanoTime();
    }

    /**
     * The run's wall time so far, from its start to the end of the last checkpoint a lane finished:
     * what a student waits for the checkpoints (less than the sum of theirs, which overlap).
     */
    public synchronized long millis() {
        return lastFinishedNanos == 0 ? 0 : (lastFinishedNanos - startNanos) / 1_000_000;
    }

    /**
     * Records a failure by what it looks like ({@code look}: {@link #LEFT_OPEN}, or what was found
     * and the server's lines during the checkpoint); returns the first checkpoint of the run that failed this way
     * (perhaps this one). The later ones get a short report pointing to its full one.
     */
    synchronized String noteFailure(String look, String checkpoint) {
        return firstFailureByLook.computeIfAbsent(look, l -> checkpoint);
    }

    /**
     * The first checkpoint that saw the server leave a connection open, or null: from then on the
     * exchanges wait less for a close (Probe.LEFT_OPEN_LIMIT).
     */
    synchronized String connectionLeftOpenBy() {
        return firstFailureByLook.get(LEFT_OPEN);
    }

    /** Notes an exchange that got no answer at all within {@link Probe#EXCHANGE_LIMIT}. */
    synchronized void noteNoAnswer() {
        noAnswers++;
    }

    /**
     * Whether exchanges now wait {@link Probe#NO_ANSWER_LIMIT} for an answer: after two that got
     * none within the whole limit. One alone may be a busy machine that stalled a moment.
     */
    synchronized boolean waitLessForAnswers() {
        return noAnswers >= 2;
    }

    /** A folder of this run for a checkpoint's own files; removed at the end. */
    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        lanes.values().forEach(Lane::close);
        ServerSources.deleteTree(workDir);
    }
}
