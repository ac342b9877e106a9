package proof;

import checkpoints.ServerProcess;
import checkpoints.ServerSources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jshell session in labkit/README.md is replayed through the real jshell against the real
 * stage 01 reference server, and must print exactly what the README shows. So the README
 * cannot go stale when labkit or stage 01 changes.
 */
class LabkitReadmeTest {

    /** One line typed at the prompt and what jshell printed for it. */
    record Step(String input, String output) {}

    @Test
    @DisplayName("the jshell session in labkit/README.md prints exactly what the README shows")
    void readmeSessionIsTrue() throws Exception {
        List<Step> expected = readmeSession();
        assertTrue(expected.size() >= 5, "the README's ```jshell block should show a session; found " + expected);

        // The README uses port 5000. Take a free port with as many digits, so byte counts stay the same.
        int port = freeFourDigitPort();
        Path labkit = Workbook.compile(Workbook.ROOT.resolve("labkit/src/main/java"), "labkit");
        Path server = Workbook.compile(Workbook.solutionSources("stage01-socket"), "the stage 01 solution");
        try (ServerProcess running = ServerProcess.start(server, ServerSources.temporaryFolder("readme-"),
                 List.of("--port", String.valueOf(port)))) {
            List<String> inputs = expected.stream().map(s -> s.input().replace("5000", "" + port)).toList();
            Session actual = runJshell(labkit, inputs);
            if (!actual.ran()) {
                // jshell itself did not run (under a heavy load its engine may fail to start): once more.
                System.out.println("jshell printed no prompt; trying once more. It printed:\n" + actual.printed());
                actual = runJshell(labkit, inputs);
            }
            assertTrue(actual.ran(), "jshell did not run the session; it printed:\n" + actual.printed());
            assertEquals(expected.size(), actual.steps().size(), "steps: " + actual.steps());
            for (int i = 0; i < expected.size(); i++) {
                Step want = expected.get(i);
                assertEquals(want.output().replace("5000", "" + port), actual.steps().get(i).output(),
                    "labkit/README.md shows something else for: jshell> " + want.input()
                        + "\n(the server ran on port " + port + " in place of 5000)");
            }
        }
    }

    /** The bytes the original lab's Python server sent, as labkit/README.md quotes its four send() calls. */
    private static final String ORIGINAL_LAB_ANSWER = "HTTP/1.1 200 OK\n" + "Content length: " + 21
        + "Content-Type: text/html\n\n" + "<h1>Hello Client</h1>";

    @Test
    @DisplayName("labkit/README.md's check of the original lab's answer prints exactly what the README shows")
    void originalLabSessionIsTrue() throws Exception {
        String readme = Workbook.read(Workbook.ROOT.resolve("labkit/README.md")).replace("\r\n", "\n");
        String section = readme.substring(readme.indexOf("## The original lab's response, checked"));
        List<Step> expected = steps(section, "```text\n");
        assertTrue(expected.size() >= 2, "the README's original-lab section should show a session; found " + expected);
        Path labkit = Workbook.compile(Workbook.ROOT.resolve("labkit/src/main/java"), "labkit");
        // A server that reads the request's head and answers with the original lab's bytes, then closes.
        try (ServerSocket listener = new ServerSocket(freeFourDigitPort(), 50, InetAddress.getByName("127.0.0.1"))) {
            Thread server = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (var client = listener.accept()) {
                        var in = client.getInputStream();
                        int last4 = 0;
                        for (int b = in.read(); b != -1; b = in.read()) {
                            last4 = (last4 << 8) | b;
                            if (last4 == 0x0D0A0D0A) { // the empty line: the head is over
                                break;
                            }
                        }
                        client.getOutputStream().write(ORIGINAL_LAB_ANSWER.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // the listener was closed at the end of the test, or the client went away
                    }
                }
            }, "original-lab-server");
            server.setDaemon(true);
            server.start();
            int port = listener.getLocalPort();
            List<String> inputs = expected.stream().map(s -> s.input().replace("5000", "" + port)).toList();
            Session actual = runJshell(labkit, inputs);
            if (!actual.ran()) {
                actual = runJshell(labkit, inputs); // see readmeSessionIsTrue
            }
            assertTrue(actual.ran(), "jshell did not run the session; it printed:\n" + actual.printed());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).output().replace("5000", "" + port), actual.steps().get(i).output(),
                    "labkit/README.md's original-lab section shows something else for: jshell> " + expected.get(i).input()
                        + "\n(the server ran on port " + port + " in place of 5000)");
            }
        }
    }

    static List<Step> readmeSession() {
        String readme = Workbook.read(Workbook.ROOT.resolve("labkit/README.md")).replace("\r\n", "\n");
        return steps(readme, "```jshell\n");
    }

    /** The steps of the first block of {@code text} that opens with {@code fence}: each "jshell> " line and what follows it. */
    private static List<Step> steps(String text, String fence) {
        Matcher block = Pattern.compile(Pattern.quote(fence) + "(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(block.find(), "labkit/README.md has no " + fence.strip() + " block there");
        List<Step> steps = new ArrayList<>();
        String input = null;
        StringBuilder output = new StringBuilder();
        for (String line : block.group(1).split("\n", -1)) {
            if (line.startsWith("jshell> ")) {
                if (input != null) {
                    steps.add(new Step(input, trimEnd(output.toString())));
                }
                input = line.substring("jshell> ".length());
                output.setLength(0);
            } else {
                output.append(line).append('\n');
            }
        }
        if (input != null) {
            steps.add(new Step(input, trimEnd(output.toString())));
        }
        return steps;
    }

    /** What jshell printed, split per input; {@code ran} is false when it printed no prompt at all. */
    record Session(boolean ran, List<Step> steps, String printed) {}

    /** Runs jshell with labkit on its class path, types each input, and splits what it prints per input. */
    static Session runJshell(Path labkit, List<String> inputs) throws IOException, InterruptedException {
        String exe = System.getProperty("os.name", "").startsWith("Windows") ? "jshell.exe" : "jshell";
        // The engine that runs the snippets is a second JVM; allow it 30 s to start on a busy machine.
        Process jshell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", exe).toString(),
            "--execution", "jdi:hostname(localhost),timeout(30000)",
            "--class-path", labkit.toString()).redirectErrorStream(true).start();
        try (OutputStream in = jshell.getOutputStream()) {
            for (String input : inputs) {
                in.write((input + "\n").getBytes(StandardCharsets.UTF_8));
            }
            in.write("/exit\n".getBytes(StandardCharsets.UTF_8));
        }
        String printed = new String(jshell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(jshell.waitFor(60, TimeUnit.SECONDS), "jshell did not finish");
        // Each prompt starts a line: "jshell> ", followed by a space and a backspace when jshell's
        // line editor finds a terminal (JDK 17 here), by nothing when it does not (JDK 25, CI).
        String[] parts = printed.split("(?m)^jshell> (?: \u0008)?", -1);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            String output = i + 1 < parts.length ? parts[i + 1] : "(nothing)";
            steps.add(new Step(inputs.get(i), trimEnd(output)));
        }
        return new Session(parts.length > 1, steps, printed);
    }

    private static String trimEnd(String text) {
        return text.replaceAll("[\\s]+$", "");
    }

    private static int freeFourDigitPort() throws IOException {
        for (int port = 5000 + (int) (Math.random() * 4000); port < 9999; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port between 5000 and 9999");
    }
}
