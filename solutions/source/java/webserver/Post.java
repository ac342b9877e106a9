package webserver;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import webserver.WebServer.Reply;
import webserver.WebServer.RequestLine;
import webserver.WebServer.Status;

import static webserver.WebServer.GUESTBOOK;
import static webserver.WebServer.MAX_BODY_BYTES;
import static webserver.WebServer.explain;
import static webserver.WebServer.page;

/**
 * A form sent with POST to /guestbook: the headers that frame its body, the body itself, and the
 * answer. A request head ends with an empty line, but a body has no end mark: Content-Length
 * says how many bytes it has, and the server reads exactly that many.
 */
final class Post {

    private Post() {
    }

    /**
     * Checks the headers that frame the body, reads exactly that body, stores the entry, and sends
     * the browser back to the page with 303 (post/redirect/get).
     */
    static Reply receive(byte[] head, InputStream in) throws IOException {
        Map<String, List<String>> headers = headers(head);
        Reply unframed = framingWeCannotTrust(headers);
        if (unframed != null) {
            return unframed;
        }
//@ task 07
        List<String> lengths = headers.getOrDefault("content-length", List.of());
        if (lengths.isEmpty()) {
            return page(Status.LENGTH_REQUIRED);
        }
        if (!lengths.stream().allMatch(v -> v.matches("[0-9]+"))) {
            return page(Status.BAD_REQUEST); // not a number, or negative: where does the body end?
        }
        // BigInteger: a length has any number of digits (a long stops at 19), and 013 is 13.
        List<BigInteger> values = lengths.stream().map(BigInteger::new).distinct().toList();
        if (values.size() > 1) {
            return page(Status.BAD_REQUEST); // two different lengths: which one is right?
        }
        if (values.get(0).compareTo(BigInteger.valueOf(MAX_BODY_BYTES)) > 0) {
            return page(Status.CONTENT_TOO_LARGE); // answered before reading: finishEarly drains what comes
        }
        int length = values.get(0).intValueExact();
        String type = headers.getOrDefault("content-type", List.of("")).get(0);
        // Limit 2: split drops empty parts at the end, so ";".split(";") would have no [0] at all.
        if (!type.split(";", 2)[0].strip().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return page(Status.UNSUPPORTED_MEDIA_TYPE);
        }
        byte[] body = readBody(in, length);
        Map<String, List<String>> form;
        try {
            form = Url.parseQuery(new String(body, StandardCharsets.ISO_8859_1)); // bytes as chars, as in a target
        } catch (IllegalArgumentException e) {
            return page(Status.BAD_REQUEST);
        }
        String name = form.getOrDefault("name", List.of("")).get(0);
        String message = form.getOrDefault("message", List.of("")).get(0);
        if (message.isBlank()) {
            return explain(Status.BAD_REQUEST, "Your message is empty: go back, write something, and send it again.");
        }
        GUESTBOOK.add(name.isBlank() ? "Anonymous" : name, message);
        return seeOther("/guestbook");
//@ starter
        // TODO 1: the headers that frame the body, in this order: no Content-Length is 411 Length
        //   Required; a length that is not a number, negative, or given twice with different values
        //   is 400; over MAX_BODY_BYTES is 413 Content Too Large (answer at once, do not read it). A
        //   Content-Type other than application/x-www-form-urlencoded (compare without case, allow
        //   "; charset=...") is 415 Unsupported Media Type. A number here is ASCII digits alone
        //   (Integer.parseInt also takes "+14"), and may be longer than a long holds
        //   (99999999999999999999 is 413, not 400: java.math.BigInteger compares it).
        // TODO 3: read the body with readBody and parse it like a query (Url.parseQuery). Make its
        //   bytes text one char per byte, ISO_8859_1, as the head: Url then decodes %-escapes and raw
        //   UTF-8 alike (not the platform's default charset, and not UTF-8 twice). A body Url cannot
        //   decode is 400. Add the entry to GUESTBOOK: a blank message is 400 with a page that says
        //   so (explain), a blank name is "Anonymous". Then answer 303 See Other with
        //   seeOther("/guestbook"), not a page.
        // Until then the guestbook takes no posts, as in stage 06: replace this line.
        return page(Status.METHOD_NOT_ALLOWED, "Allow: GET, HEAD");
//@ end
    }

