package browserchecks;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The lessons' pictures: the page each stage adds (the home page up to stage 03, stage 04's page
 * for a path that does not exist, a greeting in stage 05, a sized kitten in stage 06, and stage
 * 07's guestbook after a post), as the student's
 * browser shows it when the stage is done. Always written under target/screenshots/;
 * with -Dscreenshots=write also copied into the stage's folder, next to its README.md.
 */
final class Screenshots {

    private Screenshots() {
    }

    static void take(Browser browser, Stage stage) {
        if (writing()) {
            String missing = missingFonts();
            if (missing != null) {
                throw new IllegalStateException("Not writing the lessons' pictures: " + missing);
            }
        }
        // A server of its own on a new port: no link shows as visited by the checks, and the
        // guestbook holds only the picture's entry.
        try (StageServer server = StageServer.start(stage)) {
            browser.takeAlert();
            browser.driver.get(server.url(mainPage(stage.number())));
            save(browser, stage, "screenshot.png");
            if (stage.number() >= 7) {
                browser.driver.get(server.url("/guestbook"));
                WebElement form = browser.driver.findElement(By.cssSelector("form"));
                form.findElement(By.name("name")).sendKeys("Ada");
                form.findElement(By.name("message")).sendKeys("Grüße from stage 07! My first post 👋");
                form.findElement(By.cssSelector("button, input[type=submit]")).click();
                save(browser, stage, "screenshot-guestbook.png");
            }
        }
    }

    /** The page that shows what the stage added. */
    static String mainPage(int stage) {
        return switch (stage) {
            case 4 -> "/nowhere";
            case 5 -> "/hello?name=J%C3%BCrgen";
            case 6 -> "/kittens?size=160";
            default -> "/";
        };
    }

    /** Whether this run writes the pictures into the stages' folders (-Dscreenshots=write). */
    private static boolean writing() {
        return "write".equals(System.getProperty("browser.screenshots"));
    }

    /**
     * Which fonts the pictures need and this machine lacks, as Debian's packages name them, or
     * null: without them Chromium draws boxes for 👋 and 日本語 where a student's browser shows
     * the characters, and the committed pictures would be replaced by broken ones.
     */
    static String missingFonts() {
        String fonts;
        try {
            Process list = new ProcessBuilder("fc-list").redirectErrorStream(true).start();
            fonts = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor();
        } catch (IOException e) {
            return "fc-list (fontconfig) could not be run to check the fonts: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the fonts";
        }
        List<String> packages = new ArrayList<>();
        if (!fonts.contains("Noto Color Emoji")) {
            packages.add("fonts-noto-color-emoji");
        }
        if (!fonts.contains("IPAGothic")) {
            packages.add("fonts-ipafont-gothic");
        }
        return packages.isEmpty() ? null : "this machine lacks fonts the pages need (apt-get install "
            + String.join(" ", packages) + "); without them the pictures show boxes for 👋 and 日本語";
    }

    private static void save(Browser browser, Stage stage, String name) {
        Path shot = BrowserChecksTest.target().resolve("screenshots").resolve(stage.folder() + "-" + name);
        browser.screenshotOfContent(shot);
        if (writing()) {
            try {
                Files.copy(shot, stage.folderPath().resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote " + Stage.ROOT.relativize(stage.folderPath().resolve(name)));
        }
    }
}
