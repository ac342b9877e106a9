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
}
