package checkpoints;

import labkit.Exchange;
import labkit.Response;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 06, templates: kittens.html filled with a size from the query (checked, 16 to 1024), every
 * placeholder filled in one pass with an escaped value or "", templates read on every request, and
 * /hello rendered from hello.html. Each checkpoint puts a template made fresh for it in the root.
 */
final class Stage06 {

    private Stage06() {
    }

    static List<Checkpoint> checkpoints() {
        // In the order of the starter's TODOs, then what the given code already does: a student who
        // follows "Next:" in a report goes through the TODOs as the lesson does.
        return List.of(
            Checkpoint.of("06.hello-template", 1, "/hello renders the template hello.html", Stage06::helloTemplate),
            Checkpoint.of("06.every-placeholder", 2, "Every placeholder is filled from the query; one without a value becomes empty",
                Stage06::everyPlaceholder),
            Checkpoint.of("06.single-pass", 2, "One pass: a value that contains {{size}} or another placeholder is not expanded again",
                Stage06::singlePass),
            Checkpoint.of("06.kittens-size", 3, "/kittens?size=N fills every {{size}} of kittens.html with N (16 to 1024, leading zeros fine)",
                Stage06::kittensSize),
            Checkpoint.of("06.default-size", 1, "/kittens without a size, or with an empty one, is 200 with one default size in range",
                Stage06::defaultSize),
            Checkpoint.of("06.invalid-size", 3, "A size that is not a whole number from 16 to 1024 (abc, -5, 99999, \"><script>, ٣٢) gets 400 with a page that says so",
                Stage06::invalidSize),
            Checkpoint.of("06.escaping", 2, "Values are HTML-escaped in text and in \"...\" and '...' attributes",
                Stage06::escaping),
            Checkpoint.of("06.template-fresh", 1, "A template edit shows on the next request, without a restart", Stage06::templateFresh));
    }

    /** A fresh kittens.html: the size in attributes and text, the type, a fresh word, non-ASCII text. */
    private static String template(Probe p, String extra) {
        String word = p.fresh("tpl-");
        return "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Kittens " + word + "</title></head>\n<body>\n"
            + "<img src=\"/kitten.png\" width=\"{{size}}\" height='{{size}}' alt=\"a {{type}} kitten\">\n"
            + "<p>" + Fixture.NON_ASCII + ": {{size}} × {{size}} pixels, {{type}}.</p>\n" + extra + "</body>\n</html>\n";
    }

    /** Runs {@code check} with {@code template} as the root's kittens.html, and puts the fixture's back afterwards. */
    private static void withKittens(Probe p, String template, Runnable check) {
        withKittens(p, template, false, check);
    }

    /**
     * As {@link #withKittens(Probe, String, Runnable)}, for a checkpoint of render (TODO 2) that can
     * only ask /kittens: a failure because /kittens is not rendered at all (TODO 3) says so.
     */
    private static void withKittensOfRender(Probe p, String template, Runnable check) {
        withKittens(p, template, true, check);
    }

    private static void withKittens(Probe p, String template, boolean ofRender, Runnable check) {
        Fixture f = p.fixture();
        f.change("kittens.html", template.getBytes(StandardCharsets.UTF_8));
        try {
            check.run();
        } catch (Failure failure) {
            // One more look at /kittens, with this checkpoint's template in place, tells two causes apart.
            Exchange now = p.get("/kittens");
            Failure stale = staleTemplate(p, now, template);
            if (stale != null) {
                throw stale;
            }
            Failure unfilled = ofRender ? unfilledTemplate(p, now, template) : null;
            throw unfilled != null ? unfilled : failure;
        } finally {
            f.restore("kittens.html");
        }
    }

    /**
     * A failure for a page made from an earlier kittens.html than the one in the root now (the
     * checkpoint put its own in place before its first request): a template kept from an earlier
     * request, of an earlier checkpoint. By hand, a server started afresh shows the right page
     * until the file is edited, so the line says to edit it. Null when the page is from this one.
     */
    private static Failure staleTemplate(Probe p, Exchange e, String template) {
        String shown = titleText(e.text()), wanted = titleText(template);
        if (p.answered(e).status() != 200 || shown == null || shown.equals(wanted) || !shown.startsWith("Kittens")) {
            return null;
        }
        return p.fail(e, "kittens.html as the root has it now, titled '" + wanted + "'",
                "a page titled '" + shown + "', from a kittens.html the root had before",
                "The checkpoint put a new kittens.html in place, and the page still comes from an earlier one: is"
                    + "\nthe template kept from an earlier request (read once, or cached by its name)? Read it afresh"
                    + "\nfor every request.")
            .withTryItNote("(the checkpoint changed kittens.html in its web root since an earlier request: run the line, edit"
                + " your www/kittens.html, run it again)");
    }

