package proof;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The marker rules of the generator, on a small made-up source. */
class GenerateTest {

    @TempDir
    Path repo;

    private void source(String path, String text) throws IOException {
        Path file = repo.resolve("solutions/source").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String out(String path) throws IOException {
        return Files.readString(repo.resolve(path), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("stage blocks, task blocks and starter parts land in the right trees")
    void markersChooseLines() throws IOException {
        source("manifest.txt", "stages: s1 s2 s3\njava/A.java 01+\njava/B.java 02+\nwww/index.html 03\n");
        source("java/A.java", String.join("\n",
            "always",
            "//@ stage 01",
            "only one",
            "//@ end",
            "//@ task 02",
            "solved two",
            "//@ starter",
            "todo two",
            "//@ end",
            "  //@ stage 02-02",
            "just two",
            "  //@ end",
            ""));
        source("java/B.java", "b\n");
        source("www/index.html", "<p>\n<!--@ stage 03 -->\nthree\n<!--@ end -->\n</p>\n");

        Generate generator = new Generate(repo);
        generator.write();

        assertThat(out("s1/src/main/java/A.java"), equalTo("always\nonly one\n"));
        assertThat(out("solutions/s1/src/main/java/A.java"), equalTo("always\nonly one\n"));
        assertThat(out("s2/src/main/java/A.java"), equalTo("always\ntodo two\njust two\n"));
        assertThat(out("solutions/s2/src/main/java/A.java"), equalTo("always\nsolved two\njust two\n"));
        assertThat(out("s3/src/main/java/A.java"), equalTo("always\nsolved two\n"));
        assertThat(out("solutions/s3/src/main/java/A.java"), equalTo("always\nsolved two\n"));
        assertThat(Files.exists(repo.resolve("s1/src/main/java/B.java")), equalTo(false));
        assertThat(out("s3/www/index.html"), equalTo("<p>\nthree\n</p>\n"));
        assertThat(generator.check(), empty());
    }

    @Test
    @DisplayName("check reports a hand edit and a stray file, and write repairs both, setting the stray file aside")
    void checkFindsDrift() throws IOException {
        source("manifest.txt", "stages: s1\njava/A.java 01+\n");
        source("java/A.java", "a\n");
        Generate generator = new Generate(repo);
        generator.write();
        Files.writeString(repo.resolve("s1/src/main/java/A.java"), "edited by hand\n");
        Files.writeString(repo.resolve("s1/src/main/java/Stray.java"), "x\n");

        assertThat(generator.check(), hasItem(containsString("differs: s1/src/main/java/A.java at line 1")));
        assertThat(generator.check(), hasItem(containsString("not generated (remove it, or add it to the source): s1/src/main/java/Stray.java")));
        generator.write();
        assertThat(generator.check(), empty());
        // the stray file is set aside, not deleted: it may be a maintainer's work, never committed
        List<Path> setAside;
        try (var files = Files.walk(repo.resolve(Generate.SET_ASIDE))) {
            setAside = files.filter(f -> f.endsWith("s1/src/main/java/Stray.java")).toList();
        }
        assertThat(setAside.size(), equalTo(1));
        assertThat(Files.readString(setAside.get(0)), equalTo("x\n"));
        // and the generator finds the repository from any folder inside it
        assertThat(Generate.repositoryRoot(repo.resolve("s1/src/main/java")), equalTo(repo));
    }

    @Test
    @DisplayName("an unclosed block, a starter part outside a task, or a marker with a space before its @ is an error that names the line")
    void badMarkersAreErrors() throws IOException {
        source("manifest.txt", "stages: s1\njava/A.java 01+\n");
        source("java/A.java", "//@ stage 01\na\n");
        IllegalStateException unclosed = assertThrows(IllegalStateException.class, () -> new Generate(repo).write());
        assertThat(unclosed.getMessage(), containsString("never closed"));

        source("java/A.java", "a\n//@ starter\n");
        IllegalStateException stray = assertThrows(IllegalStateException.class, () -> new Generate(repo).write());
        assertThat(stray.getMessage(), containsString("java/A.java:2"));

        source("java/A.java", "a\n// @ task 01\nb\n//@ end\n");
        IllegalStateException almost = assertThrows(IllegalStateException.class, () -> new Generate(repo).write());
        assertThat(almost.getMessage(), containsString("java/A.java:2: '// @ task 01' looks like a marker"));
    }
}
