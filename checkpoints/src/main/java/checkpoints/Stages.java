package checkpoints;

import java.util.ArrayList;
import java.util.List;

/** The stages in order, and which checkpoints each stage's server must pass. */
public final class Stages {

    public static final int LAST = 7;

    public static final List<String> FOLDERS = List.of(
        "stage01-socket", "stage02-files", "stage03-routing", "stage04-errors",
        "stage05-querystring", "stage06-templating", "stage07-post");

    private Stages() {
    }

    /** The stage number of a folder name such as "stage03-routing". */
    public static int number(String folder) {
        int index = FOLDERS.indexOf(folder);
        if (index < 0) {
            throw new HarnessProblem("'" + folder + "' is not a stage; the stages are " + FOLDERS);
        }
        return index + 1;
    }

    /** Every checkpoint written so far, earliest stage first. */
    public static List<Checkpoint> all() {
        List<Checkpoint> all = new ArrayList<>();
        all.addAll(Stage01.checkpoints());
        all.addAll(Stage02.checkpoints());
        all.addAll(Stage03.checkpoints());
        all.addAll(Stage04.checkpoints());
        all.addAll(Stage05.checkpoints());
        all.addAll(Stage06.checkpoints());
        all.addAll(Stage07.checkpoints());
        return all;
    }

    /** What a stage's server must pass: its own checkpoints and every earlier one that still holds. */
    public static List<Checkpoint> checkpointsFor(int stage) {
        return all().stream().filter(c -> c.appliesTo(stage)).toList();
    }
}
