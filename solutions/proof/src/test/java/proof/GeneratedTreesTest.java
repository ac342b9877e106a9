package proof;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedTreesTest {

    @Test
    @DisplayName("every starter, solution and www/ folder is what solutions/source generates")
    void generatedTreesMatchTheSource() {
        List<String> differences = new Generate(Workbook.ROOT).check();
        // one difference per line, as Generate --check prints them
        assertTrue(differences.isEmpty(), () -> "The generated trees differ from solutions/source:\n  "
            + String.join("\n  ", differences) + "\nEdit the source, then run:\n"
            + "  java solutions/proof/src/main/java/proof/Generate.java\n");
    }
}
