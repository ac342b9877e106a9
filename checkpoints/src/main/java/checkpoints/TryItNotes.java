package checkpoints;

import labkit.Exchange;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line under a failure's "Try it by hand", and the notes that make it work on the student's
 * own server where the checkpoint's differs: a file the checkpoint made for this run only, one it
 * changed between two requests, the posts a page needs first, its own copy of a file unlike the
 * student's. One for each {@link Probe}, which knows the run, the lane and what was sent.
 */
final class TryItNotes {

    private final Probe probe;

    TryItNotes(Probe probe) {
        this.probe = probe;
    }

    /**
     * How to send the request by hand. After a response that ended with the connection left open,
     * labkit rather than curl: curl stops at the end Content-Length gives and looks fine, labkit
     * says that the connection stayed open past its time limit.
     */
    String tryIt(Exchange exchange, Request request) {
        // labkit, not curl, where curl hides the fault: a connection left open, a head that never ends
        // (curl says "transfer closed with 21 bytes remaining" and shows no body; labkit names the line)
        boolean headNeverEnds = exchange.response().raw().length > 0 && !exchange.response().hasHead();
        String line = Probe.leftOpen(exchange) || headNeverEnds ? request.tryItWithLabkit() : request.tryIt();
        List<String> notes = new ArrayList<>();
        OwnVersion own = request.isRaw() ? null : ownVersion(request.target());
        String made = own != null ? null : madeFileNote(request.target());
        if (own != null) {
            notes.add(own.note() + "\n    " + request.withTarget(own.target()).tryIt());
        } else if (made != null) {
            notes.add(made);
        }
        notes.addAll(changedFilesNotes());
        String withNotes = notes.isEmpty() ? line : line + "\n    " + String.join("\n    ", notes);
        return postsFirst(request, withNotes);
    }

    /** A target with a file of the student's in place of one the checkpoint made, and the note that says how to get it. */
    private record OwnVersion(String target, String note) {
    }

    /**
     * The same request for a file the student has, or can make, in place of one the checkpoint
     * made for this run only: the secret outside the root, the secret beside static/, stage 05's
     * file of an odd name. Null when the target names none of them.
     */
    private OwnVersion ownVersion(String target) {
        String outside = withOwnFileOutside(target);
        if (outside != null) {
            return new OwnVersion(outside, "(the checkpoint made this file outside its web root, for this run only. The same"
                + " with a file of yours, the lesson README.md beside your www/:)");
        }
        String sibling = withOwnSiblingSecret(target);
        if (sibling != null) {
            return new OwnVersion(sibling, "(the checkpoint made this file in a folder beside static/ whose name starts with"
                + " \"static\", for this run only. The same with a file of yours: make the folder www/" + SIBLING_FOLDER
                + "/ with a file " + SIBLING_FILE + " in it (any text), then:)");
        }
        String odd = withOwnOddName(target);
        return odd == null ? null : new OwnVersion(odd, "(the checkpoint made this file in its web root, for this run only."
            + " The same with a file of yours: make www/" + ODD_NAME + " (any text), then:)");
    }

    /**
     * The target with the checkpoint's secret file (made beside its web root, for this run only)
     * in place of the student's README.md, which is beside their www/ in the same way: by a
     * relative path ("/static/../../outside-x/secret-y.txt" becomes "/static/../../README.md",
     * escapes and all) or an absolute one. Null when the target does not name the secret.
     */
    String withOwnFileOutside(String target) {
        if (target == null || probe.stage() < 3) {
            return null;
        }
        Fixture f = probe.fixture();
        // the absolute path first (without its leading '/', which a target may escape): it ends with the relative one
        String readme = Fixture.inTarget(probe.run().target().moduleDir().resolve("README.md").toAbsolutePath().toString().replace('\\', '/'));
        String own = replacedWithAnySlash(target, f.secretAbsolute().replaceFirst("^/", ""), readme.replaceFirst("^/", ""));
        return own != null ? own : replacedWithAnySlash(target, f.secretBesideRoot(), "README.md");
    }

    /** The folder and file a student makes to try the checkpoint's secret beside static/ by hand. */
    static final String SIBLING_FOLDER = "static-private";
    static final String SIBLING_FILE = "key.txt";

