package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which server Maven's properties describe, and a clear stop when there is none to run. */
class TargetTest {

    private static Map<String, String> properties(Path module, Path sources) {
        return Map.of("checkpoints.stage", "stage01-socket", "checkpoints.module", module.toString(),
            "checkpoints.classes", module.resolve("target/classes").toString(),
            "checkpoints.sources", sources.toString());
    }

    @Test
    @DisplayName("the starter's sources are 'your code', the solution's (-Psolution) are 'solution'")
    void variantFollowsTheSources() throws IOException {
        Path workbook = ServerSources.temporaryFolder("target-test-");
        Path module = Files.createDirectories(workbook.resolve("stage01-socket"));
        Path own = Files.createDirectories(module.resolve("src/main/java"));
        Path solution = Files.createDirectories(workbook.resolve("solutions/stage01-socket/src/main/java"));
        assertThat(Target.from(properties(module, own)::get).variant(), equalTo("your code"));
        Path viaParent = module.resolve("../solutions/stage01-socket/src/main/java"); // as the root pom writes it
        assertThat(Target.from(properties(module, viaParent)::get).variant(), equalTo("solution"));
        assertThat(Target.from(properties(module, solution)::get).variant(), equalTo("solution"));
    }

    @Test
    @DisplayName("-Psolution in a copy without solutions/ says so, instead of running old classes as 'solution'")
    void solutionWithoutSolutionsFolder() throws IOException {
        Path workbook = ServerSources.temporaryFolder("target-test-");
        Path module = Files.createDirectories(workbook.resolve("stage01-socket"));
        Path missing = module.resolve("../solutions/stage01-socket/src/main/java");
        SetupProblem problem = assertThrows(SetupProblem.class, () -> Target.from(properties(module, missing)::get));
        assertThat(problem.getMessage(), containsString("this copy has no solutions/ folder"));
        assertThat(problem.getMessage(), containsString("leave out -Psolution: ./mvnw test -pl stage01-socket"));
    }
}
