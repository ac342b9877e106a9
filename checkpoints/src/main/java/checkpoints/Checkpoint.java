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
 * @param server which copy of the server it talks to: most talk to the first, one after another;
 *               a checkpoint that mostly waits talks to another copy, beside them (see {@link Lane})
 */
public record Checkpoint(String id, int points, String title, int since, int until, Check check,
                         Server server) {

    /**
     * The copies of the server under test that a run starts, each with a lane of checkpoints of its
     * own. The server serves one client at a time, so a checkpoint that waits holds up every
     * checkpoint after it on the same copy.
     */
    public enum Server {
        /** Most checkpoints, one after another. */
        FIRST,
        /** Checkpoints that wait a little: pauses between pieces, a hang-up, a second server of their own. */
        SECOND,
        /** The checkpoint that holds its server until the read timeout, a second or two: it is alone. */
        THIRD
    }

    /** The body of a checkpoint: talk to the server through the probe, throw a Failure if wrong. */
    @FunctionalInterface
    public interface Check {
        void run(Probe probe) throws Exception;
    }

    /** A checkpoint of stage {@code since} that holds for every later stage. */
    static Checkpoint of(String id, int points, String title, Check check) {
        int stage = Integer.parseInt(id.substring(0, id.indexOf('.')));
        return new Checkpoint(id, points, title, stage, Stages.LAST, check, Server.FIRST);
    }

    /** The same checkpoint, valid only up to {@code lastStage}: a later stage changes this behaviour. */
    Checkpoint until(int lastStage) {
        return new Checkpoint(id, points, title, since, lastStage, check, server);
    }

    /**
     * The same checkpoint, run on a second copy of the server: it mostly waits (between the pieces
     * of a request, for a hang-up), and a one-thread server would keep every other checkpoint
     * waiting with it.
     */
    Checkpoint onSecondServer() {
        return new Checkpoint(id, points, title, since, until, check, Server.SECOND);
    }

    /**
     * The same checkpoint, run alone on a third copy of the server: it holds the server until its
     * read timeout, longer than all the second copy's checkpoints together.
     */
    Checkpoint onServerOfItsOwn() {
        return new Checkpoint(id, points, title, since, until, check, Server.THIRD);
    }

    boolean appliesTo(int stage) {
        return since <= stage && stage <= until;
    }
}
