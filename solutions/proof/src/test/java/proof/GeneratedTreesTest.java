package proof;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeneratedTreesTest {

    @Test
    @DisplayName("every starter, solution and www/ folder is what solutions/source generates")
    void generatedTreesMatchTheSource() {
        List<String> differences = new Generate(Workbook.ROOT).check();
        assertEquals(List.of(), differences, "The generated trees differ from solutions/source. Edit the source, then run:\n"
            + "  java solutions/proof/src/main/java/proof/Generate.java\n");
    }
}
