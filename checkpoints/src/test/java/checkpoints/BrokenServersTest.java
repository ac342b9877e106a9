package checkpoints;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The harness against servers broken on purpose (src/test/resources/broken/): each gives a clear
 * failing checkpoint within seconds, never a hung build, and leaves no process or port behind.
 *
 * <p>Most of these servers make the harness wait (the silent one waits out the whole start limit:
 * 10 s for a student, 4 s here, set in checkpoints/pom.xml), so the tests run four at a time
 * (src/test/resources/junit-platform.properties). Each test therefore checks the processes it
 * started itself, found by the folder of its compiled server on their command line, and after the
 * class nothing at all may be left.
 */
@Execution(ExecutionMode.CONCURRENT)
class BrokenServersTest {

    /** The folders this test compiled its broken servers into (a new instance per test). */
    private final List<Path> compiled = new ArrayList<>();

    /** What one run of some checkpoints against a broken server gave. */
    record Run(List<Result> results, long millis) {
        Result result(String id) {
            return results.stream().filter(r -> r.checkpoint().id().equals(id)).findFirst().orElseThrow();
        }

        String message(String id) {
            Result r = result(id);
            assertThat(id + " should have failed", r.status(), equalTo(Result.Status.FAILED));
            return r.message();
        }
    }

    private Run run(String server, String... ids) throws Exception {
        Path classes = compile(server);
        compiled.add(classes);
        return run(classes, ids);
    }

