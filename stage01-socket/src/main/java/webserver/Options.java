package webserver;

/**
 * The command line: {@code [--port N]}.
 *
 * <p>A mistyped option gets a sentence that says what is wrong, never a stack trace.
 */
record Options(int port) {

    static final int DEFAULT_PORT = 5000;

    static final String USAGE = "usage: java webserver.WebServer [--port N]\n"
        + "  --port N   the port to listen on, 0 to 65535 (default 5000; 0 picks any free port)";

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
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--port")) {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            port = parsePort(value);
        }
        return new Options(port);
    }

    private static int parsePort(String value) {
        // Only ASCII digits: Integer.parseInt would also accept "+80" or digits of other scripts.
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException("--port needs a whole number from 0 to 65535, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
