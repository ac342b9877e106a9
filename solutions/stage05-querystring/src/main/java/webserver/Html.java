package webserver;

/**
 * Text from a client, made safe to put into an HTML page.
 */
final class Html {

    private Html() {
    }

    /**
     * Replaces the five characters that mean something in HTML by their entities: "<" could start
     * a tag, "&" an entity, and a quote could end the attribute value it is in.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
