package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The note after "Try it by hand" when the target names a file the run made, which a student's www/ lacks. */
class ProbeTest {

    private static final String IN_ROOT = "(the checkpoint made this file in a web root of its own; try a file in your www/static/)";
    private static final String OUTSIDE = "(the checkpoint made this file outside its web root, for this run only; try a file of yours outside www/)";

    @Test
    @DisplayName("files the checkpoint made in its web root or outside it get a note; files a student's www/ has, and missing ones, none")
    void notesForFilesTheRunMade() throws IOException {
        Path classes = ServerOutputTest.compile("package webserver; public class WebServer { public static void main(String[] a) { } }");
        Path module = ServerSources.temporaryFolder("probe-module-");
        Files.createDirectories(module.resolve("www/static"));
        Files.writeString(module.resolve("www/index.html"), "home");
        Files.writeString(module.resolve("www/static/hello.txt"), "hello");
        Target target = new Target(4, "stage04-errors", classes, module, null, "probe test");
        try (CheckpointRun run = new CheckpointRun(target);
             Lane lane = new Lane("test", target, Files.createDirectories(run.workDir().resolve("test")), 1)) {
            Probe p = new Probe(run, lane, "04.x", new Random(1));
            Fixture f = lane.fixture();
            Files.writeString(lane.root().resolve("static/hello.txt"), "the checkpoint's own hello");
            String outside = f.secret.getParent().getFileName() + "/" + f.secret.getFileName();
            String absolute = f.secret.toAbsolutePath().toString().replace('\\', '/');

            assertThat(p.madeFileNote("/" + f.staticText), equalTo(IN_ROOT));
            assertThat(p.madeFileNote("/" + f.staticText + "?x=1"), equalTo(IN_ROOT));
            assertThat(p.madeFileNote("/" + f.staticText.replace("notes-", "%6eotes-")), equalTo(IN_ROOT));
            assertThat(p.madeFileNote("/static/../" + f.siblingSecret),
                equalTo("(the checkpoint made this file in a web root of its own; try a file in your www/)"));
            assertThat(p.madeFileNote("/static/../../" + outside), equalTo(OUTSIDE));
            assertThat(p.madeFileNote("/static/%2e%2e/%2e%2e/" + outside), equalTo(OUTSIDE));
            assertThat(p.madeFileNote("/static/..%2f..%2f" + outside.replace("/", "%2f")), equalTo(OUTSIDE));
            assertThat(p.madeFileNote("/static/" + (absolute.startsWith("/") ? "" : "/") + absolute), equalTo(OUTSIDE));
            assertThat(p.madeFileNote("/static/%2F" + absolute.replaceFirst("^/", "").replace("/", "%2F")), equalTo(OUTSIDE));

            // the student's www/ has these too, or no one has them: trying them by hand shows the same
            assertThat(p.madeFileNote("/static/hello.txt"), nullValue());
            assertThat(p.madeFileNote("/static/../index.html"), nullValue());
            assertThat(p.madeFileNote("/"), nullValue());
            assertThat(p.madeFileNote("/static/"), nullValue());
            assertThat(p.madeFileNote("/static/missing-abc.txt"), nullValue());
            assertThat(p.madeFileNote("/static/\u0000x"), nullValue());
            assertThat(p.madeFileNote("/static/%"), nullValue());
            assertThat(p.madeFileNote(null), nullValue());
        }
    }
}
