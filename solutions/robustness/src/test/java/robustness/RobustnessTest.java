package robustness;

import checkpoints.ServerProcess;
import checkpoints.ServerSources;
import checkpoints.Stages;
import labkit.Exchange;
import labkit.RawClient;
import labkit.Response;
import labkit.ResponseRules;
import labkit.Visible;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 8: thousands of generated hostile requests against each reference server of stages
 * 04-07 that exists. After each request: the server still answers a normal request; the response
 * is well-formed by labkit's ResponseRules (HEAD minded); it holds no byte of the canary file
 * outside the root; no payload appears unescaped; no 5xx; (stage 07) no accepted entry is lost.
 *
 * <p>System properties (pass them with -D on the Maven command line):
 * robustness.stages (e.g. "04,07"; default every reference server of stage 04 on that exists),
 * robustness.requests (10000), robustness.seconds (time limit per stage, 150), robustness.every
 * (the normal request after every Nth request, 1), robustness.seed (random by default),
 * robustness.only (replay one generated request by its number), robustness.bytes, robustness.pause
 * and robustness.end (replay exact bytes: base64 pieces separated by commas, the milliseconds
 * between pieces, then OPEN, HALF_CLOSE or HANG_UP), robustness.shrinkSeconds (the time to make
 * each kind of failing request smaller, 30; 0 turns it off),
 * robustness.sources (another server's source folder, with one stage: try the suite on a broken copy).
 */
class RobustnessTest {

    static final Path ROOT = Path.of(System.getProperty("workbook.root", "../..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of("target", "robustness-work").toAbsolutePath();
    static final String CANARY = "ROBUSTNESS-CANARY-5d1e7f3a-this-file-is-outside-the-web-root";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_FAILURES = 10;

    @TestFactory
    Stream<DynamicTest> referenceServers() {
        String only = System.getProperty("robustness.stages", "");
        List<String> stages = Stages.FOLDERS.stream()
            .filter(f -> Stages.number(f) >= 4)
            .filter(f -> Files.isDirectory(ROOT.resolve("solutions").resolve(f).resolve("src/main/java")))
            .filter(f -> only.isBlank() || List.of(only.split(",")).stream()
                .anyMatch(s -> Stages.number(f) == Integer.parseInt(s.strip())))
            .toList();
        if (stages.isEmpty()) {
            fail("no reference server of stage 04 or later found under " + ROOT.resolve("solutions"));
        }
        return stages.stream().map(stage -> DynamicTest.dynamicTest(stage, () -> new Campaign(stage).run()));
    }

    /** One stage's run: its server, its root with the canary next to it, and what was seen. */
    static final class Campaign {
        final String stage;
        final int number;
        final long seed = Long.getLong("robustness.seed", System.nanoTime() ^ System.identityHashCode(this));
        final int requests = Integer.getInteger("robustness.requests", 10_000);
        final int seconds = Integer.getInteger("robustness.seconds", 150);
        final int every = Integer.getInteger("robustness.every", 1);
        final int shrinkSeconds = Integer.getInteger("robustness.shrinkSeconds", 30);
        final Path work;
        final Path root;
        final Path classes;
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> similar = new TreeMap<>(); // failures by kind and problem
        final List<String> accepted = new ArrayList<>(); // guestbook entry ids answered with 303, in order
        final List<Long> window = new ArrayList<>();     // requests since the last good normal request
        ServerProcess server;
        byte[] index;
        int resets;
        int goAheads; // interim 100 Continue answers seen
        long shrinkingMillis; // spent making failing requests smaller
        int normalRequests;
        int guestbookChecks;

        Campaign(String stage) throws IOException {
            this.stage = stage;
            this.number = Stages.number(stage);
            this.work = WORK.resolve(stage);
            this.root = work.resolve("www");
            this.classes = WORK.resolve(stage + "-classes");
            deleteTree(work);
            deleteTree(classes);
            copyTree(ROOT.resolve(stage).resolve("www"), root);
            Files.writeString(work.resolve(Hostile.CANARY_NAME), CANARY + "\n");
            Files.createDirectories(root.resolve("static"));
            try {
                Files.createSymbolicLink(root.resolve("static/link-to-canary.txt"), work.resolve(Hostile.CANARY_NAME));
                Files.createSymbolicLink(root.resolve("static/uplink"), work);
            } catch (UnsupportedOperationException | IOException e) {
                System.out.println("[robustness] no symbolic links on this system: " + e);
            }
            index = Files.readAllBytes(root.resolve("index.html"));
            // robustness.sources: another server's sources for this stage (to try the suite on a broken copy)
            String other = System.getProperty("robustness.sources", "");
            compile(other.isBlank() ? ROOT.resolve("solutions").resolve(stage).resolve("src/main/java") : Path.of(other), classes);
        }

        void run() {
            Hostile hostile = new Hostile(number, seed, work.resolve(Hostile.CANARY_NAME).toString().replace('\\', '/'),
                requests);
            start();
            long started = System.nanoTime();
            long deadline = started + seconds * 1_000_000_000L;
            long sent = 0;
            try {
                String bytes = System.getProperty("robustness.bytes");
                String one = System.getProperty("robustness.only");
                if (bytes != null) {
                    Client.End end = Client.End.valueOf(System.getProperty("robustness.end", "OPEN").toUpperCase(Locale.ROOT));
                    List<byte[]> pieces = Stream.of(bytes.split(",")).map(Base64.getDecoder()::decode).toList();
                    Duration pause = Duration.ofMillis(Long.getLong("robustness.pause", 0));
                    exchange(-1, new Hostile.Request("replayed-bytes", pieces, pause, end, Hostile.Expect.ANY, null));
                    normal();
                    sent = 1;
                } else if (one != null) {
                    exchange(Long.parseLong(one), hostile.request(Long.parseLong(one)));
                    normal();
                    sent = 1;
                } else {
                    // the time spent making failing requests smaller does not count against the limit
                    for (long i = 0; i < requests && System.nanoTime() - shrinkingMillis * 1_000_000 < deadline
                            && failures.size() < MAX_FAILURES; i++) {
                        exchange(i, hostile.request(i));
                        sent++;
                        if (sent % every == 0) {
                            normal();
                        }
                        if (number >= 7 && sent % 500 == 0) {
                            guestbook();
                        }
                    }
                    normal();
                    if (number >= 7) {
                        guestbook();
                    }
                }
            } finally {
                server.close();
            }
            double took = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "[robustness] %s: %d generated requests (%d sweeps first) in %.1f s, seed %d;"
                    + " a normal GET / after every %d (%d in all)%s; statuses %s; resets after a whole answer %d; failures %d%n",
                stage, sent, hostile.sweepCount(), took, seed, every, normalRequests,
                number >= 7 ? "; guestbook checked " + guestbookChecks + " times, " + accepted.size() + " entries, "
                    + goAheads + " answers after a 100 Continue" : "",
                statuses, resets, failures.size());
            if (!failures.isEmpty()) {
                fail(failures.size() + " different failure(s) in " + stage + " (seed " + seed + "); how often each kind failed: "
                    + similar + "\n\n" + String.join("\n\n", failures));
            }
            if (System.getProperty("robustness.bytes") == null && System.getProperty("robustness.only") == null
                    && sent < requests) {
                fail(stage + ": only " + sent + " of " + requests + " requests within " + seconds + " s");
            }
        }

        void start() {
            server = ServerProcess.start(classes, work, List.of("--port", "0", "--root", root.toString()));
        }

        /** Sends one generated request, checks the answer and counts what it saw. */
        void exchange(long i, Hostile.Request request) {
            window.add(i);
            Client.Answer answer = send(request);
            if (request.end() == Client.End.HANG_UP) {
                return;
            }
            Verdict verdict = judge(request, answer);
            if (verdict.interim()) {
                goAheads++;
            }
            if (verdict.status() != 0) { // 0: nothing came back; -1: no status line
                statuses.merge(verdict.status(), 1, Integer::sum);
            }
            if (verdict.wholeBeforeReset()) {
                resets++; // the whole answer arrived before the reset: the client saw it
            }
            if (request.entryId() != null && verdict.status() == 303) {
                accepted.add(request.entryId());
            }
            if (!verdict.problems().isEmpty()) {
                failure(i, request, answer, String.join("\n  ", verdict.problems()));
            }
        }

        Client.Answer send(Hostile.Request request) {
            return Client.send(server.port(), request.pieces(), request.pause(), request.end(), TIMEOUT);
        }

        /**
         * What an answer shows: its status (0 when nothing came back, -1 without a status line),
         * whether an interim 100 came first, and what is wrong with it.
         */
        record Verdict(List<String> problems, int status, boolean interim, boolean wholeBeforeReset) {
        }

        Verdict judge(Hostile.Request request, Client.Answer answer) {
            byte[] got = answer.bytes();
            String method = perceivedMethod(request.bytes());
            List<String> problems = new ArrayList<>();
            // An interim "100 Continue" may come before the answer, and only for a request that asked.
            boolean interim = startsWith(got, CONTINUE);
            if (interim) {
                got = Arrays.copyOfRange(got, CONTINUE.length, got.length);
                if (!asksToContinue(request.bytes())) {
                    problems.add("100 Continue for a request that did not send Expect: 100-continue");
                }
            }
            if (answer.ending() == Client.Ending.TIMED_OUT) {
                problems.add("the connection was still open " + TIMEOUT.toSeconds() + " s after the request was sent");
            }
            if (answer.ending() == Client.Ending.REFUSED) {
                problems.add("connection refused: the server is gone");
            }
            if (got.length == 0) {
                if (request.end() == Client.End.OPEN && answer.ending() != Client.Ending.REFUSED) {
                    problems.add("no answer at all (ending " + answer.ending() + ")");
                }
                return new Verdict(problems, 0, interim, false);
            }
            Response response = Response.parse(got);
            List<String> rules = ResponseRules.check(got, method);
            if (!rules.isEmpty()) {
                problems.add("not well-formed by labkit's ResponseRules (as an answer to " + method + ", ending "
                    + answer.ending() + "):\n    - " + String.join("\n    - ", rules));
            }
            int status = response.status();
            if (status >= 500) {
                problems.add("status " + status + ": hostile input must get a 4xx, never a server error");
            }
            if (contains(got, CANARY.getBytes(StandardCharsets.US_ASCII))) {
                problems.add("THE CANARY FILE OUTSIDE THE ROOT WAS SERVED");
            }
            String body = new String(response.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            for (String mark : Hostile.UNESCAPED_MARKS) {
                if (body.contains(mark)) {
                    problems.add("a payload appears unescaped in the body: " + mark + "...");
                }
            }
            if (request.expect() == Hostile.Expect.NOT_431 && status == 431) {
                problems.add("431 for a head of at most 8,192 bytes (SPEC 3a: that size is allowed)");
            }
            if (request.expect() == Hostile.Expect.TOO_LARGE && status != 431 && status != 400) {
                problems.add("status " + status + " for a head over 8,192 bytes (SPEC 3a: 431, or 400)");
            }
            if (request.expect() == Hostile.Expect.NOT_STORED && status == 303) {
                problems.add("303 for a POST whose body two programs could frame differently (Transfer-Encoding, or white"
                    + " space before a header's colon): it must be refused, not stored (RFC 9112, 6.3 and 5.1)");
            }
            if (interim && (status == 411 || status == 413 || status == 415 || status == 507)) {
                problems.add("100 Continue, then " + status + ", which is given without reading the body: the go-ahead"
                    + " told the client to send a body the server does not read (RFC 9110, 10.1.1)");
            }
            return new Verdict(problems, status, interim, rules.isEmpty() && answer.ending() == Client.Ending.RESET);
        }

        /** A normal request: the home page, byte for byte. Restarts a server that no longer answers. */
        void normal() {
            normalRequests++;
            Exchange e = home();
            if (!servesHomePage(e)) {
                Response r = e.response();
                String what = "after request(s) " + window + " the server no longer answers a normal GET / with the home page"
                    + " (alive: " + server.isAlive() + ", ending " + e.ending() + "):\n" + Visible.block(r.raw(), "    ", 600)
                    + "\n  its last lines:\n    " + String.join("\n    ", server.lastLines(15));
                failures.add(stage + ": " + what + "\n  " + replayHint(window.isEmpty() ? -1 : window.get(window.size() - 1), null));
                System.out.println("[robustness] " + what);
                restart();
            }
            window.clear();
        }

        Exchange home() {
            return RawClient.exchange(server.port(), Hostile.ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), TIMEOUT);
        }

        boolean servesHomePage(Exchange e) {
            Response r = e.response();
            return r.status() == 200 && Arrays.equals(r.body(), index) && ResponseRules.check(r.raw(), "GET").isEmpty();
        }

        /** A fresh server: the guestbook starts empty again. */
        void restart() {
            server.close();
            accepted.clear();
            start();
        }

        /** Stage 07: every entry answered with 303 is on the page, in order. */
        void guestbook() {
            guestbookChecks++;
            Client.Answer a = Client.send(server.port(), List.of(Hostile.ascii("GET /guestbook HTTP/1.1\r\nHost: x\r\n\r\n")),
                Duration.ZERO, Client.End.OPEN, TIMEOUT);
            String page = new String(Response.parse(a.bytes()).body(), StandardCharsets.UTF_8);
            int from = 0;
            for (String id : accepted) {
                int at = page.indexOf(id, from);
                if (at < 0) {
                    String what = "the guestbook lost (or reordered) the accepted entry " + id + " (" + accepted.size()
                        + " accepted so far); page of " + page.length() + " chars";
                    failures.add(stage + ": " + what);
                    System.out.println("[robustness] " + what);
                    return;
                }
                from = at + id.length();
            }
        }

        void failure(long i, Hostile.Request request, Client.Answer answer, String problem) {
            // one bug tends to fail many similar requests: report the first of each kind and count the rest
            String signature = request.kind().replaceAll("[0-9]+", "N") + " | " + problem.lines().findFirst().orElse("")
                .replaceAll("[0-9]+", "N");
            if (similar.merge(signature, 1, Integer::sum) > 1) {
                return;
            }
            byte[] sent = request.bytes();
            String text = stage + ": request " + (i < 0 ? "(replayed)" : "#" + i) + " (" + request.kind() + ", "
                + request.pieces().size() + " piece(s), " + request.pause().toMillis() + " ms apart, then " + request.end() + "):\n  "
                + problem + "\n  sent:\n" + Visible.block(sent, "    ", 1500)
                + "\n  got (ending " + answer.ending() + "):\n" + Visible.block(answer.bytes(), "    ", 1500)
                + "\n  " + replayHint(i, request) + "\n  " + smaller(request, problem);
            failures.add(text);
            System.out.println("[robustness] FAILURE " + text);
        }

        /**
         * The smallest request that still fails with the same problems (numbers aside), found by
         * taking bytes out ({@link Shrink}); each try is sent to the server, and nothing is counted.
         */
        String smaller(Hostile.Request request, String problem) {
            if (shrinkSeconds <= 0) {
                return "(not made smaller: robustness.shrinkSeconds is 0)";
            }
            String same = problem.replaceAll("[0-9]+", "N");
            Shrink.Result r = Shrink.smallest(request, candidate -> {
                List<String> problems = judge(candidate, send(candidate)).problems();
                return String.join("\n  ", problems).replaceAll("[0-9]+", "N").equals(same);
            }, 500, Duration.ofSeconds(shrinkSeconds));
            shrinkingMillis += r.millis();
            String cost = String.format(Locale.ROOT, "%d tries, %.1f s", r.tries(), r.millis() / 1000.0);
            if (!servesHomePage(home())) { // not the failure being shrunk: a try the normal requests never see
                restart();
                cost += "; one of the tries stopped the server, which was restarted";
            }
            if (!r.smallerThan(request)) {
                return "no smaller request fails the same way (" + cost + "; one that depends on timing may not fail twice)";
            }
            Hostile.Request small = r.request();
            return "the same failure with " + small.bytes().length + " of the " + request.bytes().length + " bytes, in "
                + small.pieces().size() + " piece(s) (" + cost + "):\n" + Visible.block(small.bytes(), "    ", 1500)
                + "\n  " + replayHint(-1, small);
        }

        String replayHint(long i, Hostile.Request request) {
            String base = "./mvnw -q verify -Probustness -pl solutions/robustness -Drobustness.stages=" + stage.substring(5, 7);
            String hint = i < 0 ? "" : "replay: " + base + " -Drobustness.seed=" + seed + " -Drobustness.only=" + i
                + "\n  or the whole run again (stage 07 keeps state: the guestbook): " + base + " -Drobustness.seed=" + seed
                + " -Drobustness.requests=" + requests;
            if (request != null) {
                String pieces = request.pieces().stream().map(Base64.getEncoder()::encodeToString).collect(Collectors.joining(","));
                hint += (hint.isEmpty() ? "replay: " : "\n  or, these exact bytes: ") + base + " -Drobustness.end=" + request.end()
                    + (request.pieces().size() > 1 ? " -Drobustness.pause=" + request.pause().toMillis() : "")
                    + " -Drobustness.bytes=" + (pieces.length() > 12_000 ? "(" + pieces.length() + " chars: use robustness.only)" : pieces);
            }
            return hint;
        }
    }

    /** The method the server sees: that of a valid request line (SPEC 3: three parts, /target, HTTP/1.x), else GET. */
    static String perceivedMethod(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        String[] parts = (end < 0 ? text : text.substring(0, end)).strip().split(" ", -1);
        if (parts.length == 3 && parts[1].startsWith("/") && parts[2].matches("HTTP/1\\.[0-9]")) {
            return parts[0];
        }
        return "GET";
    }

    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Whether the head sends "Expect: 100-continue" (any case). */
    static boolean asksToContinue(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end + 2)).contains("\r\nexpect: 100-continue\r\n");
    }

    static boolean startsWith(byte[] bytes, byte[] start) {
        return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static void compile(Path sources, Path out) {
        ServerSources.compile(sources, out, sources.toString());
    }

    static void copyTree(Path from, Path to) {
        ServerSources.copyTree(from, to);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) { // does not follow symbolic links
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
