package checkpoints;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The student's server, started as its own JVM the way a person starts it:
 * {@code java -cp CLASSES webserver.WebServer --port 0 [more arguments]}.
 *
 * <p>It waits for the line with {@code http://localhost:PORT/}, keeps the last lines the server
 * prints and counts them all (a failing checkpoint shows those printed since it began), and stops
 * the whole process tree afterwards.
 */
public final class ServerProcess implements AutoCloseable {

    /** The default charset the server runs with (see {@link #start}): not UTF-8, on purpose. */
    static final Charset SERVER_DEFAULT_CHARSET = Charset.forName("windows-1252");

    /**
     * How long a server may take to print its address: 10 seconds. The harness's own tests set
     * the system property checkpoints.startLimitSeconds lower, so that the silent server they
     * start fails sooner.
     */
    static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("checkpoints.startLimitSeconds", 10));
    private static final Pattern ADDRESS = Pattern.compile("http://(?:localhost|127\\.0\\.0\\.1):(\\d{1,5})/");
    private static final int KEPT_LINES = 200;
    /** Every server still running, so that a JVM that exits early does not leave one behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::kill)));
    }

    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<String> command;
    private final long startNanos = System.nanoTime();
    private int linesRead; // guarded by output: every line printed, also those dropped from the deque
    private int startupLines; // guarded by output: the lines up to and including the address line

    private ServerProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        RUNNING.add(process);
        Thread reader = new Thread(this::readOutput, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the server and waits until it prints its address.
     *
     * @throws Failure when the server exits or stays silent instead (the student's problem)
     * @throws HarnessProblem when the JVM cannot be started at all (ours)
     */
    public static ServerProcess start(Path classes, Path workDir, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
            // Not UTF-8 on purpose: code that leans on the platform's default charset fails here
            // as it would on many students' machines. windows-1252 (Windows' default before Java 18)
            // rather than ISO-8859-1, which turns every byte into the char of the same number and
            // back, so that new String(bytes) followed by Url's one-byte-per-char decoding would pass.
            "-Dfile.encoding=" + SERVER_DEFAULT_CHARSET.name(),
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx256m",
            "-cp", classes.toString(), Target.MAIN_CLASS));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new HarnessProblem("could not start " + command, e);
        }
        ServerProcess server = new ServerProcess(process, command);
        server.awaitAddress();
        return server;
    }

    private void awaitAddress() {
        try {
            port.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // ExecutionException: its output ended, so it is exiting; give it a moment to be gone.
            boolean exited = e instanceof ExecutionException ? exitCode(2000) != -1 : !process.isAlive();
            String exit = exited ? "It exited with code " + exitCode() + "." : "It is still running.";
            List<String> printed = lastLines(30);
            close();
            String line = String.join(" ", command.stream().map(ServerProcess::quotedIfNeeded).toList());
            if (line.startsWith("\"") && ON_WINDOWS) {
                // PowerShell takes a line that starts with a quoted path for a string, unless '&' comes first (cmd.exe wants none)
                line += "\n(in PowerShell, type & and a space before it)";
            }
            String hint = "Start it yourself and read what it prints. The harness starts it as:\n"
                + line + "\nIt must print http://localhost:PORT/ with the port it really "
                + "listens on (with --port 0 the system picks one: ask the ServerSocket for it).";
            if (printed.stream().anyMatch(ServerProcess::saysPortTaken)) {
                hint = "Its port was taken. The checkpoints run up to three copies of your server at once, each started"
                    + "\nwith --port 0 so that the system gives each a free port. Does your server listen on the"
                    + "\nport that --port names, or always on 5000?\n" + hint;
            }
            throw Failure.of(
                "the server to start and print one line with its address, such as http://localhost:5000/",
                exited ? "the server stopped before printing its address. " + exit
                       : "no address printed within " + START_LIMIT.toSeconds() + " seconds. " + exit,
                hint)
                .withServerOutput(printed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new HarnessProblem("interrupted while starting the server", e);
        }
    }

    /**
     * A word of a command as a shell takes it back: in double quotes when it holds a space (a Java
     * under C:\Program Files, a folder of Ada Lovelace's) or, as -Dfile.encoding=..., a dot that
     * PowerShell would split an unquoted option at.
     */
    static String quotedIfNeeded(String word) {
        return word.contains(" ") || (word.startsWith("-D") && word.contains(".")) ? "\"" + word + "\"" : word;
    }

    /** A line that says the port is in use: our servers' own words, or Java's BindException. */
    private static boolean saysPortTaken(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("already in use") || lower.contains("bindexception");
    }

    public int port() {
        return port.getNow(-1);
    }

    /** How long ago the server's process was started. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 if it is still running. */
    public int exitCode() {
        return exitCode(200);
    }

    /** The exit code, after waiting up to {@code waitMillis} for the process to end; -1 while it runs. */
    int exitCode(long waitMillis) {
        try {
            return process.waitFor(waitMillis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last {@code count} lines the server printed (standard output and error). */
    public List<String> lastLines(int count) {
        awaitQuiet(); // let the reader thread catch up with the latest lines
        synchronized (output) {
            List<String> all = new ArrayList<>(output);
            return all.subList(Math.max(0, all.size() - count), all.size());
        }
    }

    /**
     * Whether a line printed since {@code mark} (a {@link #linesPrinted} count taken before the
     * request) is {@code wanted}, waiting a moment for it (300 ms at most): a server prints what went
     * wrong after it has closed the socket, and its log line may reach us after the client has its
     * answer. Returns as soon as the line is there: no waiting for the server to go quiet first, as
     * {@link #lastLines} does. Lines from before the request do not count: an earlier "GET / -> 200"
     * says nothing of this one.
     */
    public boolean printedSoon(int mark, Predicate<String> wanted) {
        long deadline = System.nanoTime() + 300_000_000L;
        while (true) {
            int seen;
            synchronized (output) {
                if (keptLinesSince(mark).stream().anyMatch(wanted)) {
                    return true;
                }
                seen = linesRead;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            awaitLinesPrinted(seen, left); // wakes at the next line
        }
    }

    /**
     * How many lines the server has printed so far, those no longer kept too: a mark for
     * {@link #linesSince}. It does not wait for lines still on their way.
     */
    public int linesPrinted() {
        synchronized (output) {
            return linesRead;
        }
    }

    /**
     * Waits until the server has printed more than {@code count} lines in all ({@link #linesPrinted}),
     * at most {@code limitMillis}; says whether it has.
     */
    public boolean awaitLinesPrinted(int count, long limitMillis) {
        long deadline = System.nanoTime() + limitMillis * 1_000_000L;
        synchronized (output) {
            while (linesRead <= count) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                try {
                    output.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** How many lines the server printed as it started, up to and including its address. */
    public int startupLines() {
        synchronized (output) {
            return startupLines;
        }
    }

    /**
     * The lines printed since {@code mark} (a {@link #linesPrinted} count), as far as they are kept:
     * the last {@value #KEPT_LINES} at most. Waits first for lines still on their way.
     */
    public List<String> linesSince(int mark) {
        awaitQuiet();
        return keptLinesSince(mark);
    }

    /** As {@link #linesSince}, without waiting: for a caller that just did. */
    public List<String> keptLinesSince(int mark) {
        synchronized (output) {
            List<String> all = new ArrayList<>(output);
            int first = linesRead - all.size(); // the number of the first line kept
            return all.subList(Math.min(all.size(), Math.max(0, mark - first)), all.size());
        }
    }

    /** The last {@code count} lines printed before {@code mark}, as far as they are kept. */
    public List<String> linesBefore(int mark, int count) {
        synchronized (output) {
            List<String> all = new ArrayList<>(output);
            int first = linesRead - all.size();
            int end = Math.max(0, Math.min(all.size(), mark - first));
            return all.subList(Math.max(0, end - count), end);
        }
    }

    /** Waits until the server has printed nothing new for 50 ms (at most 400 ms in all). */
    private void awaitQuiet() {
        awaitQuiet(50, 400);
    }

    /**
     * Waits until the server has printed nothing new for {@code quietMillis} (at most
     * {@code limitMillis} in all): so that lines still on their way are counted too.
     */
    void awaitQuiet(long quietMillis, long limitMillis) {
        long deadline = System.nanoTime() + limitMillis * 1_000_000L;
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now;
            synchronized (output) {
                now = linesRead;
            }
            if (now == seen) {
                return;
            }
            seen = now;
            pause(Duration.ofMillis(quietMillis));
        }
    }

    /** Everything kept of what the server printed. */
    public List<String> output() {
        return lastLines(KEPT_LINES);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
            Lines lines = new Lines(reader);
            String line;
            while ((line = lines.next()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    linesRead++;
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                    output.notifyAll(); // for awaitLinesPrinted
                }
                Matcher m = ADDRESS.matcher(line);
                if (!port.isDone() && m.find()) {
                    synchronized (output) {
                        startupLines = linesRead;
                    }
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        } finally {
            port.completeExceptionally(new IllegalStateException("the server's output ended"));
        }
    }

    /**
     * The lines of a server's output, as BufferedReader.readLine reads them (ending at '\n', '\r'
     * or "\r\n"), except that a line longer than {@value #LONGEST} characters comes in pieces of
     * that many: a server that prints without ever ending a line (a loop that prints each byte it
     * reads after the end) must not grow one line without limit, nor hide what it prints until the
     * line ends.
     */
    static final class Lines {
        static final int LONGEST = 4096;
        private final Reader reader;
        private boolean afterCarriageReturn; // a '\n' right after a '\r' ends no line of its own
        private boolean afterCut; // a line ending right after a piece cut at LONGEST ends that piece's line: no empty line

        Lines(Reader reader) {
            this.reader = reader;
        }

        /** The next line, or the next piece of a long one; null at the end. */
        String next() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1) {
                boolean skip = (afterCarriageReturn && c == '\n') || (afterCut && (c == '\n' || c == '\r'));
                afterCarriageReturn = c == '\r';
                afterCut = false;
                if (skip) {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return line.toString();
                }
                line.append((char) c);
                if (line.length() == LONGEST) {
                    afterCut = true;
                    return line.toString();
                }
            }
            return line.length() == 0 ? null : line.toString();
        }
    }

    /** Stops the server and everything it started, and waits until they are gone. */
    @Override
    public void close() {
        kill(process);
        RUNNING.remove(process);
    }

    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // still there after 5 s: nothing more we can do from here
            }
        }
    }

    /** Whether the checkpoints run on Windows: some commands and messages differ there. */
    static final boolean ON_WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    /**
     * How a report names the Maven wrapper in a command to type: in PowerShell and cmd.exe
     * ./mvnw is not a command, and the README tells Windows users to type .\mvnw.cmd instead.
     */
    static final String MVNW = ON_WINDOWS ? ".\\mvnw.cmd" : "./mvnw";

    /** The java of the JVM running the checkpoints, so the server runs on the same JDK. */
    static String javaExecutable() {
        String exe = ON_WINDOWS ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", exe).toString();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
