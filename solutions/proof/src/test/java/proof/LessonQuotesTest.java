package proof;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

/**
 * The lessons quote what the server prints ("Serving on http://localhost:5000/  (Ctrl+C stops
 * it)"). When a message changes in solutions/source, the generator updates the code of every
 * stage, but not the lessons' quotes: this test finds those. A line of a lesson that starts like
 * a line the server prints must be that line, with anything for the parts the server computes; so
 * must a quote in backticks in running text ("the server prints `(a client was silent ...)`").
 * A quote that starts with a printed line's first three words and then differs ("(a client hung
 * up without a word)") is compared too. A message whose beginning changed ("Serving the files in"
 * to "Serving files from") no longer starts like the old quote, so inside a plain block (between
 * ``` lines with no language after them) a line is also compared when only its first word is one
 * a printed line starts with ("Serving"). Other programs' output that starts the same way goes in
 * a ```text block.
 */
class LessonQuotesTest {

    /** System.out.println("literal" + expression + "literal" ...) and System.err.println(...). */
    private static final Pattern PRINTLN = Pattern.compile("System\\.(?:out|err)\\.println\\((.*)\\);");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** `text in backticks` on one line of a lesson. */
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    /** What a line the server prints looks like: its literal parts, anything between them. */
    record Printed(String start, Pattern whole) {

        /**
         * The first word of the line, when it is one that tells it apart ("Serving", "(could",
         * "Cannot"); null for a short one ("(a", "The"), which other lines of output start with too.
         */
        String firstWord() {
            int space = start.indexOf(' ');
            String word = space < 0 ? start : start.substring(0, space);
            return word.length() >= 4 ? word : null;
        }

        /**
         * The line's first three words and the space after them ("(a client hung "), when its
         * literal start has more: a quote that starts with them and then differs ("(a client hung
         * up without a word)") is this line, misquoted. Null for a shorter start.
         */
        String firstThreeWords() {
            String[] words = start.split(" ", -1);
            return words.length > 3 ? String.join(" ", words[0], words[1], words[2]) + " " : null;
        }
    }

    static List<Printed> printedLines() throws IOException {
        List<Printed> printed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Workbook.ROOT.resolve("solutions/source/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher call = PRINTLN.matcher(line.strip());
                    if (!call.matches()) {
                        continue;
                    }
                    String arguments = call.group(1);
                    Matcher literal = LITERAL.matcher(arguments);
                    StringBuilder regex = new StringBuilder();
                    String start = null;
                    int at = 0;
                    while (literal.find()) {
                        String text = literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                        if (literal.start() > at || (start == null && literal.start() > 0)) {
                            regex.append(".*"); // an expression between two literals
                        }
                        if (start == null) {
                            start = literal.start() == 0 ? text : "";
                        }
                        regex.append(Pattern.quote(text));
                        at = literal.end();
                        // skip the " + " that joins this literal to what follows
                        while (at < arguments.length() && " +".indexOf(arguments.charAt(at)) >= 0) {
                            at++;
                        }
                    }
                    if (at < arguments.length()) {
                        regex.append(".*");
                    }
                    if (start != null && start.length() >= 8) { // a line that starts with words of its own
                        printed.add(new Printed(start, Pattern.compile(regex.toString())));
                    }
                }
            }
        }
        return printed;
    }

    @Test
    @DisplayName("every line a lesson quotes from the server's output is what the server prints")
    void lessonsQuoteTheServersOutput() throws IOException {
        List<Printed> printed = printedLines();
        assertThat("println lines found in solutions/source", printed.size(), greaterThan(5));
        List<String> stale = new ArrayList<>();
        int checked = 0;
        for (String stage : Workbook.stages()) {
            Path lesson = Workbook.ROOT.resolve(stage).resolve("README.md");
            List<String> lines = Files.readAllLines(lesson);
            boolean inBlock = false, inAnyBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("```")) {
                    // a plain block opens with ``` alone; ```text, ```java and the like are not checked so
                    inBlock = !inAnyBlock && lines.get(i).strip().equals("```");
                    inAnyBlock = !inAnyBlock;
                    continue;
                }
                // a line of its own (in a block of output), or `a quote` in running text
                String whole = lines.get(i).strip();
                List<String> quotes = new ArrayList<>(List.of(whole));
                Matcher span = CODE_SPAN.matcher(lines.get(i));
                while (span.find()) {
                    quotes.add(span.group(1));
                }
                for (String quote : quotes) {
                    boolean outputLine = inBlock && quote.equals(whole);
                    List<Printed> alike = printed.stream().filter(p -> quote.startsWith(p.start())
                        || (p.firstThreeWords() != null && quote.startsWith(p.firstThreeWords()))
                        || (outputLine && p.firstWord() != null && quote.startsWith(p.firstWord() + " "))).toList();
                    if (alike.isEmpty()) {
                        continue;
                    }
                    checked++;
                    if (alike.stream().noneMatch(p -> p.whole().matcher(quote).matches())) {
                        stale.add(stage + "/README.md:" + (i + 1) + ": " + quote
                            + "\n    the server prints: " + alike.get(0).whole().pattern().replace("\\Q", "").replace("\\E", ""));
                    }
                }
            }
        }
        assertThat("lesson lines checked", checked, greaterThan(2));
        assertThat("lessons quote server output that the server no longer prints:\n" + String.join("\n", stale),
            stale, empty());
    }

    /** "..., at WebServer.java:131)": a place in a starter's code, as the server prints it. */
    private static final Pattern PLACE = Pattern.compile("at (\\w+\\.java):([0-9]+)\\)");

    @Test
    @DisplayName("a place in the starter's code that a lesson quotes (WebServer.java:131) is a line that throws")
    void quotedLineNumbersPointAtAThrow() throws IOException {
        List<String> stale = new ArrayList<>();
        int checked = 0;
        for (String stage : Workbook.stages()) {
            Path lesson = Workbook.ROOT.resolve(stage).resolve("README.md");
            for (String line : Files.readAllLines(lesson)) {
                Matcher place = PLACE.matcher(line);
                while (place.find()) {
                    checked++;
                    Path source = Workbook.ROOT.resolve(stage).resolve("src/main/java/webserver").resolve(place.group(1));
                    List<String> code = Files.readAllLines(source);
                    int number = Integer.parseInt(place.group(2));
                    if (number > code.size() || !code.get(number - 1).contains("throw")) {
                        stale.add(stage + "/README.md quotes " + place.group(1) + ":" + number + ", which is "
                            + (number > code.size() ? "past the end" : "'" + code.get(number - 1).strip() + "'"));
                    }
                }
            }
        }
        assertThat("quoted places checked", checked, greaterThan(0));
        assertThat("lessons quote a line of the starter that no longer throws:\n" + String.join("\n", stale), stale, empty());
    }
}