    /** Exactly {@code length} bytes of body, however they arrive: all at once, in pieces, slowly. */
    static byte[] readBody(InputStream in, int length) throws IOException {
//@ task 07
        byte[] body = in.readNBytes(length); // read() gives what has arrived; readNBytes loops until length
        if (body.length < length) {
            throw new EOFException("the client hung up after " + body.length + " of " + length + " bytes of body");
        }
        return body;
//@ starter
        // TODO 2: one read() returns what has ARRIVED so far, perhaps a few bytes of a long body. Keep
        //   reading until you have all 'length' bytes. If the client hangs up first (read() returns
        //   -1; readNBytes returns fewer bytes, without a word), throw an EOFException: half a
        //   message must not be stored.
        byte[] body = new byte[length];
        int count = in.read(body);
        return Arrays.copyOf(body, Math.max(count, 0));
//@ end
    }

    /**
     * A body stream that answers "HTTP/1.1 100 Continue" the first time the body is read. A client
     * that sent "Expect: 100-continue" waits for that go-ahead before it sends its body (curl waits
     * a second, as long as our read timeout, then sends it anyway). 100 is an interim answer: the
     * real one follows it. An answer given without reading the body (411, 413, 415, 507) comes
     * without it, as RFC 9110 (10.1.1) asks: the client then does not send the body at all.
     */
    static final class GoAhead extends FilterInputStream {
        private final OutputStream out;
        private boolean given;

        GoAhead(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            giveGoAhead();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0; // no body to read (Content-Length: 0): no go-ahead for it either
            }
            giveGoAhead();
            return super.read(buffer, offset, length);
        }

        private void giveGoAhead() throws IOException {
            if (!given) {
                given = true;
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    /** Whether an HTTP/1.1 POST asks for a go-ahead before it sends its body (Expect: 100-continue). */
    static boolean expectsContinue(byte[] head, RequestLine request) {
        return request != null && request.method().equals("POST") && request.version().equals("HTTP/1.1")
            && headers(head).getOrDefault("expect", List.of()).stream().anyMatch("100-continue"::equalsIgnoreCase);
    }

    /**
//@ task 07
     * A head whose body this server cannot frame safely. Two servers
//@ starter
     * Given code, before TODO 1: a head whose body this server cannot frame safely. Two servers
//@ end
     * that disagree on where a body ends are how "request smuggling" works: a proxy takes a second
     * request hidden in the first one's body for a body, the server behind it for a request.
     * Transfer-Encoding (chunked: a body in pieces that each say their length) is a framing this
     * server does not read: alone, 411 asks for a Content-Length instead; with a Content-Length
     * too, the two disagree, and HTTP says to handle that as an error (RFC 9112, 6.3): 400. So is
     * a space between a header's name and its colon ("Content-Length : 5"; RFC 9112, 5.1), which
     * some programs ignore and others take for another name. Null for a head without these.
     */
    static Reply framingWeCannotTrust(Map<String, List<String>> headers) {
        if (headers.keySet().stream().anyMatch(name -> !name.equals(name.strip()))) {
            return page(Status.BAD_REQUEST);
        }
        if (headers.containsKey("transfer-encoding")) {
            return page(headers.containsKey("content-length") ? Status.BAD_REQUEST : Status.LENGTH_REQUIRED);
        }
        return null;
    }

    /**
     * The header lines of a head by lower-case name; a name may come more than once. A name keeps
     * any space around it ("content-length "), so that framingWeCannotTrust can refuse it.
     */
    static Map<String, List<String>> headers(byte[] head) {
        Map<String, List<String>> headers = new HashMap<>();
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n");
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(withoutSpacesAndTabsAround(line.substring(colon + 1)));
            }
        }
        return headers;
    }

    /**
     * A header's value without the spaces and tabs around it, which HTTP allows there (RFC 9112,
     * 5.1), and nothing else: String.strip would take away other control bytes too, and a
     * "Content-Length: 7" followed by one of them would pass for 7, where another program may see
     * a bad length. (Two programs that frame a body differently: see framingWeCannotTrust.)
     */
    static String withoutSpacesAndTabsAround(String value) {
        return value.replaceAll("^[ \t]+|[ \t]+$", "");
    }

    /** 303 See Other: "done, now GET this page". A reload then repeats the GET, not the POST. */
    static Reply seeOther(String location) {
        byte[] body = ("<!doctype html>\n<title>Saved</title>\n<p>Saved. Back to <a href=\"" + location + "\">"
            + location + "</a>.</p>\n").getBytes(StandardCharsets.UTF_8);
        return new Reply(Status.SEE_OTHER, "text/html; charset=utf-8", body, "Location: " + location);
    }
}
