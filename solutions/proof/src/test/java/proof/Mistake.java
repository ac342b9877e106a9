package proof;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One typical student mistake from {@code solutions/mistakes.txt}: an edit to a reference
 * solution, the checkpoints it must fail, and words the failure must contain (so that the
 * message names the mistake, rather than failing for some other reason).
 *
 * <p>The file format, one entry per mistake:
 * <pre>
 * === lf-line-endings
 * stage:   stage01-socket
 * mistake: Lines end with \n alone, as in the original lab
 * file:    webserver/WebServer.java
 * fails:   01.crlf
 * says:    \n alone
 * --- find 5
 * "\r\n"
 * --- replace
 * "\n"
 * </pre>
 * The text between {@code --- find} and {@code --- replace} is taken verbatim (several lines are
 * fine) and must occur exactly as often as the number after {@code find} says (1 if none): so
 * when the solution changes, a stale entry fails loudly instead of silently testing nothing.
 * Lines starting with "# " (hash, space) are comments everywhere, so a section heading may stand
 * between two entries; a replace text cannot start a line that way.
 *
 * <p>An entry with {@code right:} instead of {@code mistake:} (and no {@code fails} or
 * {@code says}) is the other way round: a right answer that differs from the reference's (a
 * whole address in Location, header names in lower case), which must pass every checkpoint of
 * its stage. Checkpoints that only know the reference's way of being right would fail a student
 * who is right too.
 */
record Mistake(String id, String stage, String mistake, String file, Set<String> fails, String says, List<Edit> edits,
               boolean right) {

    record Edit(String find, int times, String replace) {}

    static List<Mistake> readCatalogue(Path file) {
        List<Mistake> out = new ArrayList<>();
        String[] blocks = Workbook.read(file).replace("\r\n", "\n").split("(?m)^=== ");
        Set<String> ids = new HashSet<>();
        for (String block : Arrays.asList(blocks).subList(1, blocks.length)) {
            Mistake entry = parse(block);
            if (!ids.add(entry.id())) { // -Dproof.mistake=ID would prove both, and a report names one
                throw new IllegalArgumentException("the id '" + entry.id() + "' is in " + file.getFileName()
                    + " twice: give each entry an id of its own");
            }
            out.add(entry);
        }
        return out;
    }

    private static Mistake parse(String block) {
        String[] lines = block.split("\n", -1);
        String id = lines[0].strip();
        String stage = null, mistake = null, file = null, says = null;
        boolean right = false;
        Set<String> fails = new LinkedHashSet<>();
        List<Edit> edits = new ArrayList<>();
        int i = 1;
        for (; i < lines.length && !lines[i].startsWith("--- "); i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(id + ": expected 'key: value', got: " + line);
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "stage" -> stage = value;
                case "mistake", "right" -> {
                    if (mistake != null) {
                        throw new IllegalArgumentException(id + ": has both mistake and right, or one twice");
                    }
                    mistake = value;
                    right = key.equals("right");
                }
                case "file" -> file = value;
                case "fails" -> fails.addAll(Arrays.asList(value.split("[,\\s]+")));
                case "says" -> says = value;
                default -> throw new IllegalArgumentException(id + ": unknown key '" + key + "'");
            }
        }
        while (i < lines.length) {
            String header = lines[i];
            if (!header.startsWith("--- find")) {
                throw new IllegalArgumentException(id + ": expected '--- find', got: " + header);
            }
            String count = header.substring("--- find".length()).strip();
            int times = count.isEmpty() ? 1 : Integer.parseInt(count);
            StringBuilder find = new StringBuilder();
            for (i++; i < lines.length && !lines[i].startsWith("--- replace"); i++) {
                find.append(lines[i]).append('\n');
            }
            StringBuilder replace = new StringBuilder();
            for (i++; i < lines.length && !lines[i].startsWith("--- find"); i++) {
                if (!lines[i].startsWith("# ")) { // a comment between entries is not replace text
                    replace.append(lines[i]).append('\n');
                }
            }
            edits.add(new Edit(chopLastNewline(find), times, chopTrailingBlankLines(replace)));
        }
        if (right && (stage == null || file == null || !fails.isEmpty() || says != null || edits.isEmpty())) {
            throw new IllegalArgumentException(id + ": a right answer needs stage, right, file and at least one find/replace,"
                + " and no fails or says (it must pass every checkpoint of its stage)");
        }
        if (!right && (stage == null || mistake == null || file == null || fails.isEmpty() || says == null || edits.isEmpty())) {
            throw new IllegalArgumentException(id + ": needs stage, mistake, file, fails, says and at least one find/replace");
        }
        return new Mistake(id, stage, mistake, file, fails, says, edits, right);
    }

    /** The edited source, or an error if a find text does not occur as often as declared. */
    String apply(String source) {
        String result = source;
        for (Edit edit : edits) {
            int found = count(result, edit.find());
            if (found != edit.times()) {
                throw new AssertionError(id + ": the text to find occurs " + found + " time(s) in solutions/" + stage + "/src/main/java/"
                    + file + ", not " + edit.times() + ". Update solutions/mistakes.txt to match the solution:\n" + edit.find());
            }
            result = result.replace(edit.find(), edit.replace());
        }
        return result;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String chopLastNewline(StringBuilder text) {
        return text.length() > 0 ? text.substring(0, text.length() - 1) : "";
    }

    private static String chopTrailingBlankLines(StringBuilder text) {
        String s = text.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
