package checkpoints;

/**
 * How one checkpoint went. {@code message} is the full failure report and {@code summary} its
 * one-line gist (what was found); both are null when it passed.
 */
public record Result(Checkpoint checkpoint, Status status, String message, String summary, long millis) {

    public enum Status { PASSED, FAILED, HARNESS_PROBLEM }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public int earned() {
        return passed() ? checkpoint.points() : 0;
    }
}
