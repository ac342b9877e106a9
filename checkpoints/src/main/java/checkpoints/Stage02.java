package checkpoints;

import labkit.Exchange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stage 02, the body comes from a file: any request gets {@code <root>/index.html}, byte for byte,
 * read afresh on each request. The root is {@code --root DIR}, by default the stage's own www/.
 */
final class Stage02 {

    private Stage02() {
    }

    static List<Checkpoint> checkpoints() {
        return List.of(
            Checkpoint.of("02.file-body", 3, "The body is the file index.html of the root, byte for byte",
                p -> Answers.sameBytes(p, p.get("/"), p.fixture().bytes("index.html"), "index.html")),
            Checkpoint.of("02.content-length", 2, "Content-Length is the file's size in bytes, not its number of characters",
                Stage02::contentLength),
            Checkpoint.of("02.fresh-read", 2, "The file is read afresh for each request: a change shows on the next one",
                Stage02::freshRead),
            Checkpoint.of("02.default-root", 2, "Without --root, the server serves its own www/ folder, whatever folder it was started from",
                Stage02::defaultRoot).onSecondServer(),
            Checkpoint.of("02.any-path", 1, "Any path gets index.html (in this stage)",
                p -> Answers.sameBytes(p, p.get("/" + p.fresh("any-")), p.fixture().bytes("index.html"), "index.html"))
                .until(2));
    }

    private static void contentLength(Probe p) {
        byte[] file = p.fixture().bytes("index.html");
        Exchange e = p.get("/");
        String value = p.answered(e).header("Content-Length");
        String wanted = String.valueOf(file.length);
        if (!wanted.equals(value == null ? null : value.strip())) {
            int characters = new String(file, StandardCharsets.UTF_8).length();
            int sent = e.body().length;
            boolean countsWhatWasSent = value != null && value.strip().equals(String.valueOf(sent));
            String found = value == null ? "no Content-Length header" : "Content-Length: " + value
                + (countsWhatWasSent ? " (the number of bytes of the body that came, which are not the file's)"
                   : value.strip().equals(String.valueOf(characters)) ? " (the file's length as a Java String: its chars)" : "");
            throw p.fail(e, "Content-Length: " + wanted + " (index.html has " + file.length + " bytes, " + characters
                    + " Java chars)", found,
                countsWhatWasSent
                    ? "Content-Length matches the " + sent + " bytes the server sent: it is counted right. But those bytes"
                        + "\nare not the " + file.length + " bytes of index.html; 02.file-body says how they differ."
                    : "Content-Length counts bytes, not characters: in UTF-8, ü takes two bytes and 🐱 four. Count the"
                        + "\nbytes you send (the length of the byte array), not the length of a String.");
        }
    }

    private static void freshRead(Probe p) {
        Fixture fixture = p.fixture();
        Answers.sameBytes(p, p.get("/"), fixture.bytes("index.html"), "index.html");
        // Two edits: the second keeps the file's size (a fresh word of the same length), so a server
        // that reads the file again only when its size changes still shows the first edit.
        try {
            byte[] before = fixture.bytes("index.html");
            for (int edit = 1; edit <= 2; edit++) {
                byte[] edited = ("<!doctype html>\n<title>Edited</title>\n<h1>Edited: " + p.fresh("new-") + ", Grüße</h1>\n")
                    .getBytes(StandardCharsets.UTF_8);
                fixture.change("index.html", edited);
                Exchange e = p.get("/");
                p.answered(e);
                if (!java.util.Arrays.equals(e.body(), edited)) {
                    throw p.fail(e, "the new content of index.html, which the checkpoint has just changed"
                            + (edit == 2 ? " again (to as many bytes as before)" : ""),
                        java.util.Arrays.equals(e.body(), before) ? "the same body as before the change"
                            : "a body of " + e.body().length + " bytes that is not the new file",
                        "Read the file when a request comes, not once at start-up: then a page you edit shows when you"
                            + "\nreload, without restarting the server." + (edit == 2 ? "\nHere the file was changed twice; the"
                            + " second change kept its size, and the page did not show it." : ""));
                }
                before = edited;
            }
        } finally {
            fixture.restore("index.html");
        }
    }

