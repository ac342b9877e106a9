package checkpoints;

import java.util.function.Function;

/**
 * How one checkpoint went. {@code message} is the full failure report and {@code summary} its
 * one-line gist (what was found); both are null when it passed.
 *
 * <p>{@code alike} is set for a failure that another one may look exactly like (the same answer,
 * hint and lines from the server): {@link CheckpointRun#run} then keeps the full report for the
 * first of them in the stage's order, and gives the others a short one that points to it.
 */
public record Result(Checkpoint checkpoint, Status status, String message, String summary, long millis, Alike alike) {

    public enum Status { PASSED, FAILED, HARNESS_PROBLEM }

    /** What a failure looks like, and its short report pointing to the full one of another checkpoint. */
    public record Alike(String look, Function<String, String> reportPointingTo) {
    }

    public Result(Checkpoint checkpoint, Status status, String message, String summary, long millis) {
        this(checkpoint, status, message, summary, millis, null);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public int earned() {
        return passed() ? checkpoint.points() : 0;
    }

    /** This result with the short report pointing to {@code firstId}'s full one. */
    Result pointingTo(String firstId) {
        return new Result(checkpoint, status, alike.reportPointingTo().apply(firstId), summary, millis, null);
    }
}
