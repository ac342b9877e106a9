package browserchecks;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One check in the browser: the pages it opened, and when it fails, a report of what a person
 * would have seen (the page asked for, where the browser ended up, the status, the page's text,
 * a screenshot under target/, and the server's last lines).
 */
final class Look {

    final Browser browser;
    final StageServer server;
    private final String id;
    private String asked = "(no page opened yet)";

    Look(Browser browser, StageServer server, String id) {
        this.browser = browser;
        this.server = server;
        this.id = id;
    }

    /** Opens {@code path} as if typed into the address bar, and waits for the page to load. */
    Look open(String path) {
        browser.takeAlert();
        asked = server.url(path);
        browser.driver.get(asked);
        return this;
    }

    /** Notes a page reached another way (a click, a form), for the report. */
    void asked(String what) {
        asked = what;
    }

    String url() {
        return browser.driver.getCurrentUrl();
    }

    String path() {
        String url = url();
        String base = server.url("");
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    String title() {
        return browser.driver.getTitle();
    }

    /** What the page shows as text (innerText of the body). */
    String text() {
        Object text = browser.js("return document.body ? document.body.innerText : '';");
        return text == null ? "" : text.toString();
    }

    String heading() {
        List<WebElement> h1 = browser.driver.findElements(By.tagName("h1"));
        return h1.isEmpty() ? "(no <h1> on the page)" : h1.get(0).getText();
    }

    /** The HTTP status of the page shown (after redirects), from the Navigation Timing API. */
    long status() {
        Object status = browser.js(
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : -1;");
        return status instanceof Number number ? number.longValue() : -1;
    }

    String css(String selector, String property) {
        Object value = browser.js(
            "const e = document.querySelector(arguments[0]);"
                + " return e ? getComputedStyle(e).getPropertyValue(arguments[1]) : '(no ' + arguments[0] + ' on the page)';",
            selector, property);
        return String.valueOf(value);
    }

    Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    /** The report of a failed check: what was asked, what the browser showed. */
    AssertionError failure(String title, Throwable cause) {
        StringBuilder report = new StringBuilder();
        report.append(server.stage).append(": ").append(title).append("  [").append(id).append("]\n");
        report.append("  page asked for:    ").append(asked).append('\n');
        String alert = safely(browser::takeAlert);
        if (alert != null && !alert.startsWith("(")) {
            report.append("  an alert was open: \"").append(alert).append("\" (a script on the page ran)\n");
        }
        report.append("  the browser is at: ").append(safely(this::url))
            .append("  (HTTP ").append(safely(() -> String.valueOf(status()))).append(", title \"")
            .append(safely(this::title)).append("\")\n");
        report.append("  what is wrong:     ").append(indentRest(String.valueOf(cause.getMessage()).strip(), 21)).append('\n');
        report.append("  the page shows:\n").append(quote(safely(this::text), 40));
        Path png = Path.of(System.getProperty("browser.target", "target"), "browser-failures",
            server.stage.folder() + "-" + id + ".png").toAbsolutePath();
        String shot = safely(() -> {
            browser.screenshot(png);
            return png.toString();
        });
        report.append("  screenshot:        ").append(shot).append('\n');
        report.append("  the server printed (last 12 lines):\n").append(quote(String.join("\n", server.lastLines(12)), 12));
        if (!server.isAlive()) {
            report.append("  (the server is no longer running)\n");
        }
        AssertionError error = new AssertionError(report.toString(), cause);
        error.setStackTrace(new StackTraceElement[0]);
        return error;
    }

    private static String safely(java.util.function.Supplier<String> part) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            return "(could not tell: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String indentRest(String text, int indent) {
        return text.replace("\n", "\n" + " ".repeat(indent));
    }

    private static String quote(String text, int maxLines) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String shown = lines.stream().limit(maxLines).map(l -> "    | " + l).collect(Collectors.joining("\n"));
        if (lines.size() > maxLines) {
            shown += "\n    | ... (" + (lines.size() - maxLines) + " more lines)";
        }
        return (lines.isEmpty() ? "    (nothing)" : shown) + "\n";
    }

    /** Decodes the few entities the workbook's pages use. */
    static String unescape(String html) {
        Map<String, String> entities = Map.of("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'", "&#x27;", "'",
            "&nbsp;", "\u00a0");
        String text = html;
        for (var e : entities.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text.replace("&amp;", "&");
    }
}
