package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A failure report shows what the server printed during that checkpoint only: not the lines of
 * the checkpoints before it on the same lane, and a run of the same line once, with "(N times)".
 */
class ServerOutputTest {

    /**
     * A server that answers every request with a wrong status line (HTTP/1.0), so that
     * 01.status-line fails. With {@code chatty} it prints the request line and then the same line
     * three times for each request; without, it prints two lines when it starts and then nothing.
     */
    private static String server(boolean chatty) {
        return listening("System.out.println(\"started at STARTED\");\n", """
            InputStream in = client.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\\n') {
                line.append((char) b);
            }
            if (CHATTY) {
                System.out.println(b < 0 ? "a client sent nothing" : "request " + line.toString().strip());
            }
            while (b >= 0 && in.available() > 0) {
                b = in.read();
            }
            if (CHATTY) {
                for (int i = 0; i < 3; i++) {
                    System.out.println("the same line");
                }
            }
            String body = "<h1>Hello Client</h1>";
            client.getOutputStream().write(("HTTP/1.0 200 OK\\r\\nContent-Type: text/html; charset=utf-8\\r\\n"
                + "Content-Length: " + body.length() + "\\r\\nConnection: close\\r\\n\\r\\n" + body)
                .getBytes(StandardCharsets.UTF_8));
            """).replace("CHATTY", String.valueOf(chatty)).replace("STARTED", chatty ? "chatty" : "quiet");
    }

    /**
     * A test server's source: it listens on a free port and prints it as a student's server does,
     * runs {@code atStart}, then handles each client in turn with {@code handleClient}: Java
     * statements that use {@code client}, a Socket closed after them.
     */
    static String listening(String atStart, String handleClient) {
        return """
            package webserver;

            import java.io.InputStream;
            import java.net.InetAddress;
            import java.net.ServerSocket;
            import java.net.Socket;
            import java.nio.charset.StandardCharsets;

            public class WebServer {
                public static void main(String[] args) throws Exception {
                    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                    System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/");
            """ + atStart + """
                    while (true) {
                        try (Socket client = listener.accept()) {
            """ + handleClient + """
                        }
                    }
                }
            }
            """;
    }

    /** The server of this source, webserver.WebServer, compiled into a new folder. */
    static Path compile(String source) throws IOException {
        Path sources = ServerSources.temporaryFolder("server-output-src-");
        Path classes = ServerSources.temporaryFolder("server-output-");
        Path file = Files.createDirectories(sources.resolve("webserver")).resolve("WebServer.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat("compiling", javac.run(null, null, null, "--release", "17", "-d", classes.toString(), file.toString()), equalTo(0));
        return classes;
    }

    private static List<Result> run(String source, String... ids) throws IOException {
        Path classes = compile(source);
        Target target = new Target(1, "stage01-socket", classes, classes, null, "server output: " + classes.getFileName());
        List<Result> results = new ArrayList<>();
        try (CheckpointRun run = new CheckpointRun(target)) {
            Set<String> wanted = Set.of(ids);
            run.checkpoints().stream().filter(c -> wanted.contains(c.id())).forEach(c -> results.add(run.run(c)));
        }
        return results;
    }

    private static String message(List<Result> results, String id) {
        Result r = results.stream().filter(x -> x.checkpoint().id().equals(id)).findFirst().orElseThrow();
        assertThat(id + " should have failed", r.status(), equalTo(Result.Status.FAILED));
        return r.message();
    }

    @Test
    @DisplayName("only the lines printed during the failing checkpoint, a repeated line once with (N times)")
    void onlyThisCheckpointsLines() throws IOException {
        List<Result> results = run(server(true), "01.connect", "01.status-line");
        String message = message(results, "01.status-line");
        assertThat(message, containsString("  The server printed during this checkpoint:\n"
            + "    request GET /"));
        assertThat(message, containsString(" HTTP/1.1\n    the same line (3 times)\n\n  Try it by hand"));
        // the server's start and 01.connect (a client that sent nothing) came before this checkpoint
        assertThat(message, not(containsString("started at chatty")));
        assertThat(message, not(containsString("a client sent nothing")));
    }

    /**
     * A server that answers every request the same (text/plain, so that 01.content-type fails and
     * 01.status-line passes) and prints its numbered line about each request 40 ms after it closed
     * the connection, as a line held up on its way through the pipe would arrive.
     */
    private static final String LATE_LINES = """
        package webserver;

        import java.io.InputStream;
        import java.net.InetAddress;
        import java.net.ServerSocket;
        import java.net.Socket;
        import java.nio.charset.StandardCharsets;

        public class WebServer {
            public static void main(String[] args) throws Exception {
                ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/");
                for (int n = 1; ; n++) {
                    try (Socket client = listener.accept()) {
                        InputStream in = client.getInputStream();
                        int b, last = 0, before = 0;
                        while ((b = in.read()) >= 0 && !(b == '\\n' && (last == '\\n' || (last == '\\r' && before == '\\n')))) {
                            before = last;
                            last = b;
                        }
                        String body = "Hello Client";
                        client.getOutputStream().write(("HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\n"
                            + "Content-Length: " + body.length() + "\\r\\nConnection: close\\r\\n\\r\\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
                    }
                    Thread.sleep(40);
                    System.out.println("late line #" + n);
                }
            }
        }
        """;

    @Test
    @DisplayName("a line about the last request of a checkpoint that passed, arriving late, is not counted as the next one's")
    void lateLineOfThePassingCheckpoint() throws IOException {
        List<Result> results = run(LATE_LINES, "01.status-line", "01.content-type");
        String message = message(results, "01.content-type");
        assertThat(message, containsString("late line #2"));
        assertThat(message, not(containsString("late line #1")));
    }

    @Test
    @DisplayName("a server that printed nothing during the checkpoint: said so, and its last earlier lines, marked as earlier")
    void nothingPrintedDuringTheCheckpoint() throws IOException {
        List<Result> results = run(server(false), "01.connect", "01.status-line");
        String message = message(results, "01.status-line");
        assertThat(message, containsString("  The server printed nothing during this checkpoint.\n"
            + "  Its last lines before it, printed during earlier checkpoints:\n"
            + "    Serving on http://localhost:"));
        assertThat(message, containsString("/\n    started at quiet\n\n  Try it by hand"));
    }

    @Test
    @DisplayName("the report's lines: runs merged, the last 12 kept, and how many there were in all")
    void printedLines() {
        List<String> lines = Failure.printedLines(Failure.ServerLines.during(List.of("a", "b", "b", "b", "a", "\u0000")));
        assertThat(lines, equalTo(List.of("  The server printed during this checkpoint:", "    a", "    b (3 times)", "    a", "    \\x00")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add("line " + i);
            many.add("line " + i);
        }
        lines = Failure.printedLines(Failure.ServerLines.during(many));
        assertThat(lines.get(0), equalTo("  The server printed 60 lines during this checkpoint; the last of them:"));
        assertThat(lines.size(), equalTo(1 + CheckpointRun.OUTPUT_LINES_SHOWN));
        assertThat(lines.get(lines.size() - 1), equalTo("    line 29 (2 times)"));
        lines = Failure.printedLines(new Failure.ServerLines(List.of(), 0, List.of("x", "y", "y")));
        assertThat(lines, equalTo(List.of("  The server printed nothing during this checkpoint.",
            "  Its last lines before it, printed during earlier checkpoints:", "    x", "    y (2 times)")));
        assertThat(Failure.printedLines(Failure.ServerLines.NONE), equalTo(List.of("  The server printed nothing during this checkpoint.")));
    }
}
