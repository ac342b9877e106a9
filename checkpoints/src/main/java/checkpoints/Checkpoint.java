package checkpoints;

/**
 * One thing a stage's server must do, checked from outside over a socket.
 *
 * @param id     stable identifier used in reports and in the proof, e.g. "01.crlf"
 * @param points what it is worth when graded
 * @param title  what the server must do, written as the specification
 * @param since  the stage that introduces it
 * @param until  the last stage whose server still behaves this way (later stages change it)
 * @param check  the code that talks to the server; it throws a {@link Failure} when it finds a problem
 * @param secondServer true for a checkpoint that mostly waits: it talks to a second copy of the
 *               server, beside the others (see {@link Lane})
 */
public record Checkpoint(String id, int points, String title, int since, int until, Check check,
                         boolean secondServer) {

    /** The body of a checkpoint: talk to the server through the probe, throw a Failure if wrong. */
    @FunctionalInterface
    public interface Check {
        void run(Probe probe) throws Exception;
    }

    /** A checkpoint of stage {@code since} that holds for every later stage. */
    static Checkpoint of(String id, int points, String title, Check check) {
        int stage = Integer.parseInt(id.substring(0, id.indexOf('.')));
        return new Checkpoint(id, points, title, stage, Stages.LAST, check, false);
    }

    /** The same checkpoint, valid only up to {@code lastStage}: a later stage changes this behaviour. */
    Checkpoint until(int lastStage) {
        return new Checkpoint(id, points, title, since, lastStage, check, secondServer);
    }

    /**
     * The same checkpoint, run on a second copy of the server: it mostly waits (for the server's
     * read timeout, or between the pieces of a request), and a one-thread server would keep every
     * other checkpoint waiting with it.
     */
    Checkpoint onSecondServer() {
        return new Checkpoint(id, points, title, since, until, check, true);
    }

    boolean appliesTo(int stage) {
        return since <= stage && stage <= until;
    }
}
