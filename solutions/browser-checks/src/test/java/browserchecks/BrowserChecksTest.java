package browserchecks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every reference solution, as a person sees it in Chromium: for each stage that exists, its
 * server is started the way the harness starts it (its own JVM, --port 0, the stage's www/) and
 * the browser checks what the lesson promises. Later stages are checked as they land: the
 * checks of stage N run for every stage from N on.
 *
 * <p>With {@code -Dscreenshots=write} it also writes the lessons' pictures,
 * {@code stageNN-name/screenshot.png} (and stage 07's {@code screenshot-guestbook.png}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserChecksTest {

    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body[^>]*>(.*?)</body>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Browser browser;
    private final Map<Stage, StageServer> servers = new LinkedHashMap<>();
    private final Map<Stage, Throwable> startFailures = new LinkedHashMap<>();

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    void stopAll() {
        servers.values().forEach(StageServer::close);
        if (browser != null) {
            browser.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyStage() {
        List<Stage> stages = Stage.all();
        assertThat("no reference solutions found under " + Stage.ROOT.resolve("solutions"), stages.isEmpty(), is(false));
        return stages.stream().map(stage -> DynamicContainer.dynamicContainer(stage.folder(), checks(stage)));
    }

    private Stream<DynamicTest> checks(Stage stage) {
        int n = stage.number();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(check(stage, "heading", "the home page shows its heading", this::heading));
        if (n >= 2) {
            tests.add(check(stage, "text", "the text is the file's text, no mojibake", this::textAsInFile));
            tests.add(check(stage, "style", "the style sheet is applied", this::styleApplied));
        }
        if (n >= 3) {
            tests.add(check(stage, "kitten", "the kitten image is loaded and shown", this::kittenLoaded));
            tests.add(check(stage, "links", "the menu's links lead to their pages", this::menuLinks));
        }
        if (n >= 4) {
            tests.add(check(stage, "404", "an unknown path shows the 404 page", this::notFoundPage));
            tests.add(check(stage, "moved", "/kitten ends on /kittens", this::kittenMoved));
        }
        if (n >= 5) {
            tests.add(check(stage, "hello", "/hello?name=... greets a unicode name", this::helloUnicode));
            tests.add(check(stage, "script-name", "a <script> name is shown as text and never runs", this::scriptName));
        }
        if (n >= 6) {
            tests.add(check(stage, "size", "/kittens?size=N shows the kitten N pixels wide", this::kittenSize));
        }
        if (n >= 7) {
            tests.add(check(stage, "guestbook", "the guestbook form posts once and shows the entry", this::guestbook));
        }
        tests.add(DynamicTest.dynamicTest("screenshot for the lesson", () -> Screenshots.take(browser, stage)));
        return tests.stream();
    }

    private DynamicTest check(Stage stage, String id, String title, Consumer<Look> body) {
        return DynamicTest.dynamicTest(title, () -> {
            Look look = new Look(browser, server(stage), id);
            try {
                body.accept(look);
            } catch (AssertionError | RuntimeException e) {
                throw look.failure(title, e);
            }
        });
    }

    /** The stage's server, started on first use; a stage that cannot start fails each check once, quickly. */
    private StageServer server(Stage stage) {
        Throwable failed = startFailures.get(stage);
        if (failed != null) {
            throw new AssertionError("the server of " + stage + " could not start (see the first failure of this stage): "
                + String.valueOf(failed.getMessage()).strip().lines().findFirst().orElse(""));
        }
        try {
            return servers.computeIfAbsent(stage, StageServer::start);
        } catch (RuntimeException | AssertionError e) {
            startFailures.put(stage, e);
            throw e;
        }
    }

    // --- the checks -------------------------------------------------------------------------

    private void heading(Look look) {
        look.open("/");
        assertThat("the status of /", look.status(), equalTo(200L));
        String expected = look.server.stage.hasWww() ? expectedHeading(look.server.stage.file("index.html")) : "Hello Client";
        assertThat("the page's <h1>", look.heading(), equalTo(expected));
    }

    private void textAsInFile(Look look) {
        Stage stage = look.server.stage;
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "index.html");
        if (stage.number() >= 3) {
            pages.put("/about", "about.html");
        }
        for (var page : pages.entrySet()) {
            String file = stage.file(page.getValue());
            look.open(page.getKey());
            assertThat("the character set the browser decoded " + page.getKey() + " with", 
                String.valueOf(look.js("return document.characterSet;")), equalTo("UTF-8"));
            assertThat("the title of " + page.getKey() + " (from " + page.getValue() + ")", look.title(),
                equalTo(textOf(match(TITLE, file, page.getValue()))));
            assertThat("the text of " + page.getKey() + " (from " + page.getValue() + ")",
                normalize(look.text()), equalTo(textOf(match(BODY, file, page.getValue()))));
        }
    }

    private void styleApplied(Look look) {
        Stage stage = look.server.stage;
        String css = stage.number() >= 3 ? stage.file("style.css") : stage.file("index.html");
        look.open("/");
        assertThat("the computed color of the <h1>", look.css("h1", "color"), equalTo(rgb(cssColor(css, "h1", "color"))));
        assertThat("the computed background of the page", look.css("body", "background-color"),
            equalTo(rgb(cssColor(css, "body", "background"))));
        if (stage.number() >= 3) {
            Object rules = look.js("for (const s of document.styleSheets) {"
                + " if (s.href && s.href.endsWith('/style.css')) return s.cssRules.length; } return -1;");
            assertThat("the rules the browser read from /style.css (-1: not loaded)", ((Number) rules).intValue(), greaterThan(0));
        }
    }

    private void kittenLoaded(Look look) {
        look.open("/kittens");
        assertThat("the status of /kittens", look.status(), equalTo(200L));
        assertThat("the heading of /kittens", look.heading(), equalTo(expectedHeading(look.server.stage.file("kittens.html"))));
        assertImageLoaded(look, "img[src*='kitten']");
        if (look.server.stage.number() >= 4) {
            look.open("/about");
            assertImageLoaded(look, "img[src^='/static/']");
        }
    }

    private void assertImageLoaded(Look look, String selector) {
        Object width = look.js("const i = document.querySelector(arguments[0]);"
            + " return i ? (i.complete ? i.naturalWidth : -2) : -1;", selector);
        Object src = look.js("const i = document.querySelector(arguments[0]); return i ? i.getAttribute('src') : null;", selector);
        assertThat("naturalWidth of the image " + src + " (" + selector + "; 0: the browser got no image,"
            + " -1: no such <img>, -2: still loading)", ((Number) width).intValue(), greaterThan(0));
    }

    private void menuLinks(Look look) {
        Stage stage = look.server.stage;
        look.open("/");
        for (String[] link : new String[][] {{"Kittens", "/kittens", "kittens.html"}, {"About", "/about", "about.html"},
                                            {"Home", "/", "index.html"}}) {
            look.asked("a click on \"" + link[0] + "\" in the menu");
            look.browser.driver.findElement(By.cssSelector("nav")).findElement(By.linkText(link[0])).click();
            assertThat("the address after a click on " + link[0], look.path(), equalTo(link[1]));
            assertThat("the heading after a click on " + link[0], look.heading(), equalTo(expectedHeading(stage.file(link[2]))));
        }
    }

    private void notFoundPage(Look look) {
        look.open("/no-such-page-here");
        assertThat("the status of an unknown path", look.status(), equalTo(404L));
        assertThat("the heading of the 404 page", look.heading(), equalTo(expectedHeading(look.server.stage.file("404.html"))));
        assertThat("the 404 page's text (from 404.html)", normalize(look.text()),
            equalTo(textOf(match(BODY, look.server.stage.file("404.html"), "404.html"))));
        assertThat("the 404 page is styled too: the <h1>'s color", look.css("h1", "color"),
            equalTo(rgb(cssColor(look.server.stage.file("style.css"), "h1", "color"))));
    }

    private void kittenMoved(Look look) {
        look.open("/kitten");
        assertThat("where the browser ends up after /kitten", look.path(), equalTo("/kittens"));
        assertThat("the status of the page it ends on", look.status(), equalTo(200L));
        assertThat("the heading there", look.heading(), equalTo(expectedHeading(look.server.stage.file("kittens.html"))));
        assertImageLoaded(look, "img[src*='kitten']");
    }

    private void helloUnicode(Look look) {
        String name = "Jürgen Čapek 日本 🐱";
        look.open("/hello?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat("the status of /hello", look.status(), equalTo(200L));
        assertThat("the text of /hello?name=...", look.text(), containsString("Hello, " + name + "!"));
        look.open("/hello");
        assertThat("the text of /hello without a name", look.text(), containsString("Hello, stranger!"));
    }

    private void scriptName(Look look) {
        String name = "<script>window.pwnedByScript = 1; alert('pwned')</script>"
            + "<img src=x onerror=\"window.pwnedByImage = 1\">";
        look.open("/hello?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        String alert = look.browser.takeAlert();
        assertThat("an alert opened by the name's script", alert, nullValue());
        assertThat("window.pwnedByScript (set only if the <script> ran)", look.js("return window.pwnedByScript;"), nullValue());
        assertThat("window.pwnedByImage (set only if the <img> became an element)", look.js("return window.pwnedByImage;"), nullValue());
        assertThat("the name, shown as text", look.text(), containsString("Hello, " + name + "!"));
        Object injected = look.js("return document.querySelectorAll('script, img[src=\"x\"]').length;");
        assertThat("<script> and <img src=x> elements on the page", ((Number) injected).intValue(), equalTo(0));
    }

    private void kittenSize(Look look) {
        for (int size : new int[] {137, 48}) {
            look.open("/kittens?size=" + size);
            assertThat("the status of /kittens?size=" + size, look.status(), equalTo(200L));
            assertImageLoaded(look, "img[src*='kitten']");
            Object width = look.js("return document.querySelector(\"img[src*='kitten']\").getBoundingClientRect().width;");
            assertThat("the kitten's width on screen, in CSS pixels, for size=" + size,
                ((Number) width).doubleValue(), equalTo((double) size));
        }
    }

    private void guestbook(Look look) {
        String name = "Zoë Ωmega";
        String message = "Grüße from the browser check " + Long.toString(System.nanoTime(), 36) + " <b>not bold</b> 🐈";
        look.open("/guestbook");
        assertThat("the status of /guestbook", look.status(), equalTo(200L));
        long postsBefore = look.server.logged("POST /guestbook");
        WebElement form = look.browser.driver.findElement(By.cssSelector("form"));
        assertThat("the form's method", String.valueOf(form.getAttribute("method")).toLowerCase(), equalTo("post"));
        form.findElement(By.name("name")).sendKeys(name);
        form.findElement(By.name("message")).sendKeys(message);
        look.asked("the guestbook form, submitted");
        form.findElement(By.cssSelector("button, input[type=submit]")).click();
        assertThat("where the browser ends up after posting", look.path(), equalTo("/guestbook"));
        assertThat("the status of the page shown after posting", look.status(), equalTo(200L));
        assertThat("the new entry's message, shown as text", look.text(), containsString(message));
        assertThat("the new entry's name", look.text(), containsString(name));
        look.asked("a reload of the page shown after posting");
        look.browser.driver.navigate().refresh();
        look.browser.takeAlert();
        assertThat("the address after a reload", look.path(), equalTo("/guestbook"));
        assertThat("times the entry is shown after a reload", count(look.text(), message), equalTo(1));
        assertThat("POST /guestbook requests the server logged (one submit, then a reload)",
            look.server.logged("POST /guestbook") - postsBefore, equalTo(1L));
    }

    // --- expected values, from the files the server serves -----------------------------------

    static String expectedHeading(String html) {
        return textOf(match(H1, html, "the page"));
    }

    private static String match(Pattern pattern, String html, String file) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new AssertionError(file + " has no " + pattern.pattern());
        }
        return m.group(1);
    }

    /** The text of an HTML fragment: tags out, entities decoded, white space collapsed. */
    static String textOf(String html) {
        return normalize(Look.unescape(TAG.matcher(html).replaceAll("")));
    }

    static String normalize(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    /** The #rrggbb value of {@code property} in the rule for {@code selector}. */
    private static String cssColor(String css, String selector, String property) {
        Matcher rule = Pattern.compile("(?m)^\\s*" + Pattern.quote(selector) + "\\s*\\{([^}]*)}").matcher(css);
        if (!rule.find()) {
            throw new AssertionError("no rule for " + selector + " in the style sheet");
        }
        Matcher value = Pattern.compile("(?:^|[;\\s])" + Pattern.quote(property) + "\\s*:\\s*(#[0-9a-fA-F]{6})").matcher(rule.group(1));
        if (!value.find()) {
            throw new AssertionError("no " + property + " in the rule for " + selector);
        }
        return value.group(1);
    }

    private static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (v >> 16) + ", " + ((v >> 8) & 0xff) + ", " + (v & 0xff) + ")";
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    static Path target() {
        return Path.of(System.getProperty("browser.target", "target"));
    }
}
