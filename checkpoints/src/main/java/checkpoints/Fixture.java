package checkpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web root a server serves during one checkpoint run (stage 02 on), filled with files made
 * fresh for the run: pages with a fresh word and non-ASCII text, an "image" of random bytes, and
 * from stage 04 a static/ folder with fresh names, plus a secret file OUTSIDE the root that no
 * request may ever reach. A server cannot hard-code any of it; checkpoints read the expected bytes
 * from here.
 *
 * <p>Every file a checkpoint of any stage up to this one needs is there before the first checkpoint
 * runs: stage 01's checkpoints also run against later servers, and ask for the home page.
 */
final class Fixture {

    /** Non-ASCII text in every page: in UTF-8 it has more bytes than characters. */
    static final String NON_ASCII = "Grüße aus dem Café, naïve façade, Ελληνικά, 日本語, 🐱";

    /** Whether the note that no symbolic link could be made was printed in this run. */
    private static final AtomicBoolean LINK_NOTE_PRINTED = new AtomicBoolean();

    private final Path root;
    private final Random random;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    /** Files a checkpoint changed, until it restores them: each one's last change. */
    private final Map<String, Change> changed = new HashMap<>();
    /** Files a checkpoint removed, until it restores them. */
    private final Set<String> removed = new TreeSet<>();

    /** A checkpoint's change of a file: the new bytes, when (System.nanoTime), and whether it kept the file's size. */
    private record Change(byte[] content, long at, boolean keptSize) {
    }

    /** A word made for this run; every page contains it. */
    final String word;
    /** Stage 04: names of files under static/ (relative to the root), made for this run. */
    String staticText;
    String staticSvg;
    String staticJs;
    String staticData;
    String staticFolder;
    String staticNested;
    /** Stage 04: a symbolic link under static/ to the secret file, or null if the system refused one. */
    String staticLink;
    /**
     * Stage 04: a copy of the secret reached through a symbolic link to the secret's FOLDER, two
     * names above the file ("static/NAME/NAME/secret-NAME.txt"), or null if the system refused one.
     * Neither the file nor its folder is a link: a check of the last name or two
     * (Files.isSymbolicLink(file), or of its parent) lets it through. Links have no telltale prefix
     * in their names, so a server cannot pick them out by name either.
     */
    String staticFolderLink;
    /** From stage 03 on: a file next to the root, not in it: its bytes must never be sent. */
    Path secret;
    /**
     * Stage 04: a file in a folder BESIDE static/ whose name starts with "static" (static-NAME/),
     * inside the root but outside static/: a check that compares the text of the paths
     * (startsWith on Strings) takes it for a file under static/.
     */
    String siblingSecret;
    /** Stage 05: a file under static/ whose name has a space and '+' signs (sent as %20 and +). */
    String staticOddName;

    private Fixture(Path root, Random random) {
        this.root = root;
        this.random = random;
        this.word = freshWord("");
    }

