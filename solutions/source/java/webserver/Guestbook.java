package webserver;

import java.util.ArrayList;
import java.util.List;

/** The guestbook's entries, oldest first, kept in memory as long as the server runs. */
final class Guestbook {

    /** One entry, as the visitor typed it (escaped only when it is put into a page). */
    record Entry(String name, String message) {
    }

    /**
     * How many characters of names and messages the guestbook holds before it takes no more: about
     * 2 million, thousands of entries of a few lines, or 32 of the longest. Memory is not endless;
     * without a limit, anyone who posts long messages in a loop would stop the server with an
     * OutOfMemoryError, and long before that every GET would build a page of hundreds of megabytes.
     */
    static final int MAX_CHARACTERS = 2 * 1024 * 1024;

    // synchronized below: this server talks to one client at a time, but a server with a thread
    // per client (stage 04's "going further") would add entries from many threads at once. There,
    // isFull and add are two steps: each thread that passed isFull may still add its post, so the
    // guestbook can end a few entries over MAX_CHARACTERS. A bound against running out of memory
    // allows that; an exact one would check and add in one synchronized method.
    private final List<Entry> entries = new ArrayList<>();
    private int characters;

    synchronized void add(String name, String message) {
        entries.add(new Entry(name, message));
        characters += name.length() + message.length();
    }

    /** Whether the guestbook holds MAX_CHARACTERS or more: it keeps its entries, and takes no new ones. */
    synchronized boolean isFull() {
        return characters >= MAX_CHARACTERS;
    }

    /**
     * The page: the form that POSTs a new entry, then every entry so far, each value escaped. It is
     * built here in code, not from a template as in stage 06: Html.render escapes every value it
     * puts in, and the list of entries is HTML of our own, made of escaped values.
     */
    synchronized String page() {
        StringBuilder page = new StringBuilder("""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Guestbook</title><link rel="stylesheet" href="/style.css"></head>
            <body>
            <nav><a href="/">Home</a> · <a href="/kittens">Kittens</a> · <a href="/about">About</a> · <a href="/guestbook">Guestbook</a></nav>
            <h1>Guestbook</h1>
            <form method="post" action="/guestbook">
              <p><label>Your name <input name="name" maxlength="100"></label></p>
              <p><label>Your message <textarea name="message" rows="4" cols="50" required></textarea></label></p>
              <p><button>Sign the guestbook</button></p>
            </form>
            """);
        page.append(entries.isEmpty() ? "<p>No entries yet: be the first.</p>\n" : "<ol>\n");
        for (Entry entry : entries) {
//@ task 07
            page.append("<li><b>").append(Html.escape(entry.name())).append("</b>: ")
                .append(Html.escape(entry.message())).append("</li>\n");
//@ starter
            // TODO 4: each name and message comes from a visitor: escape it before it goes into the page.
            page.append("<li><b>").append(entry.name()).append("</b>: ").append(entry.message()).append("</li>\n");
//@ end
        }
        page.append(entries.isEmpty() ? "" : "</ol>\n").append("</body>\n</html>\n");
        return page.toString();
    }
}
