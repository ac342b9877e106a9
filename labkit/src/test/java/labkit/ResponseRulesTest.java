package labkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

class ResponseRulesTest {

    private static final String CORRECT = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: 21\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "<h1>Hello Client</h1>";

    /** What the seed lab's Python server sends, byte for byte. */
    private static final String SEED_LAB = "HTTP/1.1 200 OK\n"
            + "Content length: 21"
            + "Content-Type: text/html\n\n"
            + "<h1>Hello Client</h1>";

    @Test
    void aCorrectResponseHasNoProblems() {
        assertThat(check(CORRECT), empty());
        assertThat(ResponseRules.check(CORRECT.getBytes(UTF_8), "GET"), empty());
    }

    @Test
    void anInterimContinueBeforeACorrectResponseIsFine() {
        assertThat(check("HTTP/1.1 100 Continue\r\n\r\n" + CORRECT), empty());
        assertThat(check("HTTP/1.1 100 Continue\r\n\r\n"),
                contains(startsWith("Only an interim response arrived (HTTP/1.1 100 Continue)")));
    }

    @Test
    void otherCorrectSpellingsHaveNoProblems() {
        assertThat(check(CORRECT.replace("text/html; charset=utf-8", "text/html;charset=UTF-8")), empty());
        assertThat(check(CORRECT.replace("text/html; charset=utf-8", "text/html ; charset = \"utf-8\"")), empty());
        assertThat(check(CORRECT.replace("Connection: close", "connection: Close")), empty());
        assertThat(check(CORRECT.replace("Content-Type: text/html; charset=utf-8", "Content-Type: image/png")),
                empty());
        assertThat(check(CORRECT.replace("200 OK", "404 Not Found")), empty());
    }

    @Test
    void theSeedLabsResponseShowsItsTraps() {
        List<String> problems = check(SEED_LAB);

        assertThat(problems, hasItem(allOf(containsString("\\n alone"), containsString("\\r\\n"))));
        assertThat(problems, hasItem(allOf(containsString("\"Content length\""), containsString("space"),
                containsString("did you mean \"Content-Length\""))));
        assertThat(problems, hasItem(allOf(containsString("two headers run together"),
                containsString("\"Content-Type:\""))));
        assertThat(problems, hasItem(containsString("Content-Length is missing")));
        assertThat(problems, hasItem(allOf(containsString("Content-Type is missing"), containsString("line 2"))));
        assertThat(problems, hasItem(containsString("Connection: close is missing")));
    }

    @Test
    void nothingReceivedIsAProblem() {
        assertThat(check(""), contains1("Nothing received at all"));
        assertThat(ResponseRules.check(null), contains1("Nothing received at all"));
    }

    @Test
    void aBodyWithoutAStatusLineIsNamed() {
        List<String> problems = check("<h1>Hello Client</h1>");
        assertThat(problems, hasItem(allOf(containsString("not a status line"), containsString("looks like the body"))));
        assertThat(problems, hasItem(containsString("head never ends")));
    }

    @Test
    void aStatusLineMustBeHttp11CodeReason() {
        assertThat(checkStatusLine("HTTP/1.1 200"), containsString("no reason phrase"));
        assertThat(checkStatusLine("HTTP/1.1 200 "), containsString("empty reason phrase"));
        assertThat(checkStatusLine("http/1.1 200 OK"), containsString("lower case"));
        assertThat(checkStatusLine("HTTP/1.0 200 OK"), containsString("version is \"HTTP/1.0\""));
        assertThat(checkStatusLine("HTTP/1.1 OK"), containsString("three-digit status code"));
        assertThat(checkStatusLine("HTTP/1.1  200 OK"), containsString("more than one space"));
        assertThat(checkStatusLine("HTTP/1.1"), containsString("no status code"));
        assertThat(checkStatusLine("HTTP/1.1 200OK"), containsString("followed by one space"));
        assertThat(checkStatusLine(""), containsString("first line is empty"));
        assertThat(checkStatusLine("HTTP/1.1 200 OKContent-Type: text/html; charset=utf-8"),
                containsString("status line is missing its \\r\\n"));
    }

    @Test
    void everyLineOfTheHeadMustEndWithCrLf() {
        String oneBare = CORRECT.replace("Content-Length: 21\r\n", "Content-Length: 21\n");
        assertThat(check(oneBare), contains1("Line 3 ends with \\n alone; every line of the head must end with \\r\\n"));

        String allBare = CORRECT.replace("\r\n", "\n");
        assertThat(check(allBare), contains1("Lines 1, 2, 3, 4 and 5 end with \\n alone (line 5 is the empty line"));
    }

