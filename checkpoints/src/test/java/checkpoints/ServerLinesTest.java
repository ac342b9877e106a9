package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

class ServerLinesTest {

    private static List<String> lines(String output) throws IOException {
        ServerProcess.Lines lines = new ServerProcess.Lines(new StringReader(output));
        List<String> read = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            read.add(line);
        }
        return read;
    }

    @Test
    @DisplayName("a server's lines end at \\n, \\r or \\r\\n, as BufferedReader.readLine's do")
    void lineEndings() throws IOException {
        assertThat(lines("GET / -> 200\r\nGET /a -> 404\nthree\rfour\r\rsix"),
            equalTo(List.of("GET / -> 200", "GET /a -> 404", "three", "four", "", "six")));
        assertThat(lines(""), equalTo(List.of()));
        assertThat(lines("\n"), equalTo(List.of("")));
    }

    @Test
    @DisplayName("output that never ends a line comes in pieces of 4,096 characters, not as one line that grows for ever")
    void endlessLine() throws IOException {
        List<String> read = lines("x".repeat(10_000) + "\nnext");
        assertThat(read.size(), equalTo(4));
        assertThat(read.get(0).length(), equalTo(ServerProcess.Lines.LONGEST));
        assertThat(read.get(2), equalTo("x".repeat(10_000 - 2 * ServerProcess.Lines.LONGEST)));
        assertThat(read.get(3), equalTo("next"));
        // a line of exactly the longest length, then its line ending: one piece, no empty line after it
        assertThat(lines("y".repeat(ServerProcess.Lines.LONGEST) + "\r\nnext"), equalTo(List.of("y".repeat(ServerProcess.Lines.LONGEST), "next")));
    }
}
