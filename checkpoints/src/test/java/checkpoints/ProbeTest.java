package checkpoints;

import labkit.Exchange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What "Try it by hand" adds to a request's line, where the request alone would not show the failure. */
class ProbeTest {

    private static final String IN_ROOT = "(the checkpoint made this file in a web root of its own; try a file in your www/static/)";
    private static final String OUTSIDE = "(the checkpoint made this file outside its web root, for this run only; try a file of yours outside www/)";

    @Test
    @DisplayName("files the checkpoint made in its web root or outside it get a note; files a student's www/ has, and missing ones, none")
    void notesForFilesTheRunMade() throws IOException {
        Target target = studentModule(4, "stage04-errors");
        Path module = target.moduleDir();
        Files.writeString(module.resolve("www/index.html"), "home");
        Files.writeString(module.resolve("www/static/hello.txt"), "hello");
        try (CheckpointRun run = new CheckpointRun(target);
             Lane lane = new Lane("test", target, Files.createDirectories(run.workDir().resolve("test")), 1)) {
            Probe p = new Probe(run, lane, "04.x", new Random(1));
            Fixture f = lane.fixture();
            Files.writeString(lane.root().resolve("static/hello.txt"), "the checkpoint's own hello");
            String outside = f.secret.getParent().getFileName() + "/" + f.secret.getFileName();
            String absolute = f.secret.toAbsolutePath().toString().replace('\\', '/');

            assertThat(p.tryItNotes().madeFileNote("/" + f.staticText), equalTo(IN_ROOT));
            assertThat(p.tryItNotes().madeFileNote("/" + f.staticText + "?x=1"), equalTo(IN_ROOT));
            assertThat(p.tryItNotes().madeFileNote("/" + f.staticText.replace("notes-", "%6eotes-")), equalTo(IN_ROOT));
            assertThat(p.tryItNotes().madeFileNote("/static/../" + f.siblingSecret),
                equalTo("(the checkpoint made this file in a web root of its own; make a .txt file in your www/static-"
                    + f.siblingSecret.substring("static-".length(), f.siblingSecret.indexOf('/')) + "/ and try that)"));
            // through a symbolic link the checkpoint made: how to make one like it, not "make a .txt file"
            assertThat(p.tryItNotes().madeFileNote("/" + f.staticFolderLink), equalTo("(the checkpoint made "
                + f.staticFolderLink.substring(0, f.staticFolderLink.indexOf('/', "static/".length())) + " a symbolic link to a folder"
                + " outside its web root. The same with yours, in your stage's folder: ln -s ../../.. www/static/shelf, then ask for"
                + " /static/shelf/" + module.getFileName() + "/README.md, the lesson)"));
            assertThat(p.tryItNotes().madeFileNote("/" + f.staticLink), containsString("a symbolic link to a file outside its web root."
                + " The same with yours, in your stage's folder: ln -s ../../README.md www/static/link.txt"));
            assertThat(p.tryItNotes().madeFileNote("/static/../../" + outside), equalTo(OUTSIDE));
            assertThat(p.tryItNotes().madeFileNote("/static/%2e%2e/%2e%2e/" + outside), equalTo(OUTSIDE));
            assertThat(p.tryItNotes().madeFileNote("/static/..%2f..%2f" + outside.replace("/", "%2f")), equalTo(OUTSIDE));
            assertThat(p.tryItNotes().madeFileNote("/static/" + (absolute.startsWith("/") ? "" : "/") + absolute), equalTo(OUTSIDE));
            assertThat(p.tryItNotes().madeFileNote("/static/%2F" + absolute.replaceFirst("^/", "").replace("/", "%2F")), equalTo(OUTSIDE));

            // the secret outside the root, by any path, becomes the student's README.md, beside their www/ as the secret is beside the root
            String readme = module.resolve("README.md").toAbsolutePath().toString().replace('\\', '/');
            assertThat(p.tryItNotes().withOwnFileOutside("/static/../../" + outside), equalTo("/static/../../README.md"));
            assertThat(p.tryItNotes().withOwnFileOutside("/static/..%2f..%2f" + outside.replace("/", "%2f")), equalTo("/static/..%2f..%2fREADME.md"));
            assertThat(p.tryItNotes().withOwnFileOutside("/static/" + (absolute.startsWith("/") ? "" : "/") + absolute),
                equalTo("/static/" + (readme.startsWith("/") ? "" : "/") + readme));
            assertThat(p.tryItNotes().withOwnFileOutside("/static/%2F" + absolute.replaceFirst("^/", "").replace("/", "%2F")),
                equalTo("/static/%2F" + readme.replaceFirst("^/", "").replace("/", "%2F")));
            assertThat(p.tryItNotes().withOwnFileOutside("/static/../index.html"), nullValue());

            // the secret beside static/ becomes a fixed static-private/key.txt that the student can make in their www/
            assertThat(p.tryItNotes().withOwnSiblingSecret("/static/../" + f.siblingSecret), equalTo("/static/../static-private/key.txt"));
            assertThat(p.tryItNotes().withOwnSiblingSecret("/static/..%2f" + f.siblingSecret.replace("/", "%2f")),
                equalTo("/static/..%2fstatic-private%2fkey.txt"));
            assertThat(p.tryItNotes().withOwnSiblingSecret("/static/../index.html"), nullValue());

            // the student's www/ has these too, or no one has them: trying them by hand shows the same
            assertThat(p.tryItNotes().madeFileNote("/static/hello.txt"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/static/../index.html"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/static/"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/static/missing-abc.txt"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/static/\u0000x"), nullValue());
            assertThat(p.tryItNotes().madeFileNote("/static/%"), nullValue());
            assertThat(p.tryItNotes().madeFileNote(null), nullValue());

            // a file of the root the student's www/ has too, but not alike where it matters (size, line ends, characters)
            assertThat(p.tryItNotes().ownFileNote("index.html"), containsString("(the checkpoint's own index.html is 9,"));
            assertThat(p.tryItNotes().ownFileNote("index.html"), containsString("bytes, lines ending in \\r\\n, non-ASCII characters; your"
                + " www/index.html is 4 bytes: if yours does not show this, make it larger than 8 KiB (copy its content several"
                + " times), with lines ending in \\r\\n (saved so by your editor), with characters such as \u00fc in it, and run the line again)"));
            Files.write(module.resolve("www/index.html"), f.bytes("index.html"));
            assertThat(p.tryItNotes().ownFileNote("index.html"), nullValue());
            assertThat(p.tryItNotes().ownFileNote("kittens.html"), nullValue()); // not in the student's www/: madeFileNote's case
            assertThat(p.tryItNotes().ownFileNote("kittens.html filled with size 100"), nullValue()); // not a file's name
        }
    }

