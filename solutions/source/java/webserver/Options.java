package webserver;

//@ stage 02+
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

//@ end
/**
//@ stage 01
 * The command line: {@code [--port N]}.
//@ end
//@ stage 02+
 * The command line: {@code [--port N] [--root DIR]}.
//@ end
 *
 * <p>A mistyped option gets a sentence that says what is wrong, never a stack trace.
 */
//@ stage 01
record Options(int port) {
//@ end
//@ stage 02+
record Options(int port, Path root) {
//@ end

    static final int DEFAULT_PORT = 5000;

//@ stage 01
    static final String USAGE = "usage: java webserver.WebServer [--port N]\n"
        + "  --port N   the port to listen on, 0 to 65535 (default 5000; 0 picks any free port)";
//@ end
//@ stage 02+
    static final String USAGE = "usage: java webserver.WebServer [--port N] [--root DIR]\n"
        + "  --port N   the port to listen on, 0 to 65535 (default 5000; 0 picks any free port)\n"
        + "  --root DIR the folder whose files it serves (default: this stage's www folder)";
//@ end

    /** Whether the command line asks for the usage (--help or -h) instead of a server. */
    static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the command line. Throws IllegalArgumentException with a message meant for people. */
    static Options parse(String[] args) {
        int port = DEFAULT_PORT;
//@ stage 02+
        Path root = null;
//@ end
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
//@ stage 01
            if (!option.equals("--port")) {
//@ end
//@ stage 02+
            if (!option.equals("--port") && !option.equals("--root")) {
//@ end
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
//@ stage 01
            port = parsePort(value);
//@ end
//@ stage 02+
            if (option.equals("--port")) {
                port = parsePort(value);
            } else {
                root = Path.of(value);
            }
//@ end
        }
//@ stage 01
        return new Options(port);
//@ end
//@ stage 02+
        root = (root != null ? root : defaultRoot()).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("there is no folder " + root + " to serve; name the folder with --root DIR");
        }
        return new Options(port, root);
//@ end
    }

    private static int parsePort(String value) {
        // Only ASCII digits: Integer.parseInt would also accept "+80" or digits of other scripts.
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException("--port needs a whole number from 0 to 65535, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
//@ stage 02+

    /**
     * This stage's own www folder, wherever the command was started from.
     *
     * <p>Not {@code Path.of("www")}: a relative path starts at the working directory, which is the
     * stage's folder only if you started the server there. From the repository root, with
     * {@code ./mvnw exec:java -pl ...}, or from an IDE, it is another folder. The compiled classes
     * are always in STAGE/target/classes, though: two folders up from them is the stage's folder.
     */
    static Path defaultRoot() {
        Path working = Path.of("www"); // our last guess, for classes from somewhere unusual
        CodeSource code = WebServer.class.getProtectionDomain().getCodeSource();
        if (code == null) {
            return working;
        }
        try {
            Path stage = Path.of(code.getLocation().toURI()).getParent();
            stage = stage == null ? null : stage.getParent();
            return stage == null ? working : stage.resolve("www");
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return working; // a location that is no folder on this disk, such as a jar inside a jar
        }
    }
//@ end
}
