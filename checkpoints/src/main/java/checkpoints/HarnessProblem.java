package checkpoints;

/**
 * Something went wrong in the checkpoint machinery itself, not in the student's server:
 * the server's classes are missing, no free port, a temporary folder cannot be written.
 */
public final class HarnessProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HarnessProblem(String message, Throwable cause) {
        super("PROBLEM IN THE CHECKPOINT HARNESS (not in your code): " + message
            + "\n  If this keeps happening, tell your instructor and include this message.", cause);
    }

    public HarnessProblem(String message) {
        this(message, null);
    }
}
