package proof;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The students' copy (HandOut) builds and runs without solutions/: Maven compiles every stage,
 * starts every stage's server and runs its checkpoints, which fail on the starters as they
 * should, never with a build error.
 */
class HandOutTest {

    @Test
    @DisplayName("the students' copy builds, runs every stage's checkpoints, and fails them only as starters do")
    void studentsCopyBuildsAndRuns() throws Exception {
        Path copy = Files.createTempDirectory("handout-").resolve("workbook");
        HandOut.write(Workbook.ROOT, copy);
        assertThat(Files.exists(copy.resolve("solutions")), equalTo(false));
        assertThat(Files.exists(copy.resolve(".github/workflows/ci.yml")), equalTo(false));
        assertThat(Files.exists(copy.resolve(".github/workflows/classroom.yml")), equalTo(true));

        // The students' progress command, offline, with the local repository this build already filled.
        List<String> command = new ArrayList<>(List.of(wrapper(copy), "-o", "-q", "-B", "verify", "-Pprogress"));
        String localRepository = System.getProperty("proof.localRepository");
        if (localRepository != null && !localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Process maven = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true).start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("Maven finished in time", maven.waitFor(5, TimeUnit.MINUTES), equalTo(true));
        assertThat("the copy's build failed:\n" + output, maven.exitValue(), equalTo(0));

        String progress = Files.readString(copy.resolve("target/progress.json"));
        for (String stage : Workbook.stages()) {
            assertThat(stage + " ran in the students' copy:\n" + output, progress,
                containsString("{\"stage\": \"" + stage + "\", \"ran\": true"));
        }
        assertThat("a starter passed all its checkpoints:\n" + progress, progress, not(containsString("\"done\": true")));
        assertThat(output, containsString("Progress over all stages"));
    }

    private static String wrapper(Path copy) throws IOException {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path script = copy.resolve(windows ? "mvnw.cmd" : "mvnw");
        assertThat("the copy has " + script.getFileName(), Files.exists(script), equalTo(true));
        return script.toString();
    }
}