    /** Runs these checkpoints one after another (each on its lane) against compiled classes. */
    private Run run(Path classes, String... ids) {
        Target target = new Target(1, "stage01-socket", classes, classes, null, "broken: " + classes.getFileName());
        List<Result> results = new ArrayList<>();
        long start = System.nanoTime();
        try (CheckpointRun run = new CheckpointRun(target)) {
            Set<String> wanted = Set.of(ids);
            run.checkpoints().stream().filter(c -> wanted.contains(c.id())).forEach(c -> results.add(run.run(c)));
        }
        return new Run(results, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterEach
    void nothingIsLeftRunning() {
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .filter(p -> p.info().commandLine().map(line -> compiled.stream().anyMatch(c -> line.contains(c.toString())))
                .orElse(false)) // a command line we cannot read is checked after the class
            .toList();
        assertThat("processes left behind: " + alive, alive, empty());
    }

    @AfterAll
    static void nothingAtAllIsLeftRunning() {
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        assertThat("processes left behind: " + alive, alive, empty());
    }

    @Test
    @DisplayName("a server that never prints its address fails within the start limit, and only once")
    void silentServer() throws Exception {
        Run run = run("silent", "01.connect", "01.status-line", "01.crlf");
        long limit = ServerProcess.START_LIMIT.toSeconds();
        assertThat(run.message("01.connect"), containsString("no address printed within " + limit + " seconds"));
        assertThat(run.message("01.connect"), containsString("starting up..."));
        assertThat(run.message("01.crlf"), containsString("no address printed"));
        assertThat("the later checkpoints must not wait again", run.millis(), lessThan((limit + 4) * 1000));
    }

    @Test
    @DisplayName("a server that crashes on start shows its exit code and what it printed")
    void crashingServer() throws Exception {
        Run run = run("crashes", "01.connect");
        String message = run.message("01.connect");
        assertThat(message, containsString("stopped before printing its address. It exited with code 1"));
        assertThat(message, containsString("broken on purpose: no server today"));
        assertThat(run.millis(), lessThan(8_000L));
    }

    @Test
    @DisplayName("a server that calls System.exit is reported as stopped, and restarted for the next checkpoint")
    void exitingServer() throws Exception {
        Run run = run("exits", "01.status-line", "01.crlf");
        assertThat(run.message("01.status-line"), containsString("The server process has STOPPED (exit code 3)"));
        assertThat(run.message("01.status-line"), containsString("The server printed during this checkpoint:\n    http://localhost:"));
        assertThat(run.message("01.crlf"), containsString("started again for this one"));
        // the server started again: its lines since it started, not those of the one that exited
        Matcher first = Pattern.compile("http://localhost:(\\d+)/").matcher(run.message("01.status-line"));
        Matcher again = Pattern.compile("http://localhost:(\\d+)/").matcher(run.message("01.crlf"));
        assertThat(first.find() && again.find(), equalTo(true));
        assertThat(run.message("01.crlf"), not(containsString("http://localhost:" + first.group(1) + "/")));
        assertThat(run.message("01.crlf"), containsString("/\n    exiting on purpose\n"));
        assertThat(run.millis(), lessThan(10_000L));
    }

    @Test
    @DisplayName("a server that accepts and never answers fails within the exchange limit, and after two such, within 1 s each")
    void hangingServer() throws Exception {
        // in the stage's order: 01.connect, 01.status-line, 01.log, 01.twenty-clients
        Run run = run("hangs", "01.connect", "01.status-line", "01.log", "01.twenty-clients");
        assertThat(run.result("01.connect").passed(), equalTo(true)); // alive: it just does not answer
        assertThat(run.message("01.status-line"), containsString("no answer within 3 seconds"));
        assertThat(run.message("01.status-line"), not(containsString("each now waits")));
        assertThat(run.message("01.log"), containsString("no answer within 3 seconds"));
        String third = run.message("01.twenty-clients");
        assertThat(third, containsString("Expected: the first of 20 clients, one after another, to get a whole response"));
        assertThat(third, containsString(
            "no answer within 1 second (two exchanges of this run got none in 3 seconds, so each now waits 1)"));
        assertThat(run.millis(), lessThan(12_000L)); // 1 s (01.connect's second client), 3 s, 3 s, 1 s: never a hang
    }

    @Test
    @DisplayName("a server that never closes the connection is told so")
    void neverClosingServer() throws Exception {
        Run run = run("never-closes", "01.connection-close", "01.twenty-clients");
        String message = run.message("01.connection-close");
        assertThat(message, containsString("the connection stayed open"));
        assertThat(message, containsString("a client that waits for that close waits for ever"));
        // curl would stop at Content-Length and look fine; labkit says the connection stayed open
        assertThat(message, containsString("in jshell with labkit (see labkit/README.md): get(5000, \"/"));
        assertThat(message, not(containsString("curl -v")));
        assertThat(run.message("01.twenty-clients"), containsString("The same problem as 01.connection-close"));
        assertThat(run.millis(), lessThan(11_000L));
    }

    @Test
    @DisplayName("after one full report of a connection left open, the next checkpoints say so in a few lines and wait less")
    void neverClosingServerIsReportedOnce() throws Exception {
        Run run = run("never-closes", "01.status-line", "01.crlf", "01.head-end");
        assertThat(run.message("01.status-line"), containsString("the connection stayed open for 3 seconds after it"));
        assertThat(run.message("01.status-line"), containsString("What came back"));
        for (String later : List.of("01.crlf", "01.head-end")) {
            String message = run.message(later);
            assertThat(message, containsString("The same problem as 01.status-line: see its report."));
            assertThat("a short report, not the bytes again: " + message, message.lines().count(), lessThan(6L));
        }
        assertThat("3 s for the first, 0.5 s for each later one", run.millis(), lessThan(8_000L));
    }

    @Test
    @DisplayName("failures that look the same (same answer, same lines printed) get one full report, then short ones")
    void sameFailureIsReportedOnce() throws Exception {
        Run run = run("todo", "01.status-line", "01.crlf", "01.head-end");
        for (String message : oneFullReportThenShortOnes(run, "01.status-line", "01.crlf", "01.head-end")) {
            assertThat(message, containsString("Printed:  (could not answer a client: java.lang.UnsupportedOperationException: TODO 1)"));
        }
    }

    /** {@code first}'s report is full, each later one a short report pointing to it; returns the short ones. */
    private static List<String> oneFullReportThenShortOnes(Run run, String first, String... later) {
        assertThat(run.message(first), containsString("What was sent"));
        List<String> shortReports = new ArrayList<>();
        for (String id : later) {
            String message = run.message(id);
            assertThat(message, containsString("The same answer, and the same lines from the server, as " + first));
            assertThat("a short report: " + message, message.lines().count(), lessThan(7L));
            shortReports.add(message);
        }
        return shortReports;
    }

    @Test
    @DisplayName("the same answer with log lines about different paths is still the same failure: one full report")
    void samePathlessLogLinesAreTheSameFailure() throws Exception {
        Run run = run("short-length", "01.content-length", "01.twenty-clients", "01.browser-request");
        oneFullReportThenShortOnes(run, "01.content-length", "01.twenty-clients", "01.browser-request");
        assertThat(Lane.withoutPath("GET /kittens -> 200"), equalTo("GET -> 200"));
        assertThat(Lane.withoutPath("'GET /a b HTTP/1.1' -> 400"), equalTo("'GET /a b HTTP/1.1' -> 400"));
        assertThat(Lane.withoutPath("(could not answer 'GET / HTTP/1.1': java.io.IOException)"),
            equalTo("(could not answer 'GET / HTTP/1.1': java.io.IOException)"));
    }

    @Test
    @DisplayName("of failures alike, the full report goes to the first in the stage's order, whichever finished first")
    void fullReportComesFirstInTheStagesOrder() throws Exception {
        Path classes = compile("short-length");
        compiled.add(classes);
        Target target = new Target(1, "stage01-socket", classes, classes, null, "broken: " + classes.getFileName());
        try (CheckpointRun run = new CheckpointRun(target)) {
            Checkpoint earlier = checkpoint(run, "01.content-length");
            Checkpoint later = checkpoint(run, "01.twenty-clients");
            assertThat(run.checkpoints().indexOf(earlier), lessThan(run.checkpoints().indexOf(later)));
            // Both on the first lane, the later one queued first: it finishes first, as a checkpoint
            // on another lane may. The results are then collected in the stage's order, as
            // CheckpointsTest does.
            run.start(List.of(later, earlier));
            Run collected = new Run(List.of(run.run(earlier), run.run(later)), 0);
            oneFullReportThenShortOnes(collected, "01.content-length", "01.twenty-clients");
        }
    }

    private static Checkpoint checkpoint(CheckpointRun run, String id) {
        return run.checkpoints().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a server that stops listening fails a checkpoint that connects by itself with a report, not a harness problem")
    void stopsListening() throws Exception {
        // 01.browser-request has the one answer (its warm-up); by 01.hang-up, on the same server, it listens no more
        Run run = run("stops-listening", "01.browser-request", "01.hang-up");
        Result hangUp = run.result("01.hang-up");
        assertThat(hangUp.status(), equalTo(Result.Status.FAILED));
        assertThat(hangUp.message(), containsString("Found:    it failed: Connection refused"));
        assertThat(hangUp.message(), containsString("did an earlier client stop it, or close its"));
    }

    @Test
    @DisplayName("a server that answers without reading the request is caught by a request in pieces")
    void neverReadingServer() throws Exception {
        Run run = run("never-reads", "01.browser-request");
        assertThat(run.message("01.browser-request"), containsString("after the client had sent only"));
    }

    @Test
    @DisplayName("a server that prints the wrong port gets 'connection refused', not a hang")
    void wrongPort() throws Exception {
        Run run = run("wrong-port", "01.status-line");
        assertThat(run.message("01.status-line"), containsString("the connection was refused"));
        assertThat(run.millis(), lessThan(8_000L));
    }

    @Test
    @DisplayName("a server that ignores --port is told so when the second copy finds its port taken")
    void fixedPort() throws Exception {
        Path classes = compile("fixed-port");
        compiled.add(classes);
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(classes.resolve("fixed-port.txt"), String.valueOf(port));
        // 01.connect runs on the first lane and keeps its server; 01.hang-up then starts the second copy.
        Run run = run(classes, "01.connect", "01.hang-up");
        String message = run.message("01.hang-up");
        assertThat(message, containsString("Port " + port + " is already in use."));
        assertThat(message, containsString("port that --port names, or always on 5000?"));
        assertThat(run.millis(), lessThan(8_000L));
    }

    @Test
    @DisplayName("a server's child processes are stopped with it, and its port is closed")
    void childProcessesAreStopped() throws Exception {
        Run run = run("spawns-child", "01.status-line");
        String message = run.message("01.status-line");
        Matcher child = Pattern.compile("child pid (\\d+)").matcher(message);
        Matcher address = Pattern.compile("http://localhost:(\\d+)/").matcher(message);
        assertThat("the report shows the server's output", child.find() && address.find(), equalTo(true));
        long pid = Long.parseLong(child.group(1));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), equalTo(false));
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(address.group(1))), 1000);
            }
        });
    }

    @Test
    @DisplayName("a missing server (code that did not compile) stops the run with what to do, not as a failed checkpoint")
    void missingClassesAreASetupProblem() throws IOException {
        Path empty = ServerSources.temporaryFolder("no-server-");
        Target target = new Target(1, "stage01-socket", empty, empty, null, "nothing");
        SetupProblem problem = assertThrows(SetupProblem.class, () -> new CheckpointRun(target));
        assertThat(problem.getMessage(), containsString("CANNOT RUN THE CHECKPOINTS: no compiled server"));
        assertThat(problem.getMessage(), containsString("If the compiler printed errors above, fix those first"));
    }

    /** Compiles one broken server from src/test/resources/broken/NAME into a new folder. */
    static Path compile(String name) throws IOException, URISyntaxException {
        Path sources = Path.of(BrokenServersTest.class.getResource("/broken/" + name).toURI());
        Path out = ServerSources.temporaryFolder("broken-" + name + "-");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat("compiling " + name, javac.run(null, null, null, args.toArray(String[]::new)), equalTo(0));
        return out;
    }
}