    /**
     * A failure for a /kittens that sends kittens.html as it is, every placeholder still in it: the
     * route does not render the template yet (TODO 3), whatever render does. Without it, a student
     * who has just written a right render (TODO 2) reads "a value was expanded twice" and doubts it.
     * Null when the page is filled, or is no copy of the template.
     */
    private static Failure unfilledTemplate(Probe p, Exchange e, String template) {
        if (p.answered(e).status() != 200 || !e.text().equals(template)) {
            return null;
        }
        return p.fail(e, "kittens.html with its placeholders filled",
            "kittens.html exactly as it is in the root, every placeholder still in it",
            "/kittens sends the template without rendering it: its route does not fill it yet (TODO 3, kittens and"
                + "\nits line in reply). This checkpoint asks /kittens, so it cannot pass before that; until then,"
                + "\ncheck render (TODO 2) with /hello, as the lesson does.");
    }

    /** The template filled as a correct server fills it (only for values without HTML metacharacters). */
    private static String filled(String template, java.util.Map<String, String> values) {
        Matcher m = Pattern.compile("\\{\\{([A-Za-z0-9_-]+)}}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void kittensSize(Probe p) {
        String template = template(p, "");
        withKittens(p, template, () -> {
            int size = 16 + p.random().nextInt(1024 - 16 + 1);
            String type = p.fresh("");
            // leading zeros are fine, however many: the number is what counts, not its digits
            for (String given : List.of(String.valueOf(size), "00" + size, "0000000000" + size)) {
                Exchange e = p.get("/kittens?size=" + given + "&type=" + type);
                Answers.status(p, e, 200, "OK", "A size from 16 to 1024 is fine: 200 OK with the page."
                    + (given.startsWith("0") ? "\nLeading zeros are fine too, however many: " + given + " is " + size + "." : ""));
                if (!given.equals(String.valueOf(size))
                        && e.text().equals(filled(template, java.util.Map.of("size", given, "type", type)))) {
                    throw p.fail(e, "kittens.html with every {{size}} replaced by " + size,
                        "every {{size}} replaced by " + given + ", as the query wrote it",
                        "The page shows the size as the query wrote it (" + given + "), not the number the route worked"
                            + "\nout (" + size + "). Fill {{size}} with that number, String.valueOf(n), not with the query's text; and"
                            + "\nthe route's values must win over the query's of the same name, as both fill placeholders.");
                }
                Answers.sameBytes(p, e, filled(template, java.util.Map.of("size", String.valueOf(size), "type", type))
                    .getBytes(StandardCharsets.UTF_8), "kittens.html with every {{size}} replaced by " + size + " and {{type}} by " + type);
            }
            String bounds = "16 and 1024 are allowed too: the range includes both ends (size < 16 or size > 1024 is 400).";
            Exchange smallest = p.get("/kittens?size=16");
            Answers.status(p, smallest, 200, "OK", bounds);
            Answers.sameBytes(p, smallest, filled(template, java.util.Map.of("size", "16"))
                .getBytes(StandardCharsets.UTF_8), "kittens.html filled with size 16 (the smallest allowed)");
            Exchange largest = p.get("/kittens?size=1024&size=20");
            Answers.status(p, largest, 200, "OK", bounds + "\nAnd the FIRST size of the query counts.");
            if (largest.text().equals(filled(template, java.util.Map.of("size", "20")))) {
                throw p.fail(largest, "kittens.html filled with size 1024 (the FIRST size of the query)",
                    "kittens.html filled with size 20, the LAST size of the query",
                    "When a name comes more than once, its first value counts: size=1024&size=20 is 1024"
                        + "\n(url.first(\"size\")), as for every name of the query since stage 05.");
            }
            Answers.sameBytes(p, largest, filled(template, java.util.Map.of("size", "1024"))
                .getBytes(StandardCharsets.UTF_8), "kittens.html filled with size 1024 (the FIRST size of the query)");
        });
    }

    private static void defaultSize(Probe p) {
        String template = template(p, "");
        withKittens(p, template, () -> {
            int defaultSize = -1; // the size of /kittens, the first target
            for (String target : List.of("/kittens", "/kittens?size=", "/kittens?type=" + p.fresh(""))) {
                Exchange e = p.get(target);
                Answers.status(p, e, 200, "OK", "No size, or an empty one, means the default size: 200 OK, not 400.");
                String body = e.text();
                Matcher m = Pattern.compile("width=\"([0-9]+)\" height='([0-9]+)'").matcher(body);
                boolean ok = m.find() && m.group(1).equals(m.group(2));
                int size = ok && m.group(1).length() <= 9 ? Integer.parseInt(m.group(1)) : -1; // 9 digits fit an int
                String type = target.contains("type=") ? target.substring(target.indexOf("type=") + 5) : "";
                if (!ok || size < 16 || size > 1024 || !body.equals(filled(template,
                        java.util.Map.of("size", String.valueOf(size), "type", type)))) {
                    // The size may be right and another placeholder left as it was: then say that, not "size".
                    boolean sizeRight = ok && size >= 16 && size <= 1024 && !body.contains("{{size}}");
                    throw p.fail(e, "kittens.html with every {{size}} replaced by the same default size, 16 to 1024",
                        "a body of " + e.body().length + " bytes: " + labkit.Visible.of(e.body(), 300).strip(),
                        sizeRight && body.contains("{{")
                            ? "The size is right (" + size + "); a placeholder is still in the page as it was. A placeholder"
                                + "\nwith no value in the query becomes the empty string (here {{type}}: this request has no type)."
                            : "Without a size the page still needs one: fill {{size}} with a default (say 256) everywhere.");
                }
                defaultSize = defaultSize < 0 ? size : defaultSize;
            }
            // The FIRST size counts, and an empty one means the default: a later size is not looked at.
            int later = 16 + p.random().nextInt(1024 - 16);
            later = later >= defaultSize ? later + 1 : later; // any size in range but the default
            Exchange e = p.get("/kittens?size=&size=" + later);
            Answers.status(p, e, 200, "OK", "No size, or an empty one, means the default size: 200 OK, not 400.");
            String wanted = filled(template, java.util.Map.of("size", String.valueOf(defaultSize)));
            if (!e.text().equals(wanted)) {
                boolean usedLater = e.text().equals(filled(template, java.util.Map.of("size", String.valueOf(later))));
                throw p.fail(e, "kittens.html with every {{size}} replaced by the default size, " + defaultSize
                        + " (as for /kittens): the first size is empty",
                    usedLater ? "every {{size}} replaced by " + later + ", the query's second size"
                        : "a body of " + e.body().length + " bytes: " + labkit.Visible.of(e.body(), 300).strip(),
                    "Only the FIRST size of the query counts, and here it is empty, which means the default. A"
                        + "\nlater size= is not looked at: when a name repeats, the first value is the one a page uses.");
            }
        });
    }

    /**
     * Sizes of 06.invalid-size that Integer.parseInt takes (after decoding) though they are not ASCII
     * digits: Arabic-Indic 32, "+64", fullwidth 32. They get a hint of their own.
     */
    private static final String ARABIC_32 = "%D9%A3%D9%A2", PLUS_64 = "%2B64", FULLWIDTH_32 = "%EF%BC%93%EF%BC%92";
    private static final List<String> PARSE_INT_TAKES = List.of(ARABIC_32, PLUS_64, FULLWIDTH_32);
    /** A size of one space: blank, not empty, so not the default. */
    private static final String SPACE = "%20";

    /** For a 500: a size of digits only passed the student's check and overflowed parseInt; anything else threw too. */
    private static String overflowOr500Hint(String size) {
        String significant = size.replaceFirst("^0+", "");
        if (size.matches("[0-9]+") && significant.length() > 9) {
            return "\nASCII digits alone are not the whole check: " + significant.length() + " digits (not counting leading"
                + "\nzeros) do not fit in an int, and Integer.parseInt throws past 2,147,483,647. Limit how many digits"
                + "\nyou accept, not counting leading zeros: those are fine, however many (0000000000064 is 64).";
        }
        if (size.matches("0+")) {
            return "\n" + size + " is a number too (0, out of range: 400). Stripping every leading zero leaves an empty"
                + "\nstring, which Integer.parseInt rejects: parse the digits as they are, leading zeros and all.";
        }
        return "\nA 500 means parsing threw: check the text before you parse it.";
    }

    private static void invalidSize(Probe p) {
        withKittens(p, template(p, ""), () -> {
            int tooBig = 1025 + p.random().nextInt(100_000);
            for (String size : List.of("abc", ARABIC_32, "-5", "99999", String.valueOf(tooBig), "15", "0", "1025", "3.5", PLUS_64, "%20" + 64,
                    "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", FULLWIDTH_32, "99999999999999999999", p.fresh(""), SPACE,
                    "64%0A")) { // a line feed after the digits: a regex's $ lets it through, parseInt does not
                Exchange e = p.get("/kittens?size=" + size);
                Response r = p.answered(e);
                String decoded = java.net.URLDecoder.decode(size, java.nio.charset.StandardCharsets.UTF_8);
                Answers.status(p, e, 400, "Bad Request", "The size must be a whole number from 16 to 1024, written in ASCII digits 0-9 (here: '"
                    + size + "'" + (decoded.equals(size) || decoded.isBlank() || decoded.chars().anyMatch(Character::isISOControl) ? "" : ", decoded '" + decoded + "'")
                    + "). Anything else is 400 Bad Request, with a page that says what is allowed."
                    + (r.status() == 500 ? overflowOr500Hint(size) : "")
                    + (r.status() == 200 && size.equals(SPACE)
                    ? "\nOnly a missing or an empty size means the default. %20 is a space: blank, but not empty, and"
                        + "\nnot a number either, so 400, as for any other size that is not a whole number." : "")
                    + (r.status() == 200 && PARSE_INT_TAKES.contains(size)
                    ? "\nInteger.parseInt alone is not the check: it also accepts \"+64\" and digits of other scripts"
                        + "\n(٣٢ is 32), and so does Character.isDigit. Check for ASCII digits [0-9] first, then the range." : ""));
                Answers.valid(p, e, "the 400");
                String text = e.text();
                if (!text.contains("16") || !text.contains("1024")) {
                    throw p.fail(e, "a page that says which sizes are allowed: a whole number from 16 to 1024",
                        labkit.Visible.of(e.body(), 300).strip(), "Tell the visitor what to do instead: say the allowed range, 16 to 1024.");
                }
                if (text.contains("<script>")) {
                    throw p.fail(e, "no <script> from the query in the page", "the page contains <script> as it is",
                        "If the error page repeats the size, escape it.");
                }
            }
            // HTML that is no <script> at all: taking "<script>" out is no escape
            String nasty = Texts.nasty(p).replace("<script>", "<img src=x onerror=");
            String word = Texts.nastyWord(nasty);
            Exchange e = p.get("/kittens?size=" + Texts.encode(nasty));
            Answers.status(p, e, 400, "Bad Request", "A size that is not a number is 400 Bad Request.");
            if (e.text().contains("<b id=\"" + word + "\">") || e.text().contains("<img src=x")) {
                throw p.fail(e, "the size escaped wherever the 400 page repeats it", "the page has the query's HTML as it is: <b id=\""
                    + word + "\"> ... <img src=x onerror=...>", "If the error page repeats the size, escape it (Html.escape). Taking"
                    + "\n<script> out is no escape: any tag can carry script, such as <img onerror=...>.");
            }
        });
    }

    private static void everyPlaceholder(Probe p) {
        String known = p.fresh("k"), unknown = p.fresh("u");
        String template = template(p, "<p>{{" + known + "}} and [{{" + unknown + "}}] and {{" + known + "}}</p>\n");
        withKittensOfRender(p, template, () -> {
            String value = Texts.name(p);
            int size = 16 + p.random().nextInt(1009);
            Exchange e = p.get("/kittens?size=" + size + "&" + known + "=" + Texts.encode(value));
            Answers.status(p, e, 200, "OK", "A page with a size in range is 200 OK.");
            Answers.sameBytes(p, e, filled(template, java.util.Map.of("size", String.valueOf(size), known, value))
                    .getBytes(StandardCharsets.UTF_8),
                "kittens.html with {{size}} = " + size + ", {{" + known + "}} = " + value + " from the query, {{type}} and {{"
                    + unknown + "}} (no value) empty");
            // A name twice: the FIRST value is the one the page uses.
            String first = p.fresh("first-"), second = p.fresh("second-");
            Exchange twice = p.get("/kittens?size=" + size + "&type=" + first + "&type=" + second);
            Answers.status(p, twice, 200, "OK", "A page with a size in range is 200 OK.");
            String wanted = filled(template, java.util.Map.of("size", String.valueOf(size), "type", first));
            if (twice.text().equals(filled(template, java.util.Map.of("size", String.valueOf(size), "type", second)))) {
                throw p.fail(twice, "kittens.html with {{type}} = " + first + ", the FIRST type of the query",
                    "every {{type}} replaced by " + second + ", the last type of the query",
                    "When a name repeats in the query, the FIRST value is the one a page uses: the others are kept"
                        + "\n(as /hello's names are), but they do not fill a placeholder.");
            }
            Answers.sameBytes(p, twice, wanted.getBytes(StandardCharsets.UTF_8),
                "kittens.html with {{size}} = " + size + " and {{type}} = " + first + " (the FIRST type of the query)");
        });
    }

    private static void escaping(Probe p) {
        String a = p.fresh("A"), b = p.fresh("B"), c = p.fresh("C"), d = p.fresh("D");
        String template = template(p, "<p>" + a + "{{type}}" + b + "</p>\n<input value=\"" + c + "{{type}}\">\n<img alt='" + d
            + "{{type}}'>\n");
        withKittens(p, template, () -> {
            String value = Texts.nasty(p);
            Exchange e = p.get("/kittens?size=64&type=" + Texts.encode(value));
            Answers.status(p, e, 200, "OK", "A page with a size in range is 200 OK. The value has $1, \\ and $9 in it:"
                + "\nMatcher.appendReplacement reads those in its replacement as group references and escapes.");
            String text = e.text();
            String[][] places = {{a, b, "text"}, {c, "\">", "a \"...\" attribute"}, {d, "'>", "a '...' attribute"}};
            for (String[] place : places) {
                int start = text.indexOf(place[0]);
                int end = start < 0 ? -1 : text.indexOf(place[1], start + place[0].length());
                String inserted = end < 0 ? null : text.substring(start + place[0].length(), end);
                String problem = inserted == null ? "the page does not have the template's shape around the value"
                    : Texts.unsafe(inserted, value);
                if (problem != null && inserted != null && inserted.contains("{{")) {
                    throw p.fail(e, "the value of type, escaped, in " + place[2] + ": " + Texts.escape(value), "the placeholder itself: "
                        + inserted, "The template's {{type}} is still in the page: fill every placeholder with its value.");
                }
                if (problem != null) {
                    // Escaped (entities in it), and still not the value: $ and \ were taken as regex syntax.
                    boolean escapedWell = inserted != null && problem.startsWith("it shows as") && inserted.contains("&lt;");
                    throw p.fail(e, "the value of type, escaped, in " + place[2] + ": " + Texts.escape(value),
                        problem + (inserted == null ? "" : ": " + inserted), escapedWell
                            ? "The metacharacters are escaped, but the text changed on the way: look at the $ and \\ in it."
                                + "\nMatcher.appendReplacement reads its replacement as $group references and \\ escapes."
                            : "Every value goes through one escape that replaces all five: < > & \" '. In an attribute a quote"
                                + "\nthat is not escaped ends the value, and what follows becomes an attribute of its own"
                                + "\n(onerror=...): the original lab's replace('SIZE', ...) is exactly this hole.");
                }
            }
        });
    }

    private static void singlePass(Probe p) {
        String x = p.fresh("x"), y = p.fresh("y");
        String template = template(p, "<p>[{{" + x + "}}] [{{" + y + "}}]</p>\n");
        withKittensOfRender(p, template, () -> {
            String size = String.valueOf(16 + p.random().nextInt(1009));
            String type = "{{size}}";
            String vx = "{{" + y + "}}", vy = "{{" + x + "}}";
            Exchange e = p.get("/kittens?size=" + size + "&type=" + Texts.encode(type) + "&" + x + "=" + Texts.encode(vx)
                + "&" + y + "=" + Texts.encode(vy));
            Answers.status(p, e, 200, "OK", "A page with a size in range is 200 OK.");
            String wanted = filled(template, java.util.Map.of("size", size, "type", type, x, vx, y, vy));
            if (!e.text().equals(wanted)) {
                String line = "<p>[" + vx + "] [" + vy + "]</p>"; // braces need no escaping
                String shown = e.text().lines().filter(l -> l.startsWith("<p>[")).findFirst().orElse(null);
                if (wanted.contains(line) && shown != null && !shown.equals(line)) {
                    throw p.fail(e, "kittens.html with the values put in as text: '" + line + "'", "'" + shown + "'",
                        "A value that holds {{...}} was read again as part of the template: filled in, or removed as a"
                            + "\nleftover. A second replace, or a final clean-up of placeholders, looks at values already"
                            + "\nput in. Walk the template in one pass (Matcher.find, appendReplacement), and never look at"
                            + "\na value again once it is in.");
                }
                Answers.sameBytes(p, e, wanted.getBytes(StandardCharsets.UTF_8),
                    "kittens.html with the values put in as text (one pass: {{size}} inside a value stays {{size}})");
            }
        });
    }

    private static void templateFresh(Probe p) {
        String first = template(p, "");
        withKittens(p, first, () -> {
            Exchange before = p.get("/kittens?size=100");
            Answers.sameBytes(p, before, filled(first, java.util.Map.of("size", "100")).getBytes(StandardCharsets.UTF_8),
                "kittens.html filled with size 100");
            String second = template(p, "<p>" + p.fresh("edited-") + " {{size}}</p>\n");
            p.fixture().change("kittens.html", second.getBytes(StandardCharsets.UTF_8));
            Exchange after = p.get("/kittens?size=100");
            byte[] wanted = filled(second, java.util.Map.of("size", "100")).getBytes(StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(after.body(), wanted)) {
                throw p.fail(after, "the EDITED kittens.html, filled with size 100", java.util.Arrays.equals(after.body(), before.body())
                        ? "the page from before the edit" : labkit.Visible.of(after.body(), 200).strip(),
                    "Read the template afresh for every request (a template kept from start-up, or from the first"
                        + "\nrequest, hides every edit until a restart).");
            }
        });
    }

    /** The text of a page's title element, or "no title" if it has none. */
    private static String titleOf(String page) {
        String text = titleText(page);
        return text == null ? "no title" : "<title>" + text + "</title>";
    }

    /** The text inside a page's title element, or null if it has none. */
    private static String titleText(String page) {
        Matcher title = Pattern.compile("<title>(.*?)</title>").matcher(page);
        return title.find() ? title.group(1) : null;
    }

    private static void helloTemplate(Probe p) {
        Fixture f = p.fixture();
        String word = p.fresh("greeting-");
        String template = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>" + word + "</title>\n<h1>Hello, {{name}}!</h1>\n<p>"
            + Fixture.NON_ASCII + " {{others}}</p>\n";
        f.change("hello.html", template.getBytes(StandardCharsets.UTF_8));
        try {
            String name = p.fresh("");
            // others= in the query must not fill {{others}}: the route's value (none here) wins
            String spoofed = p.fresh("spoofed-");
            Exchange e = p.get("/hello?name=" + name + "&others=" + spoofed);
            Answers.status(p, e, 200, "OK", "/hello is a page: 200 OK.");
            if (!e.text().contains(word)) {
                throw p.fail(e, "the page from this run's hello.html, whose title is " + word,
                    "a page without that title: " + titleOf(e.text()),
                    "The page did not come from the root's hello.html as it is now. /hello renders that template"
                        + "\nin this stage: read it afresh for each request, and fill in its placeholders.");
            }
            if (e.text().contains(spoofed)) {
                throw p.fail(e, "{{others}} empty: the route has no other names to list",
                    "{{others}} filled from the query's others=" + spoofed,
                    "The route's own values fill the template and win over the query's. Here the route's value for"
                        + "\n{{others}} is empty, yet the query's came through: is it passed under the template's name, others?");
            }
            Answers.sameBytes(p, e, filled(template, java.util.Map.of("name", name)).getBytes(StandardCharsets.UTF_8),
                "hello.html with {{name}} = " + name + " and {{others}} empty (rendered from the template, not made in code;"
                    + " the query's others= does not fill it: the route's values win, and it has no others)");
        } finally {
            f.restore("hello.html");
        }
    }
}