    @Test
    void aCarriageReturnAloneIsAProblem() {
        assertThat(check(CORRECT.replace("Content-Length: 21\r\n", "Content-Length: 21\r\r\n")),
                contains1("Line 3 contains a \\r (carriage return) that is not followed by \\n"));
    }

    @Test
    void theHeadMustEndWithAnEmptyLine() {
        assertThat(check(CORRECT.replace("close\r\n\r\n", "close\r\n")), contains1("The head never ends"));
    }

    @Test
    void aHeaderLineMustBeNameColonValue() {
        assertThat(check(CORRECT.replace("Connection: close", "Connection close")),
                contains1("Line 4, \"Connection close\", is not a header: it has no colon"));
        assertThat(check(CORRECT.replace("Connection: close", "Connection : close")),
                contains1("has a space before the colon"));
        assertThat(check(CORRECT.replace("Connection: close", ": close")), contains1("no header name"));
        assertThat(check(CORRECT.replace("Connection: close", " Connection: close")), contains1("starts with a space"));
    }

    @Test
    void bodyLinesInTheHeadPointAtTheMissingEmptyLine() {
        List<String> problems = check(CORRECT.replace("close\r\n\r\n", "close\r\n") + "\n<p>more</p>\n");
        assertThat(problems, contains1("It looks like part of the body: is the empty line before the body missing?"));
        assertThat("the body's lines are not the head's", problems, not(contains1("alone")));
        assertThat("one complaint about the body is enough", problems, not(contains1("<p>more</p>")));
    }

    @Test
    void manyBadLinesAreSummedUp() {
        String manyLines = "HTTP/1.1 200 OK\r\n" + "bad line\r\n".repeat(20) + "\r\n";
        List<String> problems = check(manyLines);
        assertThat(problems, contains1("and 15 more problems like these"));
        assertThat(problems.size(), org.hamcrest.Matchers.lessThan(12));
    }

    @Test
    void contentTypeIsNeeded() {
        assertThat(check(CORRECT.replace("Content-Type: text/html; charset=utf-8\r\n", "")),
                contains1("Content-Type is missing"));
        assertThat(check(CORRECT.replace("Content-Type: text/html; charset=utf-8\r\n",
                "Content-Type: text/html; charset=utf-8\r\nContent-Type: text/html; charset=utf-8\r\n")),
                contains1("Content-Type appears 2 times"));
    }

    @Test
    void textMustSayCharsetUtf8() {
        assertThat(check(CORRECT.replace("; charset=utf-8", "")),
                contains1("Content-Type \"text/html\" has no charset"));
        assertThat(check(CORRECT.replace("charset=utf-8", "charset=iso-8859-1")), contains1("charset=iso-8859-1"));
        for (String type : List.of("text/css", "text/plain", "application/javascript", "application/xhtml+xml")) {
            assertThat(type, check(CORRECT.replace("text/html; charset=utf-8", type)), contains1("has no charset"));
        }
        // JSON is UTF-8 by definition, and SVG says its own encoding: the workbook sends image/svg+xml as it is
        for (String type : List.of("application/json", "image/svg+xml", "image/png", "application/octet-stream")) {
            assertThat(type, check(CORRECT.replace("text/html; charset=utf-8", type)), empty());
        }
    }

    @Test
    void contentLengthIsNeeded() {
        assertThat(check(CORRECT.replace("Content-Length: 21\r\n", "")),
                contains1("Content-Length is missing; the workbook's servers say how many bytes every body has (here: 21)"));
    }

    @Test
    void contentLengthMustBeAPlainNumber() {
        for (String value : List.of("21 bytes", "-21", "+21", "0x15", "", "21, 21")) {
            assertThat(value, check(CORRECT.replace("Content-Length: 21", "Content-Length: " + value)),
                    contains1("is not a plain number"));
        }
    }

    @Test
    void contentLengthMustBeSentOnce() {
        assertThat(check(CORRECT.replace("Content-Length: 21\r\n", "Content-Length: 21\r\nContent-Length: 22\r\n")),
                contains1("Content-Length appears 2 times (\"21\", \"22\")"));
    }

    @Test
    void contentLengthMustMatchTheBody() {
        assertThat(check(CORRECT.replace("Content-Length: 21", "Content-Length: 20")),
                contains1("Content-Length says 20, but the body has 21 bytes"));
        assertThat(check(CORRECT.replace("Content-Length: 21", "Content-Length: 99999999999999999999999")),
                contains1("but the body has 21 bytes"));
    }

