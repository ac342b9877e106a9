package checkpoints;

import java.nio.file.Files;
import java.nio.file.Path;

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
        String folder = required("checkpoints.stage");
        Path module = Path.of(required("checkpoints.module"));
        Path classes = Path.of(required("checkpoints.classes"));
        String sources = String.valueOf(System.getProperty("checkpoints.sources", ""));
        String variant = sources.replace('\\', '/').contains("/solutions/") ? "solution" : "your code";
        return new Target(Stages.number(folder), folder, classes, module, module.resolve("target"), variant);
    }

    /** Checks that there is a server to start; a missing class is a setup problem, not a failed checkpoint. */
    void verify() {
        if (!Files.isRegularFile(classes.resolve(MAIN_CLASS.replace('.', '/') + ".class"))) {
            throw new HarnessProblem("no compiled server at " + classes + " (expected " + MAIN_CLASS
                + "). Run the checkpoints through Maven: ./mvnw test -pl " + folder);
        }
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new HarnessProblem("system property " + name + " is not set; run the checkpoints through Maven"
                + " (./mvnw test -pl stageNN-name), which sets it");
        }
        return value;
    }
}
