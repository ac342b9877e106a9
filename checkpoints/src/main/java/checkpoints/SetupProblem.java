package checkpoints;

/**
 * The checkpoints cannot run because of how they were started, not because of the harness and
 * not because of a checkpoint: the code did not compile, or -Psolution in a copy without
 * solutions/. The message says what to do; it is shown without a stack trace.
 */
public final class SetupProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SetupProblem(String message) {
        super("CANNOT RUN THE CHECKPOINTS: " + message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the trace would point into the harness, which is not where the problem is
    }
}
