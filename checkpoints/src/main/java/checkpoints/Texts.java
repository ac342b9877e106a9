package checkpoints;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh values for the checkpoints of stage 05 on (names and messages with non-ASCII text and HTML
 * metacharacters), and what a checkpoint needs to read HTML a server escaped in its own way.
 */
final class Texts {

    private static final String[] NON_ASCII = {"Jürgen", "Zoë", "Ólafur", "Παναγιώτης", "Søren", "Łucja", "蒼井", "Nguyễn", "Çağla"};
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private Texts() {
    }

    /** A name with a non-ASCII part and a fresh ASCII part, no HTML metacharacters. */
    static String name(Probe p) {
        return NON_ASCII[p.random().nextInt(NON_ASCII.length)] + " " + p.fresh("").substring(0, 1).toUpperCase() + p.fresh("");
    }

    /**
     * A value with every HTML metacharacter in it, around a fresh word, and non-ASCII text; with
     * "$1", "\\" and "$9" too, which Matcher.appendReplacement reads as group references and
     * escapes unless the value is passed through Matcher.quoteReplacement.
     */
    static String nasty(Probe p) {
        String word = p.fresh("");
        return "<b id=\"" + word + "\">" + word + "</b> & 'Tom' \"" + NON_ASCII[p.random().nextInt(NON_ASCII.length)]
            + "\" costs $1 \\ $9 <script>alert('" + word + "')</script>";
    }

    /** The fresh word of a {@link #nasty} value, its {@code <b id="WORD">}: what shows it in a page unescaped. */
    static String nastyWord(String nasty) {
        int quote = nasty.indexOf('"');
        return nasty.substring(quote + 1, nasty.indexOf('"', quote + 1));
    }

    /** Whether {@code text} has the HTML of a {@link #nasty} value as it is, unescaped; {@code word} is its {@link #nastyWord}. */
    static boolean hasNastyUnescaped(String text, String word) {
        return text.contains("<b id=\"" + word + "\">") || text.contains("alert('" + word + "')</script>");
    }

    /** Form and query encoding: UTF-8, %XX, space as '+'. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The text a browser shows for HTML: every entity replaced by its character. */
    static String unescape(String html) {
        Matcher m = ENTITY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String c;
            if (e.startsWith("#")) {
                c = codePoint(e, m.group()); // &#252; or &#xFC;
            } else {
                c = switch (e) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The character of a numeric entity ("#252", "#xFC"); the entity as it is if it names none (a wrong server's &#99999999999;). */
    private static String codePoint(String number, String entity) {
        try {
            boolean hex = number.startsWith("#x") || number.startsWith("#X");
            int code = Integer.parseInt(number.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : entity;
        } catch (NumberFormatException tooLong) {
            return entity;
        }
    }

    /** The text as HTML: the five characters that mean something there as entities, '&' first. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /**
     * What is wrong with {@code inserted}, the HTML a server put where {@code value} belongs, or null
     * when it is safe everywhere (text, "..." and '...' attributes) and shows as {@code value}.
     */
    static String unsafe(String inserted, String value) {
        for (char c : new char[] {'<', '>', '"', '\''}) {
            if (inserted.indexOf(c) >= 0) {
                return "the character " + c + " is in the page as it is, not escaped";
            }
        }
        if (ENTITY.matcher(inserted).replaceAll("").indexOf('&') >= 0) {
            return "an & is in the page as it is, not escaped as &amp;";
        }
        String shown = unescape(inserted);
        if (!shown.equals(value) && !shown.isEmpty() && value.startsWith(shown)) {
            return "it shows only the beginning, '" + shown + "', cut before the '" + value.charAt(shown.length())
                + "' of '" + value + "'";
        }
        if (!shown.equals(value)) {
            return "it shows as '" + shown + "' instead of '" + value + "'";
        }
        return null;
    }

    static String random(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
