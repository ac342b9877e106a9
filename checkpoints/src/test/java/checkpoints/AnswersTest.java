package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

class AnswersTest {

    @Test
    @DisplayName("an excerpt of two bodies that differ late starts 40 bytes before, never inside a UTF-8 character")
    void excerptStartsOnACharacter() {
        byte[] ascii = "x".repeat(300).getBytes(StandardCharsets.US_ASCII);
        assertThat(Answers.excerptStart(ascii, 50), equalTo(0));
        assertThat(Answers.excerptStart(ascii, 200), equalTo(160));
        // byte 160 is the second byte of a two-byte character (ü is C3 BC): the excerpt starts at 159
        byte[] text = ("x".repeat(159) + "ü" + "x".repeat(140)).getBytes(StandardCharsets.UTF_8);
        assertThat(Answers.excerptStart(text, 200), equalTo(159));
        // a three-byte character (€ is E2 82 AC) whose last byte is at 160
        byte[] euro = ("x".repeat(158) + "€" + "x".repeat(140)).getBytes(StandardCharsets.UTF_8);
        assertThat(Answers.excerptStart(euro, 200), equalTo(158));
    }

    @Test
    @DisplayName("an image read as UTF-8 text is named as such, even when the image holds EF BF BD itself")
    void imageReadAsText() {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xFF, 0x00, (byte) 0xC3};
        byte[] asText = new String(image, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        assertThat(Answers.diagnose(asText, image, "kitten.png", null), containsString("read as text"));
    }

    /** A 301's exchange with this body, as from a server on port 5000. */
    private static labkit.Exchange redirectWithBody(String body) {
        byte[] raw = ("HTTP/1.1 301 Moved Permanently\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8);
        return new labkit.Exchange("localhost", 5000, new byte[0], labkit.Response.parse(raw), labkit.Exchange.Ending.CLOSED, 1, null);
    }

    @Test
    @DisplayName("a link to a path is its path or this server's whole address of it, quoted any way; another path or server is not")
    void linksToThePathOrThisServersAddress() {
        for (String link : new String[] {"<a href=\"/kittens\">", "<a href='/kittens'>", "<a href=/kittens>", "<A HREF = \"/kittens\">",
                "<a href=\"http://localhost:5000/kittens\">", "<a href=\"HTTP://127.0.0.1:5000/kittens\">", "<a href=\"//localhost:5000/kittens\">"}) {
            assertThat(link, Answers.linksTo(redirectWithBody("<p>Moved to " + link + "here</a>.</p>"), "/kittens"), equalTo(true));
        }
        for (String link : new String[] {"<a href=\"/kittens2\">", "<a href=\"/kitten\">", "<a href=\"http://localhost:5001/kittens\">",
                "<a href=\"http://example.com/kittens\">", "<a href=\"/kittens?x=1\">", "<p>/kittens</p>", "<a href=\"/Kittens\">"}) {
            assertThat(link, Answers.linksTo(redirectWithBody("<p>Moved to " + link + "here</a>.</p>"), "/kittens"), equalTo(false));
        }
    }
}