    @Test
    @DisplayName("stage 05's file of an odd name becomes static/two words+c++ notes.txt, escapes and all")
    void oddNameBecomesOneTheStudentCanMake() throws IOException {
        Target target = studentModule(5, "stage05-querystring");
        try (CheckpointRun run = new CheckpointRun(target);
             Lane lane = new Lane("test", target, Files.createDirectories(run.workDir().resolve("test")), 1)) {
            Probe p = new Probe(run, lane, "05.x", new Random(1));
            String odd = lane.fixture().staticOddName;
            assertThat(p.tryItNotes().withOwnOddName("/" + odd.replace(" ", "%20")), equalTo("/static/two%20words+c++%20notes.txt"));
            assertThat(p.tryItNotes().withOwnOddName("/" + odd.replace(" ", "%20").replace("+", "%2B")), equalTo("/static/two%20words%2Bc%2B%2B%20notes.txt"));
            assertThat(p.tryItNotes().withOwnOddName("/" + odd.replace(" ", "+")), nullValue()); // '+' is no space in a path: another file
            assertThat(p.tryItNotes().withOwnOddName("/static/hello.txt"), nullValue());
        }
    }

    /** A stage's module as a student's: a www/ with an empty static/, and a server that does nothing (never started here). */
    private static Target studentModule(int stage, String folder) throws IOException {
        Path classes = ServerOutputTest.compile("package webserver; public class WebServer { public static void main(String[] a) { } }");
        Path module = ServerSources.temporaryFolder("probe-module-");
        Files.createDirectories(module.resolve("www/static"));
        return new Target(stage, folder, classes, module, null, "probe test");
    }

    /** A server that answers every request with 200 and a short page, whatever it asks. */
    private static final String ANSWERS_EVERYTHING = ServerOutputTest.listening("", """
        Thread.sleep(20); // the whole request has come: it is read, not left to reset the connection
        client.getInputStream().readNBytes(client.getInputStream().available());
        client.getOutputStream().write(("HTTP/1.1 200 OK\\r\\nContent-Type: text/html; charset=utf-8\\r\\n"
            + "Content-Length: 2\\r\\nConnection: close\\r\\n\\r\\nhi").getBytes(StandardCharsets.UTF_8));
        """);

