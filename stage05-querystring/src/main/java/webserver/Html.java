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
        // TODO 4: replace each of  < > & " '  by its entity: &lt; &gt; &amp; &quot; &#39;
        //   Until then, a name such as <script>...</script> is code the browser runs.
        return text;
    }
}