    /**
     * Copies the compiled server into a folder laid out like a stage (STAGE/target/classes next to
     * STAGE/www with a fresh index.html) and starts it from ANOTHER folder without --root.
     */
    private static void defaultRoot(Probe p) throws Exception {
        Path stage = p.workDir().resolve(p.fresh("stage-copy-"));
        ServerSources.copyTree(p.serverClasses(), stage.resolve("target").resolve("classes"));
        byte[] page = ("<!doctype html>\n<title>Own www</title>\n<h1>The stage's own www/, café " + p.fresh("") + "</h1>\n")
            .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(stage.resolve("www"));
        Files.write(stage.resolve("www").resolve("index.html"), page);
        Path elsewhere = Files.createDirectories(p.workDir().resolve(p.fresh("elsewhere-")));
        String hint = "The server was started as a student starts it from the repository root or an IDE: the working"
            + "\ndirectory was another folder, and there was no --root. A relative path such as Path.of(\"www\")"
            + "\nstarts at the working directory, so it was not the stage's www/. Find www/ from where the"
            + "\ncompiled classes are (STAGE/target/classes, two folders up), as the lesson shows.";
        Failure[] fromCheck = new Failure[1];
        try {
            p.withOtherServer(stage.resolve("target").resolve("classes"), elsewhere, List.of("--port", "0"), other -> {
                Exchange e = p.sendTo(other, Request.get("/"));
                try {
                    Answers.sameBytes(p, e, page, "index.html");
                } catch (Failure f) {
                    String printed = other.lastLines(8).stream().map(Failure::visibleLine)
                        .collect(Collectors.joining("\n  ", "\nThe server started without --root printed:\n  ", ""));
                    String notTheRoot = notAboutTheRoot(p, e);
                    fromCheck[0] = p.fail(e, "the index.html of the stage's own www/ folder (" + stage.resolve("www") + ")",
                        f.found() + printed, notTheRoot == null ? hint : f.hint() + "\n" + notTheRoot)
                        .withTryItNote("(" + startedAsTheReadmeDoes(p) + "; started in " + p.stageFolder()
                            + "/ itself, a path relative to the working folder finds www/ by luck)");
                    throw fromCheck[0];
                }
            });
        } catch (Failure f) {
            if (f == fromCheck[0]) {
                throw f;
            }
            throw Failure.of("the server, started in " + elsewhere + " without --root, to serve " + stage.resolve("www"),
                f.found(), hint).withServerOutput(f.serverOutput())
                .withTryIt(startedAsTheReadmeDoes(p) + "\n    (it must start, and serve " + p.stageFolder() + "/www)");
        }
    }

    /** How to start the server as 02.default-root does, for its "try it by hand". */
    private static String startedAsTheReadmeDoes(Probe p) {
        return "start your server from the workbook's folder without --root, as the README does: " + ServerProcess.MVNW
            + " -q compile exec:java -pl "
            + p.stageFolder();
    }

    /**
     * Why the wrong answer of the server started without --root is not about the folder it serves,
     * or null when it is. It is not when the connection was left open (02.file-body's server shows
     * the same), nor when the server this run started WITH --root gets index.html wrong too: then
     * the body is spoiled on the way (a starter's page, a charset), whichever folder it comes from.
     */
    private static String notAboutTheRoot(Probe p, Exchange e) {
        if (e.ending() == Exchange.Ending.TIMED_OUT) {
            return "(This is not about which folder is served: the connection stayed open after the answer.)";
        }
        try {
            Answers.sameBytes(p, p.get("/"), p.fixture().bytes("index.html"), "index.html");
            return null;
        } catch (Failure withRoot) {
            if (p.server().printedSoon(p.linesBeforeLastExchange(), line -> line.contains("NoSuchFileException"))) {
                // a path of its own, such as Path.of("www/index.html"), is not found from either folder
                return "(Started WITH --root, the server does not find index.html either: NoSuchFileException."
                    + "\nDoes it read the file from the folder it was given, the parameter root, or from a path of its"
                    + "\nown, which Java looks up from the folder the server was started in?)"; // no "see": the other report says "see this one"
            }
            return "(This is not about which folder is served: started WITH --root, the server gets index.html"
                + "\nwrong too. See 02.file-body.)";
        }
    }
}