    @Test
    @DisplayName("the guestbook's page after posts lists the posts first; a file the checkpoint changed or removed gets a note")
    void whatHappenedBeforeTheRequest() throws IOException {
        withStage07Probe(ANSWERS_EVERYTHING, (run, lane, p) -> {
            String form = "application/x-www-form-urlencoded";
            p.send(Request.post("/guestbook", form, "name=Ada&message=one".getBytes(StandardCharsets.UTF_8)));
            p.send(Request.post("/guestbook", form, "name=Bob&message=two".getBytes(StandardCharsets.UTF_8)));
            String page = p.fail(p.get("/guestbook"), "e", "f", "h").tryIt();
            assertThat(page, equalTo("first the 2 posts the checkpoint sent before this request, in order (a server started afresh has none):"
                + "\n    curl -v -H 'Content-Type: " + form + "' --data-binary 'name=Ada&message=one' 'http://localhost:5000/guestbook'"
                + "\n    curl -v -H 'Content-Type: " + form + "' --data-binary 'name=Bob&message=two' 'http://localhost:5000/guestbook'"
                + "\n    then:\n    curl -v 'http://localhost:5000/guestbook'"));
            // a post itself, and another page, are tried alone
            assertThat(p.fail(p.get("/about"), "e", "f", "h").tryIt(), equalTo("curl -v 'http://localhost:5000/about'"));

            Fixture f = lane.fixture();
            f.change("index.html", "edited".getBytes(StandardCharsets.UTF_8));
            f.remove("about.html");
            String home = p.fail(p.get("/"), "e", "f", "h").tryIt();
            assertThat(home, containsString("\n    (the checkpoint changed index.html in its web root between two requests:"
                + " run the line, edit your www/index.html, run it again)"));
            assertThat(home, containsString("\n    (the checkpoint removed about.html from its web root for this request:"
                + " rename your www/about.html, then run the line)"));
            f.change("index.html", "edit!".getBytes(StandardCharsets.UTF_8));
            f.change("index.html", "EDIT!".getBytes(StandardCharsets.UTF_8)); // the same size as the change before
            assertThat(p.fail(p.get("/"), "e", "f", "h").tryIt(), containsString("edit your www/index.html without changing its size"));
            // a file put in place before the checkpoint's first request (a template of its own) needs no edit by hand
            Probe fresh = new Probe(run, lane, "07.y", new Random(2));
            assertThat(fresh.fail(fresh.get("/"), "e", "f", "h").tryIt(), not(containsString("index.html")));
            f.restore("index.html");
            f.restore("about.html");
            assertThat(p.fail(p.get("/"), "e", "f", "h").tryIt(), equalTo("curl -v 'http://localhost:5000/'"));
        });
    }

    /** What a test does with a probe: the run and the lane too, for a second probe or the fixture. */
    private interface ProbeUse {
        void use(CheckpointRun run, Lane lane, Probe p) throws IOException;
    }

    /** Runs {@code use} with a probe of a stage 07 checkpoint, against the server compiled from {@code source}. */
    private static void withStage07Probe(String source, ProbeUse use) throws IOException {
        Path classes = ServerOutputTest.compile(source);
        Path module = ServerSources.temporaryFolder("probe-module-");
        Files.createDirectories(module.resolve("www"));
        Target target = new Target(7, "stage07-post", classes, module, null, "probe test");
        try (CheckpointRun run = new CheckpointRun(target);
             Lane lane = new Lane("test", target, Files.createDirectories(run.workDir().resolve("test")), 1)) {
            use.use(run, lane, new Probe(run, lane, "07.x", new Random(1)));
        }
    }

    /** A server that reads the head to its empty line, answers 303 and closes, never reading a body. */
    private static final String ANSWERS_AFTER_THE_HEAD = ServerOutputTest.listening("", """
        InputStream in = client.getInputStream();
        int last4 = 0;
        for (int b = in.read(); b != -1; b = in.read()) {
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) { // \\r\\n\\r\\n: the empty line
                break;
            }
        }
        client.getOutputStream().write(("HTTP/1.1 303 See Other\\r\\nLocation: /guestbook\\r\\n"
            + "Content-Length: 0\\r\\nConnection: close\\r\\n\\r\\n").getBytes(StandardCharsets.UTF_8));
        """);

    @Test
    @DisplayName("a checkpoint's own hint comes after a diagnosis of what the server did (it answered before the body came), before a guess")
    void diagnosisLeadsTheCheckpointsHint() throws IOException {
        withStage07Probe(ANSWERS_AFTER_THE_HEAD, (run, lane, p) -> {
            byte[] body = "name=Ada&message=".concat("x".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
            Exchange cut = p.send(Request.post("/guestbook", "application/x-www-form-urlencoded", body)
                .inPieces(3, java.time.Duration.ofMillis(30)));
            Failure diagnosed = assertThrows(Failure.class, () -> p.answered(cut, "THE CHECKPOINT'S HINT"));
            assertThat(diagnosed.hint(), startsWith("It read the whole head, then answered before the whole body had come."));
            assertThat(diagnosed.hint(), containsString("\nTHE CHECKPOINT'S HINT"));
            // a request without an empty line: the server never answers, and the checkpoint's guess leads
            Exchange silent = p.send(Request.raw("GET / HTTP/1.1\r\nHost: x\r\n"));
            Failure guessed = assertThrows(Failure.class, () -> p.answered(silent, "THE CHECKPOINT'S HINT"));
            assertThat(guessed.hint(), startsWith("THE CHECKPOINT'S HINT\n"));
        });
    }
}
