package checkpoints;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Which server the checkpoints run against.
 *
 * @param stage      the stage number, 1 to 7
 * @param folder     the stage's folder name, e.g. "stage01-socket"
 * @param classes    the compiled server (contains webserver/WebServer.class)
 * @param moduleDir  the stage's folder (its www/ is the server's default root)
 * @param reportDir  where to write checkpoint-report.json, or null for no file
 * @param variant    "starter", "solution" or a description, shown in the report
 */
public record Target(int stage, String folder, Path classes, Path moduleDir, Path reportDir, String variant) {

    public static final String MAIN_CLASS = "webserver.WebServer";

    /** The target Maven describes through system properties (see the root pom's Surefire setup). */
    public static Target fromSystemProperties() {
        return from(System::getProperty);
    }

    /** The target these properties describe (checkpoints.stage, .module, .classes, .sources). */
    static Target from(UnaryOperator<String> properties) {
        String folder = required(properties, "checkpoints.stage");
        Path module = Path.of(required(properties, "checkpoints.module")).normalize();
        Path classes = Path.of(required(properties, "checkpoints.classes"));
        Path sources = Path.of(required(properties, "checkpoints.sources")).normalize();
        boolean solution = !sources.startsWith(module); // -Psolution: ../solutions/<stage>/src/main/java
        if (!Files.isDirectory(sources)) {
            // Maven compiles nothing from a missing folder, and old classes would pass for the solution.
            throw new SetupProblem(solution
                ? "-Psolution runs the reference solution in " + sources + ", and this copy has no solutions/"
                    + " folder (the students' copy leaves it out). To check your own code, leave out -Psolution:"
                    + " " + ServerProcess.MVNW + " test -pl " + folder
                : "the server's sources are missing: " + sources);
        }
        String variant = solution ? "solution" : "your code";
        return new Target(Stages.number(folder), folder, classes, module, module.resolve("target"), variant);
    }

    /** Checks that there is a server to start; no server is a setup problem, not a failed checkpoint. */
    void verify() {
        if (!Files.isRegularFile(classes.resolve(MAIN_CLASS.replace('.', '/') + ".class"))) {
            throw new SetupProblem("no compiled server at " + classes + " (expected " + MAIN_CLASS + ")."
                + "\n  If the compiler printed errors above, fix those first: the checkpoints need code that compiles."
                + "\n  Run the checkpoints through Maven, which compiles the server first: " + ServerProcess.MVNW
                + " test -pl " + folder);
        }
    }

    private static String required(UnaryOperator<String> properties, String name) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            throw new HarnessProblem("system property " + name + " is not set; run the checkpoints through Maven"
                + " (" + ServerProcess.MVNW + " test -pl stageNN-name), which sets it");
        }
        return value;
    }
}