    @Test
    void contentLengthCountsBytesNotCharacters() {
        String body = "<h1>Hello Jürgen</h1>"; // 21 characters, 22 bytes
        String response = CORRECT.replace("<h1>Hello Client</h1>", body);
        List<String> problems = check(response);

        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), allOf(
                containsString("Content-Length says 21, but the body has 22 bytes"),
                containsString("counts bytes, not characters"),
                containsString("ü"),
                containsString("2 bytes"),
                containsString("characters were counted")));
        assertThat(check(response.replace("Content-Length: 21", "Content-Length: 22")), empty());
    }

    @Test
    void theServerMustSayConnectionClose() {
        assertThat(check(CORRECT.replace("Connection: close\r\n", "")), contains1("Connection: close is missing"));
        assertThat(check(CORRECT.replace("Connection: close", "Connection: keep-alive")),
                contains1("The Connection header says \"keep-alive\""));
    }

    @Test
    void aResponseToHeadHasNoBodyButTheLengthOfOne() {
        String headOnly = CORRECT.replace("<h1>Hello Client</h1>", "");
        assertThat(ResponseRules.check(headOnly.getBytes(UTF_8), "HEAD"), empty());
        // methods are case-sensitive: "head" is not HEAD, and its answer (a 405) has a body
        assertThat(ResponseRules.check(headOnly.getBytes(UTF_8), "head"), contains1("Content-Length says 21"));
        assertThat("for GET the same bytes lack a body", check(headOnly), contains1("Content-Length says 21"));

        assertThat(ResponseRules.check(CORRECT.getBytes(UTF_8), "HEAD"),
                contains1("The response to HEAD has a body (21 bytes after the empty line)"));
        assertThat(ResponseRules.check(headOnly.replace("Content-Length: 21\r\n", "").getBytes(UTF_8), "HEAD"),
                contains1("Content-Length is missing"));
    }

    @Test
    void bytesThatAreNotUtf8AreQuotedVisibly() {
        byte[] raw = "HTTP/1.1 200 OK\r\nX\u00FF: 1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(ResponseRules.check(raw), hasItem(containsString("\"X\\xFF\"")));
    }

    @Test
    void checkingNeverThrows() {
        Random random = new Random(7);
        String[] parts = {"HTTP/1.1 ", "200 OK", "\r\n", "\n", "\r", ":", " ", "Content-Length: ", "21",
            "-1", "Content-Type: ", "text/html; charset=", "Connection: close", "<h1>", "ü", "\u00FF", ";", "="};
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(20);
            for (int i = 0; i < count; i++) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            byte[] raw = text.toString().getBytes(UTF_8);
            if (round % 3 == 0 && raw.length > 0) {
                raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
            }
            List<String> problems = ResponseRules.check(raw, round % 2 == 0 ? "GET" : "HEAD");
            assertThat(problems, not(hasItem(containsString("bug in labkit"))));
        }
    }

    @Test
    void everyProblemIsOneReadableSentence() {
        for (String problem : check(SEED_LAB)) {
            assertEquals(-1, problem.indexOf('\n'), "one line: " + problem);
            assertThat(problem, org.hamcrest.Matchers.matchesPattern("[A-Z\"].*[.?)]"));
        }
    }

    private static List<String> check(String response) {
        return ResponseRules.check(response.getBytes(UTF_8));
    }

    private static String checkStatusLine(String statusLine) {
        List<String> problems = check(CORRECT.replace("HTTP/1.1 200 OK", statusLine));
        return problems.stream().filter(p -> p.startsWith("The status line")).findFirst().orElse("(no status line problem)");
    }

    private static Matcher<Iterable<? super String>> contains1(String part) {
        return hasItem(containsString(part));
    }

    @Test
    void a405NeedsAllowAndARedirectNeedsLocation() {
        String head = "Content-Type: text/html; charset=utf-8\r\nContent-Length: 2\r\nConnection: close\r\n";
        List<String> noAllow = ResponseRules.check(("HTTP/1.1 405 Method Not Allowed\r\n" + head + "\r\nno").getBytes(UTF_8));
        assertThat(noAllow, hasItem(containsString("has no Allow header")));
        assertThat(ResponseRules.check(("HTTP/1.1 405 Method Not Allowed\r\n" + head + "Allow: GET, HEAD\r\n\r\nno")
                .getBytes(UTF_8)), empty());
        List<String> noLocation = ResponseRules.check(("HTTP/1.1 301 Moved Permanently\r\n" + head + "\r\nto").getBytes(UTF_8));
        assertThat(noLocation, hasItem(containsString("has no Location header")));
        assertThat(ResponseRules.check(("HTTP/1.1 303 See Other\r\n" + head + "Location: /guestbook\r\n\r\nto")
                .getBytes(UTF_8)), empty());
    }
}
