package checkpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a stage's checkpoints against one server: starts it on first use, restarts it if a
 * checkpoint left it stopped, records each result, and cleans up (process and files) at the end.
 */
public final class CheckpointRun implements AutoCloseable {

    /** No checkpoint may take longer than this, whatever the server does. */
    static final long CHECKPOINT_LIMIT_SECONDS = 30;
    private static final int OUTPUT_LINES_SHOWN = 12;

    private final Target target;
    private final Path workDir;
    private final long seed = System.nanoTime();
    private final List<Result> results = new ArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "checkpoint");
        t.setDaemon(true);
        return t;
    });
    private ServerProcess server;
    private Failure startFailure;
    private boolean restarted;
    private Path root;
    private Fixture fixture;

    public CheckpointRun(Target target) {
        target.verify();
        this.target = target;
        try {
            this.workDir = Files.createTempDirectory("checkpoints-" + target.folder() + "-");
        } catch (IOException e) {
            throw new HarnessProblem("cannot create a temporary folder", e);
        }
    }

    public Target target() {
        return target;
    }

    public List<Checkpoint> checkpoints() {
        return Stages.checkpointsFor(target.stage());
    }

    public List<Result> results() {
        return List.copyOf(results);
    }

    /** Runs one checkpoint and records the result; never throws. */
    public Result run(Checkpoint checkpoint) {
        long start = System.nanoTime();
        Result result = attempt(checkpoint);
        result = new Result(checkpoint, result.status(), result.message(), result.summary(),
            (System.nanoTime() - start) / 1_000_000);
        results.add(result);
        return result;
    }

    private Result attempt(Checkpoint checkpoint) {
        Probe probe = new Probe(this, new Random(seed ^ checkpoint.id().hashCode()));
        restarted = false;
        Future<?> running = worker.submit(() -> {
            checkpoint.check().run(probe);
            return null;
        });
        try {
            running.get(CHECKPOINT_LIMIT_SECONDS, TimeUnit.SECONDS);
            return new Result(checkpoint, Result.Status.PASSED, null, null, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Failure failure) {
                failure.complete(checkpoint, outputShown(), restarted
                    ? "an earlier checkpoint left the server stopped, so it was started again for this one" : null);
                return new Result(checkpoint, Result.Status.FAILED, failure.getMessage(), firstLine(failure.found()), 0);
            }
            HarnessProblem problem = cause instanceof HarnessProblem h ? h
                : new HarnessProblem("checkpoint " + checkpoint.id() + " crashed: " + cause, cause);
            return new Result(checkpoint, Result.Status.HARNESS_PROBLEM, stackTraceOf(problem), problem.getMessage(), 0);
        } catch (TimeoutException e) {
            running.cancel(true);
            Failure failure = Failure.of("the checkpoint to finish within " + CHECKPOINT_LIMIT_SECONDS + " seconds",
                "it was still waiting for the server after " + CHECKPOINT_LIMIT_SECONDS + " seconds",
                "The server stopped answering. Is it stuck in a loop, or waiting for bytes that never come?");
            failure.complete(checkpoint, outputShown(), null);
            stopServer(); // a stuck server would only slow down the checkpoints after this one
            return new Result(checkpoint, Result.Status.FAILED, failure.getMessage(), firstLine(failure.found()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(checkpoint, Result.Status.HARNESS_PROBLEM, "interrupted", "interrupted", 0);
        }
    }

    /** The server under test, started if it is not running (see the class comment). */
    synchronized ServerProcess server() {
        if (startFailure != null) {
            throw startFailure; // it did not start before; trying again would only cost another wait
        }
        if (server != null && server.isAlive()) {
            return server;
        }
        if (server != null) {
            restarted = true;
            server.close();
        }
        List<String> arguments = new ArrayList<>(List.of("--port", "0"));
        if (target.stage() >= 2) {
            arguments.addAll(List.of("--root", root().toString()));
        }
        try {
            server = ServerProcess.start(target.classes(), workDir, arguments);
        } catch (Failure failure) {
            startFailure = failure;
            throw failure;
        }
        return server;
    }

    /** The server if one was started, running or not. */
    synchronized ServerProcess currentServer() {
        return server;
    }

    /** The web root the server serves, made fresh for this run (from stage 02 on). */
    synchronized Path root() {
        if (root == null) {
            root = workDir.resolve("www");
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new HarnessProblem("cannot create the web root " + root, e);
            }
            fixture = Fixture.create(target.stage(), root, workDir, new Random(seed));
        }
        return root;
    }

    /** The files in the web root, made fresh for this run: what the checkpoints expect back. */
    synchronized Fixture fixture() {
        root();
        return fixture;
    }

    /** A folder of this run for a checkpoint's own files; removed at the end. */
    Path workDir() {
        return workDir;
    }

    private List<String> outputShown() {
        ServerProcess current = currentServer();
        return current == null ? List.of() : current.lastLines(OUTPUT_LINES_SHOWN);
    }

    private synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        stopServer();
        deleteRecursively(workDir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary file is not worth failing the run for
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String stackTraceOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
