package checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One copy of the server under test and the checkpoints that talk to it, one after another.
 *
 * <p>A run has a lane for each {@link Checkpoint.Server}. The student's server serves one client at
 * a time, so a checkpoint that mostly waits (a request sent in pieces with pauses, a silent client
 * held open until the server's read timeout) would hold up every checkpoint after it. Those run on
 * another lane, with another copy of the server and a web root of its own, beside the others: the
 * checkpoints take as long as the longest lane, about the read timeout, not the sum of the waits.
 *
 * <p>The server of a lane is started on first use and started again if a checkpoint left it
 * stopped; a server that does not start is not tried again.
 */
final class Lane implements AutoCloseable {

    private final String name;
    private final Target target;
    private final Path workDir;
    private final long seed;
    /** Runs this lane's checkpoints in order, and waits for each at most the checkpoint limit. */
    private final ExecutorService coordinator;
    /** Runs one checkpoint's code, so that the coordinator can give up on it. */
    private final ExecutorService checker;
    private ServerProcess server;
    private Failure startFailure;
    private boolean restarted;
    private boolean closed; // see close: no new server after it
    /**
     * The server the running checkpoint talks to and how many lines it had printed when the
     * checkpoint began (or 0, for a server started during the checkpoint): its report shows the
     * lines printed after that. The lane runs one checkpoint at a time on its own server, so those
     * are this checkpoint's lines.
     */
    private ServerProcess markedServer;
    private int mark;
    /**
     * Whether the checkpoint before may have left the server printing after it passed (see
     * {@link Probe#serverMayStillPrint}): then the next one waits a moment for those lines first.
     */
    private boolean settleFirst;
    /**
     * How many checkpoints in a row passed without the server's line about their last request
     * coming in time (see attempt). After two, the lane stops waiting for such lines: a server
     * that logs nothing would cost every checkpoint the wait. One alone may be a busy machine.
     */
    private int linesMissedInARow;
    /**
     * The server and its count of lines when a checkpoint passed without its line about the last
     * request (null after one that had it): a line that comes after all was late, not missing,
     * and the lane waits for such lines again.
     */
    private ServerProcess missedOn;
    private int linesWhenMissed;
    private Path root;
    private Fixture fixture;
    /** False once a server of this lane outlived a long wait for its exit (see Probe.serverGone). */
    private volatile boolean mayWaitLongForExit = true;
    /** The server that was still running after a failed exchange, once one was (see Probe.serverGone). */
    private volatile ServerProcess ranOnAfterAFailure;

    Lane(String name, Target target, Path workDir, long seed) {
        this.name = name;
        this.target = target;
        this.workDir = workDir;
        this.seed = seed;
        this.coordinator = Executors.newSingleThreadExecutor(daemon(name + "-lane"));
        this.checker = Executors.newSingleThreadExecutor(daemon(name + "-checkpoint"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** Queues the checkpoint behind the ones already given to this lane; the result comes later. */
    Future<Result> submit(Checkpoint checkpoint, CheckpointRun run) {
        return coordinator.submit(() -> {
            long start = System.nanoTime();
            Result result = attempt(checkpoint, run);
            run.noteFinished();
            return new Result(checkpoint, result.status(), result.message(), result.summary(),
                (System.nanoTime() - start) / 1_000_000, result.alike());
        });
    }

    private Result attempt(Checkpoint checkpoint, CheckpointRun run) {
        Probe probe = new Probe(run, this, checkpoint.id(), new Random(seed ^ checkpoint.id().hashCode()));
        restarted = false;
        if (missedOn != null && missedOn == server && server.linesPrinted() > linesWhenMissed) {
            linesMissedInARow = 0; // the line came late: this server does log, so wait for its lines again
        }
        missedOn = null;
        markOutput(settleFirst);
        settleFirst = true; // unless the checkpoint passes with the server's answer and close (below)
        Future<?> running = checker.submit(() -> {
            checkpoint.check().run(probe);
            return null;
        });
        try {
            running.get(CheckpointRun.CHECKPOINT_LIMIT_SECONDS, TimeUnit.SECONDS);
            settleFirst = probe.serverMayStillPrint();
            if (!settleFirst) {
                // No need to wait for the server to go quiet, only for its line about the last
                // request; a server that printed none twice in a row is not waited for again,
                // unless a line turns up late (above).
                boolean lineCame = linesMissedInARow < 2 ? probe.awaitLineAboutLastRequest() : probe.lineAboutLastRequestCame();
                linesMissedInARow = lineCame ? 0 : linesMissedInARow + 1;
                if (!lineCame && server != null) {
                    missedOn = server;
                    linesWhenMissed = server.linesPrinted();
                }
            }
            return new Result(checkpoint, Result.Status.PASSED, null, null, 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Failure failure) {
                settleFirst = false; // its report waited for the server to go quiet
                Failure.ServerLines printed = outputShown();
                // A failure that looks like one before (a connection left open, or the same answer,
                // the same hint and the same lines from the server during the checkpoint) gets a short
                // report: one full report is enough. The hint too: the stage 07 starter answers every
                // post 405, and "same as 07.body-in-pieces" would send the student to a hint about
                // pieces for a missing 411. All the lines, not the last alone: "POST /guestbook -> 500"
                // ends many reports, and the lines before it say which exception it was. The paths of
                // the log lines are left out: many checkpoints ask for fresh paths of their own, and a
                // wrong Content-Length fails four checkpoints of stage 01 with the same answer.
                String leftOpenFirst = failure.showsConnectionLeftOpen() ? run.connectionLeftOpenBy() : null;
                boolean leftOpenAgain = leftOpenFirst != null && !leftOpenFirst.equals(checkpoint.id());
                // Which of the failures alike gets the full report is decided as the results are
                // collected, in the stage's order (CheckpointRun.run), not here: the lanes finish in
                // any order, and the full report should come before the short ones that point to it.
                List<String> said = linesAboutRequests().stream().map(Lane::withoutPath).distinct().toList();
                if (leftOpenAgain) {
                    failure.completeAsLeftOpenAgain(checkpoint, leftOpenFirst);
                    return new Result(checkpoint, Result.Status.FAILED, failure.getMessage(), firstLine(failure.found()), 0);
                }
                failure.complete(checkpoint, printed, restarted
                    ? "an earlier checkpoint left the server stopped, so it was started again for this one" : null);
                Result.Alike alike = said.isEmpty() || restarted ? null
                    : new Result.Alike(failure.found() + "\n" + failure.hint() + "\n" + String.join("\n", said),
                        firstId -> failure.sameAsReport(checkpoint, firstId, printed));
                return new Result(checkpoint, Result.Status.FAILED, failure.getMessage(), firstLine(failure.found()), 0, alike);
            }
            HarnessProblem problem = cause instanceof HarnessProblem h ? h
                : new HarnessProblem("checkpoint " + checkpoint.id() + " crashed: " + cause, cause);
            return new Result(checkpoint, Result.Status.HARNESS_PROBLEM, stackTraceOf(problem), problem.getMessage(), 0);
        } catch (TimeoutException e) {
            running.cancel(true);
            long limit = CheckpointRun.CHECKPOINT_LIMIT_SECONDS;
            Failure failure = Failure.of("the checkpoint to finish within " + limit + " seconds",
                "it was still waiting for the server after " + limit + " seconds",
                "The server stopped answering. Is it stuck in a loop, or waiting for bytes that never come?");
            failure.complete(checkpoint, outputShown(), null);
            stopServer(); // a stuck server would only slow down the checkpoints after this one
            return new Result(checkpoint, Result.Status.FAILED, failure.getMessage(), firstLine(failure.found()), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(checkpoint, Result.Status.HARNESS_PROBLEM, "interrupted", "interrupted", 0);
        }
    }

    /** This lane's server, started if it is not running (see the class comment). */
    synchronized ServerProcess server() {
        if (closed) {
            // a checkpoint given up on (its time ran out) may still be running: it must not start a
            // server that nothing would stop, in a folder that is being removed
            throw new HarnessProblem("the " + name + " lane is closed");
        }
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
        markedServer = server; // started during this checkpoint: all its lines are this checkpoint's
        mark = 0;
        return server;
    }

    /** The server if one was started, running or not. */
    synchronized ServerProcess currentServer() {
        return server;
    }

    /** The web root this lane's server serves, made fresh for this run (from stage 02 on). */
    synchronized Path root() {
        if (root == null) {
            // Not "www": the server runs in workDir, and a server that reads "www/..." instead of its
            // --root would find the files all the same.
            root = workDir.resolve("webroot");
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new HarnessProblem("cannot create the web root " + root, e);
            }
            // The same seed in every lane: the same files, so a checkpoint expects the same on any of them.
            fixture = Fixture.create(target.stage(), root, workDir, new Random(seed));
        }
        return root;
    }

    boolean mayWaitLongForExit() {
        return mayWaitLongForExit;
    }

    void noLongWaitsForExit() {
        mayWaitLongForExit = false;
    }

    boolean ranOnAfterAFailure(ServerProcess server) {
        return ranOnAfterAFailure == server;
    }

    void notedRunningAfterAFailure(ServerProcess server) {
        ranOnAfterAFailure = server;
    }

    /** The files in the web root: what the checkpoints expect back. */
    synchronized Fixture fixture() {
        root();
        return fixture;
    }

    /**
     * Notes where the server's output stands as a checkpoint begins (see {@link #markedServer}).
     * With {@code settle}, first waits until the server has printed nothing for 20 ms, so that the
     * lines an earlier checkpoint caused last are not counted as this one's: 50 ms for a server
     * started less than a second ago, whose first lines are slow (its JVM is still loading classes).
     */
    private void markOutput(boolean settle) {
        ServerProcess current = currentServer();
        if (settle && current != null && current.isAlive()) {
            current.awaitQuiet(current.age().toMillis() < 1000 ? 50 : 20, 300);
        }
        synchronized (this) {
            markedServer = server;
            mark = server == null ? 0 : server.linesPrinted();
        }
    }

    /**
     * What the server printed during the running checkpoint, and its last lines before it (which
     * the report shows only when it printed nothing during it).
     */
    Failure.ServerLines outputShown() {
        Marked marked = marked();
        if (marked.server() == null) {
            return Failure.ServerLines.NONE;
        }
        List<String> during = marked.server().linesSince(marked.from());
        return new Failure.ServerLines(during, marked.server().linesPrinted() - marked.from(),
            marked.server().linesBefore(marked.from(), Failure.ServerLines.EARLIER_SHOWN));
    }

    /** A log line without its path, "GET /kittens -> 200" as "GET -> 200"; any other line as it is. */
    static String withoutPath(String line) {
        return line.replaceFirst("^([A-Z]+) \\S+ -> ([0-9]{3})$", "$1 -> $2");
    }

    /**
     * What the server printed during the running checkpoint after it started (its start-up lines,
     * such as its address, say nothing about a request): what tells two failures apart. Called
     * right after {@link #outputShown}, which waited for the server to go quiet.
     */
    private List<String> linesAboutRequests() {
        Marked marked = marked();
        return marked.server() == null ? List.of()
            : marked.server().keptLinesSince(Math.max(marked.from(), marked.server().startupLines()));
    }

    /** The lane's server, or null, and the number of its first line printed during the running checkpoint. */
    private record Marked(ServerProcess server, int from) {
    }

    /** The server and where the running checkpoint's lines begin, read together (see {@link #markedServer}). */
    private synchronized Marked marked() {
        return new Marked(server, server != null && server == markedServer ? mark : 0);
    }

    private synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        coordinator.shutdownNow();
        checker.shutdownNow();
        try {
            // a checkpoint stuck in a socket's read ends when its server is stopped below, or by
            // its own timeout; wait a moment for it, so that nothing of this run outlives it
            stopServer();
            checker.awaitTermination(5, TimeUnit.SECONDS);
            coordinator.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopServer(); // in case a checkpoint started one after all
    }

    @Override
    public String toString() {
        return name + " lane";
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