    /**
     * The target with the checkpoint's secret beside static/ (static-private-xxxx/key-yyyy.txt,
     * a folder whose name starts as static/ does, made for this run only) in place of
     * static-private/key.txt, which the student can make in their www/. Null when the target does
     * not name it.
     */
    String withOwnSiblingSecret(String target) {
        if (target == null || probe.stage() < 4) {
            return null;
        }
        return replacedWithAnySlash(target, probe.fixture().siblingSecret, SIBLING_FOLDER + "/" + SIBLING_FILE);
    }

    /** The name with a space and '+' in it that a student makes to try 05.path-decoding's file by hand. */
    static final String ODD_NAME = "static/two words+c++ notes.txt";

    /**
     * The target with the checkpoint's file of an odd name (static/two words+c++ WORD.txt, WORD made
     * for this run) in place of {@value #ODD_NAME}, which the student can make in their www/, escapes
     * and all. Null when the target does not name that file.
     */
    String withOwnOddName(String target) {
        String odd = probe.stage() >= 5 ? probe.fixture().staticOddName : null;
        if (target == null || odd == null) {
            return null;
        }
        String word = odd.substring(odd.lastIndexOf(' ') + 1, odd.lastIndexOf('.'));
        String path = TryIt.pathOf(target);
        return TryIt.percentDecoded(path).equals("/" + odd) && path.contains(word) ? target.replace(word, "notes") : null;
    }

    /**
     * The target with {@code path} in place of {@code other}, written with the same '/' between names
     * as the target has them (as it is, %2f or %2F); null if the target does not hold the path.
     */
    private static String replacedWithAnySlash(String target, String path, String other) {
        for (String slash : List.of("/", "%2f", "%2F")) {
            String named = path.replace("/", slash);
            if (target.contains(named)) {
                return target.replace(named, other.replace("/", slash));
            }
        }
        return null;
    }

    /** The most posts a "try it by hand" lists before the request it is about. */
    private static final int SHOWN_POSTS = 5;

    /**
     * The line, after the posts this checkpoint sent before it when it asks for the guestbook: a
     * server started afresh by hand has an empty guestbook, and the page looks fine.
     */
    private String postsFirst(Request request, String line) {
        String target = request.target();
        if (request.method().equals("POST") || target == null || !TryIt.pathOf(target).equals("/guestbook") || probe.posts().isEmpty()) {
            return line;
        }
        List<String> lines = new ArrayList<>();
        lines.add(probe.posts().size() == 1 ? "first the post the checkpoint sent before this request (a server started afresh has none):"
            : "first the " + probe.posts().size() + " posts the checkpoint sent before this request, in order (a server started afresh has none):");
        probe.posts().stream().limit(SHOWN_POSTS).forEach(post -> lines.add(post.tryIt()));
        if (probe.posts().size() > SHOWN_POSTS) {
            lines.add("(and " + (probe.posts().size() - SHOWN_POSTS) + " more posts like these)");
        }
        lines.add("then:");
        lines.add(line);
        return String.join("\n    ", lines);
    }

    /**
     * Notes on files of the web root that the checkpoint changed or removed for this request (an
     * edited file, a template of its own, a missing page): the student's www/ has them as they were.
     */
    private List<String> changedFilesNotes() {
        if (probe.stage() < 2) {
            return List.of();
        }
        Fixture fixture = probe.fixture();
        List<String> notes = new ArrayList<>();
        for (String file : fixture.changedFiles()) {
            // Only an edit between two requests is about reading afresh. A file the checkpoint put in
            // place before its first request (a template of its own) needs nothing: the student's shows the same.
            if (fixture.changedAt(file) > probe.firstExchangeAt()) {
                notes.add("(the checkpoint changed " + file + " in its web root between two requests: run the line, edit your www/"
                    + file + (fixture.changeKeptSize(file) ? " without changing its size (swap one letter for another)" : "")
                    + ", run it again)");
            }
        }
        for (String file : fixture.removedFiles()) {
            notes.add("(the checkpoint removed " + file + " from its web root for this request: rename your www/" + file
                + ", then run the line)");
        }
        return notes;
    }

