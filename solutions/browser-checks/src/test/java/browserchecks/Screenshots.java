package browserchecks;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    private static void save(Browser browser, Stage stage, String name) {
        Path shot = BrowserChecksTest.target().resolve("screenshots").resolve(stage.folder() + "-" + name);
        browser.screenshotOfContent(shot);
        if ("write".equals(System.getProperty("browser.screenshots"))) {
            try {
                Files.copy(shot, stage.folderPath().resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote " + Stage.ROOT.relativize(stage.folderPath().resolve(name)));
        }
    }
}
