package browserchecks;

import checkpoints.ServerSources;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Selenium is handed both
 * executables, so it never runs Selenium Manager (which would try to download a driver), and
 * Chromium's own background traffic (updates, sync, field trials) is off: nothing outside
 * loopback is reachable, and nothing outside loopback is wanted.
 */
final class Browser implements AutoCloseable {

    /** Selenium's "Unable to find CDP implementation matching NNN": no DevTools are used here. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    /** The window a lesson's screenshot shows. */
    static final Dimension WINDOW = new Dimension(1000, 760);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        Path chromium = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
        for (Path exe : new Path[] {chromium, chromedriver}) {
            if (!Files.isExecutable(exe)) {
                throw new AssertionError("no " + exe + ": the browser checks need Debian's chromium and chromium-driver"
                    + " (apt-get install chromium chromium-driver), or -Dbrowser.chromium=... -Dbrowser.chromedriver=...");
            }
        }
        Path target = Path.of(System.getProperty("browser.target", "target"));
        try {
            Files.createDirectories(target);
            Path profile = ServerSources.temporaryFolder("browser-checks-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-quic",
                "--disable-extensions", "--no-default-browser-check", "--metrics-recording-only",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                "--window-size=" + WINDOW.width + "," + WINDOW.height,
                "--user-data-dir=" + profile);
            // An alert stays open, so a check can see it (a page that runs a <script> name fails).
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            options.setPageLoadTimeout(Duration.ofSeconds(20));
            options.setScriptTimeout(Duration.ofSeconds(10));
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(target.resolve("chromedriver.log").toFile())
                .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(WINDOW);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The text of the alert that is open, or null; closes it. */
    String takeAlert() {
        try {
            var alert = driver.switchTo().alert();
            String text = alert.getText();
            alert.accept();
            return text;
        } catch (NoAlertPresentException e) {
            return null;
        }
    }

    /** A PNG of what the window shows, written to {@code file}. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PNG of the page, {@link #WINDOW} wide and as high as its content (at least 160 pixels,
     * at most the window), so a lesson's picture has no empty half.
     */
    void screenshotOfContent(Path file) {
        // The lowest element's bottom (not the body's: without a doctype, in quirks mode, the body
        // is as high as the window), plus the body's bottom margin.
        Number bottom = (Number) js("let b = 0; for (const e of document.body.querySelectorAll('*'))"
            + " b = Math.max(b, e.getBoundingClientRect().bottom);"
            + " return Math.ceil(b + parseFloat(getComputedStyle(document.body).marginBottom || '0'));");
        Number frame = (Number) js("return window.outerHeight - window.innerHeight;");
        int height = Math.max(160, Math.min(WINDOW.height, bottom.intValue() + 24));
        try {
            driver.manage().window().setSize(new Dimension(WINDOW.width, height + frame.intValue()));
            screenshot(file);
        } finally {
            driver.manage().window().setSize(WINDOW);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException e) {
            // already gone
        }
        ServerSources.deleteTree(profile);
    }
}
