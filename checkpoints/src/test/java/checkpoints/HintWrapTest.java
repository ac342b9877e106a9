package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Hints are sentences; a long line in one is broken at spaces so a report stays readable. */
class HintWrapTest {

    @Test
    @DisplayName("a hint line longer than the width is broken at spaces; short lines and line breaks stay")
    void longLinesAreBrokenAtSpaces() {
        assertThat(Failure.wrap("one two three four", 9), equalTo("one two\nthree\nfour"));
        assertThat(Failure.wrap("short\nlines stay", 20), equalTo("short\nlines stay"));
        assertThat(Failure.wrap("averyveryverylongword and more", 10), equalTo("averyveryverylongword and more".substring(0, 21)
            + "\nand more"));
    }

    @Test
    @DisplayName("a broken line is shared out evenly: no line of one or two words at its end")
    void brokenLinesAreEven() {
        String line = "compared without case, with parameters such as '; charset=UTF-8' allowed. Any other type, or none, is 415.";
        String[] wrapped = Failure.wrap(line, 100).split("\n");
        assertThat(wrapped.length, equalTo(2));
        for (String piece : wrapped) {
            assertThat(piece, piece.length() > 40 && piece.length() <= 100, equalTo(true));
        }
        assertThat(String.join(" ", wrapped), equalTo(line));
    }
}
