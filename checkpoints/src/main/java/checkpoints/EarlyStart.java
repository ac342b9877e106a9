package checkpoints;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a stage's checkpoints as soon as JUnit opens its session, before JUnit looks for tests.
 *
 * <p>Finding and preparing the tests takes JUnit about 0.2 s, and the checkpoints' longest wait
 * comes first in its lane: {@code 04.silent-client} holds a silent client until the server's read
 * timeout, a second. Started here, that wait runs while JUnit is still busy, and a student's
 * verdict comes about 0.15 s sooner (PERFORMANCE.md). {@link CheckpointsTest} takes the run
 * started here; where no session listener is called (some IDEs), it starts one itself.
 *
 * <p>JUnit finds this class through {@code META-INF/services} in the checkpoints' resources, which
 * every stage module adds to its test build (the root pom). In any other test run (the harness's
 * own tests, the proof) it does nothing.
 */
public final class EarlyStart implements LauncherSessionListener {

    private static CheckpointRun started; // guarded by EarlyStart.class

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Stages.FOLDERS.contains(System.getProperty("checkpoints.stage", ""))) {
            return; // not a stage module's test run
        }
        CheckpointRun run = null;
        try {
            run = new CheckpointRun(Target.fromSystemProperties());
            run.startAll();
        } catch (RuntimeException e) {
            // A setup problem (no compiled server, -Psolution without solutions/, a bad seed):
            // CheckpointsTest meets it again and reports it as a test failure, where a student
            // reads it. Thrown from here, it would stop JUnit with a trace about a listener.
            if (run != null) {
                run.close();
            }
            return;
        }
        synchronized (EarlyStart.class) {
            started = run;
        }
    }

    /** The run started when the session opened, once; null if none was (or it was taken already). */
    static synchronized CheckpointRun take() {
        CheckpointRun run = started;
        started = null;
        return run;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        CheckpointRun unused = take(); // CheckpointsTest did not run (-Dtest named another class)
        if (unused != null) {
            unused.close(); // stops its servers and removes its folder
        }
    }
}