    /** Fills {@code root} (an empty folder inside {@code workDir}) with the files of {@code stage}. */
    static Fixture create(int stage, Path root, Path workDir, Random random) {
        Fixture f = new Fixture(root, random);
        if (stage >= 2) {
            // Over 8 KiB (a comment pads it): a server that reads a file with one read() into a buffer
            // sends part of it. kitten.png, below, is over 64 KiB for the same reason.
            f.put("index.html", padded(page("Home " + f.word, f.word), 9_000));
        }
        if (stage >= 3) {
            f.put("kittens.html", page("Kittens " + f.word, f.freshWord("kittens-")));
            f.put("about.html", page("About " + f.word, f.freshWord("about-")));
            f.put("style.css", ("/* " + f.word + " */\nbody { font-family: sans-serif; }\nh1::after { content: \"Grüße\"; }\n")
                .getBytes(StandardCharsets.UTF_8));
            f.put("kitten.png", f.binary(70_000));
            // A file outside the root: no path may reach it (a route map never does; a server that
            // makes the path into a file name may, with /../ or //absolute)
            Path outside = workDir.resolve(f.freshWord("outside-"));
            f.secret = outside.resolve(f.freshWord("secret-") + ".txt");
            write(f.secret, ("SECRET " + f.freshWord("") + " " + f.freshWord("") + ": never send me\n")
                .getBytes(StandardCharsets.UTF_8));
        }
        if (stage >= 4) {
            f.put("404.html", page("Not found " + f.word, f.freshWord("missing-")));
            f.staticText = "static/" + f.freshWord("notes-") + ".txt";
            f.put(f.staticText, ("Plain text, " + NON_ASCII + " " + f.word + "\n").getBytes(StandardCharsets.UTF_8));
            f.staticSvg = "static/" + f.freshWord("cat-") + ".svg";
            f.put(f.staticSvg, ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><title>" + f.word
                + "</title><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n").getBytes(StandardCharsets.UTF_8));
            f.staticJs = "static/" + f.freshWord("app-") + ".js";
            f.put(f.staticJs, ("console.log(\"" + f.word + " Grüße\");\n").getBytes(StandardCharsets.UTF_8));
            f.staticData = "static/" + f.freshWord("data-") + ".bin";
            f.put(f.staticData, f.binary(2000));
            f.staticFolder = "static/" + f.freshWord("folder-");
            f.staticNested = f.staticFolder + "/" + f.freshWord("deep-") + ".txt";
            f.put(f.staticNested, ("nested " + f.word + "\n").getBytes(StandardCharsets.UTF_8));
            f.siblingSecret = "static-" + f.freshWord("private-") + "/" + f.freshWord("key-") + ".txt";
            f.put(f.siblingSecret, ("KEY " + f.freshWord("") + ": not under static/, never send me\n")
                .getBytes(StandardCharsets.UTF_8));
            String link = "static/" + f.freshWord("") + ".txt";
            String folderLink = "static/" + f.freshWord("");
            String deeper = f.freshWord("") + "/" + f.secret.getFileName(); // in the secret's folder, one down
            write(f.secret.getParent().resolve(deeper), f.secretBytes());
            try {
                Files.createSymbolicLink(root.resolve(link), f.secret.toAbsolutePath());
                f.staticLink = link;
                Files.createSymbolicLink(root.resolve(folderLink), f.secret.getParent().toAbsolutePath());
                f.staticFolderLink = folderLink + "/" + deeper;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                f.staticLink = null; // Windows without the right, for example: the other variants remain
                f.staticFolderLink = null;
                if (LINK_NOTE_PRINTED.compareAndSet(false, true)) { // once per JVM, not once per server copy
                    System.out.println("(note: this system did not let the checkpoints make a symbolic link (" + e
                        + "), so 04.traversal cannot try a link under static/ that leads outside; a grader on Linux does)");
                }
            }
        }
        if (stage >= 5) {
            f.staticOddName = "static/two words+c++ " + f.freshWord("") + ".txt";
            f.put(f.staticOddName, ("odd name " + f.word + " " + NON_ASCII + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (stage >= 6) {
            // The template of /hello. Stage 05's checkpoints read "Hello, NAME!" and "Also here: ..."
            // in it as in stage 05's page made in code; stage 06's put their own kittens.html in place.
            f.put("hello.html", ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Hello "
                + f.word + "</title></head>\n<body>\n<h1>Hello, {{name}}!</h1>\n<p>{{others}}</p>\n<p>" + NON_ASCII
                + "</p>\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    /** The bytes of a file of the root as the fixture wrote it (or as a checkpoint changed it). */
    byte[] bytes(String relative) {
        Change change = changed.get(relative);
        byte[] content = change != null ? change.content() : files.get(relative);
        if (content == null) {
            throw new HarnessProblem("the fixture has no file " + relative);
        }
        return content.clone();
    }

    /** Whether the root has this file (as the fixture wrote it, or as a checkpoint changed it). */
    boolean has(String relative) {
        return files.containsKey(relative) || changed.containsKey(relative);
    }

    /** The name of a file of the root whose bytes are exactly {@code body}, or null. */
    String fileWithBytes(byte[] body) {
        for (String name : files.keySet()) {
            if (Arrays.equals(bytes(name), body)) {
                return name;
            }
        }
        return null;
    }

    /** The secret file as a path from the work folder: "outside-NAME/secret-NAME.txt", one folder up from the root. */
    String secretBesideRoot() {
        return secret.getParent().getFileName() + "/" + secret.getFileName();
    }

    /**
     * The secret file's absolute path as it goes into a request's target: '/' between its names
     * whatever the system, and a character a target cannot carry as it is (a space, as in
     * C:/Users/Ada Lovelace/AppData/Local/Temp on Windows) percent-encoded.
     */
    String secretAbsolute() {
        return inTarget(secret.toAbsolutePath().toString().replace('\\', '/'));
    }

    /**
     * A path with the characters a request line cannot carry as they are percent-encoded (a space
     * would split the line in four parts; '%', '?' and '#' would be read as an escape, a query, a
     * fragment). A server from stage 05 on decodes them back; one of stages 03-04 looks for the
     * encoded name, finds nothing, and the check still holds: no secret comes back.
     */
    static String inTarget(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c <= ' ' || c == 0x7f || "%?#\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append(String.format("%%%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    byte[] secretBytes() {
        try {
            return Files.readAllBytes(secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** Replaces a file's content for the rest of the checkpoint; {@link #restore} puts it back. */
    void change(String relative, byte[] content) {
        boolean keptSize = bytes(relative).length == content.length;
        changed.put(relative, new Change(content.clone(), System.nanoTime(), keptSize));
        write(root.resolve(relative), content);
    }

    /** Removes a file until {@link #restore}. */
    void remove(String relative) {
        removed.add(relative);
        try {
            Files.deleteIfExists(root.resolve(relative));
        } catch (IOException e) {
            if (!ServerProcess.ON_WINDOWS) {
                throw new HarnessProblem("cannot remove " + relative + " from the web root", e);
            }
            // On Windows a file that a process holds open cannot be deleted: the server's, which
            // opened it for an earlier request and never closed it. That is the student's to fix.
            throw Failure.of("to remove " + relative + " from the web root, as this checkpoint does",
                "it could not: " + e, "Is the file still open in your server? On Windows an open file cannot be"
                    + "\ndeleted. Close every stream you open (try-with-resources), or read the file with Files.readAllBytes.");
        }
    }

    /** The files a checkpoint has changed, and not yet restored, in order of name. */
    Set<String> changedFiles() {
        return new TreeSet<>(changed.keySet());
    }

    /** When a changed file was last changed (System.nanoTime), or Long.MIN_VALUE if it is not changed. */
    long changedAt(String relative) {
        Change change = changed.get(relative);
        return change != null ? change.at() : Long.MIN_VALUE;
    }

    /** Whether a changed file's last change kept its size (a server that rereads only on a new size misses it). */
    boolean changeKeptSize(String relative) {
        Change change = changed.get(relative);
        return change != null && change.keptSize();
    }

    /** The files a checkpoint has removed, and not yet restored. */
    Set<String> removedFiles() {
        return new TreeSet<>(removed);
    }

    /** Puts a changed or removed file back as the fixture wrote it. */
    void restore(String relative) {
        changed.remove(relative);
        removed.remove(relative);
        write(root.resolve(relative), files.get(relative));
    }

    /** A word made fresh for this run. */
    String freshWord(String prefix) {
        StringBuilder w = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private void put(String relative, byte[] content) {
        files.put(relative, content);
        write(root.resolve(relative), content);
    }

    /** An "image": the PNG signature, then random bytes, many of them not valid UTF-8. */
    private byte[] binary(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    /** The page with an HTML comment before its end that makes it at least {@code size} bytes long. */
    private static byte[] padded(byte[] page, int size) {
        String text = new String(page, StandardCharsets.UTF_8);
        // \r\n, as a file written on Windows has: the bytes are sent as they are, not as lines joined again
        String line = "This comment makes the page larger than one read of a typical buffer.\r\n";
        String comment = "<!--\n" + line.repeat(size / line.length() + 1) + "-->\n";
        int end = text.lastIndexOf("</body>");
        return (text.substring(0, end) + comment + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] page(String title, String word) {
        return ("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
            + "<body>\n<h1>" + title + "</h1>\n<p>" + NON_ASCII + "</p>\n<p>" + word + "</p>\n</body>\n</html>\n")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new HarnessProblem("cannot write " + file, e);
        }
    }
}