    /**
     * A note when the target names a file this run made, which the student's own server does not
     * have: a file of the checkpoint's web root that the stage's www/ lacks (such as
     * /static/notes-xxnnmghi.txt), or one outside the root in the run's temporary folder (the
     * traversal checkpoints' secrets, named by a relative or an absolute /tmp/checkpoints-... path).
     * Null for any other target.
     */
    String madeFileNote(String target) {
        if (target == null || probe.stage() < 2) {
            return null;
        }
        String path = TryIt.percentDecoded(TryIt.pathOf(target));
        try {
            Path work = probe.run().workDir().toAbsolutePath().normalize();
            Path root = probe.root().toAbsolutePath().normalize();
            Path resolved = root.resolve(path.replaceFirst("^/+", "")).normalize();
            boolean outside = !resolved.startsWith(root) && resolved.startsWith(work) && Files.exists(resolved);
            if (outside || path.replace('\\', '/').contains(work.toString().replace('\\', '/'))) {
                return "(the checkpoint made this file outside its web root, for this run only; try a file of yours outside www/)";
            }
            Path link = resolved.startsWith(root) ? firstLinkOnTheWay(root, resolved) : null;
            if (link != null) {
                String name = root.relativize(link).toString().replace('\\', '/');
                String stage = probe.studentWww().toAbsolutePath().getParent().getFileName().toString();
                return Files.isDirectory(link)
                    ? "(the checkpoint made " + name + " a symbolic link to a folder outside its web root. The same with yours, in"
                        + " your stage's folder: ln -s ../../.. www/static/shelf, then ask for /static/shelf/" + stage
                        + "/README.md, the lesson)"
                    : "(the checkpoint made " + name + " a symbolic link to a file outside its web root. The same with yours, in"
                        + " your stage's folder: ln -s ../../README.md www/static/link.txt, then ask for /static/link.txt)";
            }
            if (resolved.startsWith(root) && Files.isRegularFile(resolved)) {
                Path relative = root.relativize(resolved);
                Path www = probe.studentWww();
                if (!Files.exists(www.resolve(relative))) {
                    Path folder = relative.getParent() == null ? Path.of("") : relative.getParent();
                    String where = "your www/" + (folder.toString().isEmpty() ? "" : folder.toString().replace('\\', '/') + "/");
                    String name = relative.getFileName().toString();
                    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
                    if (!extension.isEmpty() && !hasFileEndingWith(www.resolve(folder), extension)) {
                        // its kind of file is what matters (a Content-Type), and the student has none of that kind there
                        return "(the checkpoint made this file in a web root of its own; make a " + extension + " file in " + where
                            + " and try that)";
                    }
                    return "(the checkpoint made this file in a web root of its own; try a file in "
                        + (folder.getNameCount() >= 1 && folder.getName(0).toString().equals("static") ? "your www/static/" : "your www/") + ")";
                }
            }
        } catch (InvalidPathException e) {
            // a NUL or another character no file name has: no file of ours either
        }
        return null;
    }

    /** The first name on the way from {@code root} to {@code path} that is a symbolic link, or null. */
    private static Path firstLinkOnTheWay(Path root, Path path) {
        Path step = root;
        for (Path name : root.relativize(path)) {
            step = step.resolve(name);
            if (Files.isSymbolicLink(step)) {
                return step;
            }
        }
        return null;
    }

    /**
     * A note when the checkpoint's own copy of a file of the root is not like the student's
     * www/ one in what can make a server fail (its size, its line ends, its characters): the
     * checkpoint's index.html is over 8 KiB with \r\n line ends, and a server that reads once,
     * or by lines, fails on it but not on the stage's own. Null when they are the same, or when
     * the file is one the checkpoint changed or made (other notes say so).
     */
    String ownFileNote(String file) {
        if (probe.stage() < 2) {
            return null;
        }
        Fixture fixture = probe.fixture();
        if (!fixture.has(file) || fixture.changedFiles().contains(file)) {
            return null; // a description ("kittens.html filled with size 100"), not a file; or one another note is about
        }
        Path theirs = probe.studentWww().resolve(file);
        if (!Files.isRegularFile(theirs)) {
            return null;
        }
        try {
            byte[] ours = fixture.bytes(file), yours = Files.readAllBytes(theirs);
            if (FileTraits.traits(ours).equals(FileTraits.traits(yours))) {
                return null; // alike in all that matters here: the student's own file shows the same
            }
            return "(the checkpoint's own " + file + " is " + FileTraits.described(ours) + "; your www/" + file + " is " + FileTraits.described(yours)
                + ": if yours does not show this, make it " + String.join(", ", FileTraits.alike(ours, yours)) + ", and run the line again)";
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Whether the folder holds a file whose name ends with {@code extension} (".js"), in any case. */
    private static boolean hasFileEndingWith(Path folder, String extension) {
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT)));
        } catch (java.io.IOException e) {
            return false; // no such folder: no such file either
        }
    }
}
