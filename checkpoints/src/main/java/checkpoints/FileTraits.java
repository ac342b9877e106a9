package checkpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What can make one file fail where another passes, and how to make a student's file like the
 * checkpoint's: its size against the usual buffers, its line ends, its characters. The notes of
 * "try it by hand" use it: a server that reads once fails on the checkpoint's 9 KiB index.html and
 * not on the stage's own 1 KiB one.
 */
final class FileTraits {

    private FileTraits() {
    }

    /** The step of {@link #alike} for a student's file without the non-ASCII characters of ours. */
    static final String NON_ASCII_STEP = "with characters such as \u00fc in it";

    /**
     * What to do to a student's file to give it the checkpoint's file's traits where they differ:
     * "larger than 8 KiB (copy its content several times)", "with lines ending in \r\n", ...
     */
    static List<String> alike(byte[] ours, byte[] yours) {
        List<String> theirs = traits(ours), mine = traits(yours);
        List<String> steps = new ArrayList<>();
        if (!theirs.get(0).equals(mine.get(0))) {
            steps.add(ours.length > yours.length
                ? "larger than " + (ours.length > LARGE_BUFFER ? "64 KiB" : "8 KiB") + " (copy its content several times)"
                : "smaller than " + (ours.length <= SMALL_BUFFER ? "8 KiB" : "64 KiB"));
        }
        for (String trait : theirs.subList(1, theirs.size())) {
            if (!mine.contains(trait)) {
                steps.add(trait.startsWith("lines") ? "with " + trait + " (saved so by your editor)"
                    : trait.equals("non-ASCII characters") ? NON_ASCII_STEP : trait);
            }
        }
        return steps.isEmpty() ? List.of("like the checkpoint's") : steps;
    }

    /** A file's size and {@link #traits}, in words: "9,265 bytes, lines ending in \r\n, non-ASCII characters". */
    static String described(byte[] bytes) {
        List<String> words = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d bytes", bytes.length)));
        List<String> traits = traits(bytes);
        words.addAll(traits.subList(1, traits.size())); // the exact size instead of its class
        return String.join(", ", words);
    }

    /** The usual sizes of a buffer that one read() fills: a file larger than one gets only part of it. */
    private static final int SMALL_BUFFER = 8_192, LARGE_BUFFER = 65_536;

    /**
     * What can make one file fail where another passes: its size against the usual buffers (8 KiB,
     * 64 KiB: a server that reads once gets a part), its line ends (a server that reads by lines
     * changes them), its characters (non-ASCII, or bytes that are not UTF-8, for a server that
     * decodes). The size class comes first.
     */
    static List<String> traits(byte[] bytes) {
        List<String> traits = new ArrayList<>();
        traits.add(bytes.length > LARGE_BUFFER ? "over 64 KiB" : bytes.length > SMALL_BUFFER ? "over 8 KiB" : "up to 8 KiB");
        String text = Failure.utf8OrNull(bytes);
        if (text == null) {
            traits.add("not UTF-8 text");
        } else {
            if (text.contains("\r\n")) {
                traits.add("lines ending in \\r\\n");
            } else if (text.contains("\n")) {
                traits.add("lines ending in \\n");
            }
            if (text.chars().anyMatch(c -> c > 0x7f)) {
                traits.add("non-ASCII characters");
            }
        }
        return traits;
    }
}
