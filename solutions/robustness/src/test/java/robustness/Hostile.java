package robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generated requests. Request {@code i} of a run with seed {@code s} depends on nothing but
 * (stage, s, i) and the fixed layout of the web root, so {@code -Drobustness.seed=s
 * -Drobustness.only=i} makes exactly the same bytes again.
 *
 * <p>The first requests of every run are sweeps (every cut position of a few heads, slow clients,
 * the 8 KiB boundary); the rest are drawn at random from the categories of issue 8.
 */
final class Hostile {

    /** A request to send, and what is known about it in advance. */
    record Request(String kind, List<byte[]> pieces, Duration pause, Client.End end,
                   Expect expect, String entryId) {

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            pieces.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }

    /** A status rule that holds for some requests by SPEC section 3a (none for most). */
    enum Expect {
        ANY, NOT_431, TOO_LARGE,
        /** A POST whose body two programs could frame differently: never stored (no 303). */
        NOT_STORED
    }

    /** Marks what a payload put into HTML; a body with one of these has a value unescaped. */
    static final List<String> UNESCAPED_MARKS = List.of("<zqx", "\"zqx", "'zqx", "<script>zqx");

    static final String[] PAYLOADS = {
        "<zqx>", "<script>zqx(1)</script>", "\"zqx=\"", "'zqx='", "\"><zqx a=\"", "'><zqx b='",
        "</title><zqx>", "</textarea><zqx>", "{{name}}<zqx>", "{{message}}\"zqx", "<ZQX onload=zqx()>",
        "<scr<zqx>ipt>", "&lt;zqx&gt;<zqx>", "javascript:'zqx'", "<!--<zqx>-->", "\u00e9<zqx>\u00e9\uD83D\uDC31"};

    static final String CANARY_NAME = "canary-secret.txt";

    private final int stage;
    private final long seed;
    private final String canaryAbsolute; // the canary's absolute path, with '/' separators
    private final List<Request> sweeps;

    /** How many requests the run sends: stage 07's last ones come when the guestbook is long. */
    private final long count;

    Hostile(int stage, long seed, String canaryAbsolute, long count) {
        this.count = count;
        this.stage = stage;
        this.seed = seed;
        this.canaryAbsolute = canaryAbsolute;
        this.sweeps = sweeps();
    }

    int sweepCount() {
        return sweeps.size();
    }

    Request request(long index) {
        if (index < sweeps.size()) {
            return sweeps.get((int) index);
        }
        SplittableRandom r = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        if (stage >= 7 && index >= count - 3) {
            return unreadBody(r);
        }
        int dice = r.nextInt(100);
        if (dice < 10) {
            return randomBytes(r);
        } else if (dice < 14) {
            return bigHead(r);
        } else if (dice < 17) {
            return manyHeaders(r);
        } else if (dice < 32) {
            return percent(r);
        } else if (dice < 50) {
            return traversal(r);
        } else if (dice < 62) {
            return requestLine(r);
        } else if (dice < 74) {
            return contentLength(r);
        } else if (dice < 88) {
            return payload(r);
        } else if (stage >= 7) {
            return guestbookPost(r, "post");
        } else {
            return cutHead(r);
        }
    }

    // ---- sweeps ----------------------------------------------------------------------------

    private List<Request> sweeps() {
        List<Request> all = new ArrayList<>();
        List<byte[]> bases = new ArrayList<>(List.of(
            ascii("GET /about HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: robustness\r\nAccept: */*\r\n\r\n"),
            ascii("HEAD /static/hello.txt HTTP/1.0\nHost: x\n\n"),
            ascii("GET /static/%2e%2e/%2e%2e/" + CANARY_NAME + "?name=%3Czqx%3E HTTP/1.1\r\n\r\n")));
        if (stage >= 7) {
            bases.add(ascii("POST /guestbook HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 30\r\n\r\nname=%3Czqx%3E&message=cut+off"));
        }
        for (byte[] base : bases) {
            for (int cut = 0; cut <= base.length; cut++) {
                byte[] head = java.util.Arrays.copyOf(base, cut);
                all.add(new Request("cut-at-" + cut + "-then-half-close", List.of(head), Duration.ZERO,
                    Client.End.HALF_CLOSE, Expect.ANY, null));
                all.add(new Request("cut-at-" + cut + "-then-hang-up", List.of(head), Duration.ZERO,
                    Client.End.HANG_UP, Expect.ANY, null));
            }
        }
        // the 8 KiB boundary, with the extra bytes in a header and in the request line
        for (int size : new int[] {8190, 8191, 8192, 8193, 8194, 8200, 9000, 16384, 65536, 72000}) {
            all.add(sized(size, false));
            all.add(sized(size, true));
        }
        // slow clients within the 2-second rule: pieces with pauses shorter than the read timeout
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 12; i++) {
            byte[] whole = i % 3 == 2 && stage >= 7 ? guestbookPost(r, "slow").bytes() : payload(r).bytes();
            int parts = 2 + r.nextInt(4);
            List<byte[]> pieces = split(whole, parts, r);
            Request base = new Request("slow-" + parts + "-pieces", pieces, Duration.ofMillis(50 + r.nextInt(300)),
                Client.End.OPEN, Expect.ANY, null);
            all.add(base);
        }
        // one byte at a time, 1 ms apart
        byte[] tiny = ascii("GET /kittens HTTP/1.1\r\nHost: x\r\n\r\n");
        all.add(new Request("byte-at-a-time", split(tiny, tiny.length, r), Duration.ofMillis(1),
            Client.End.OPEN, Expect.ANY, null));
        return all;
    }

    /** A complete head of exactly {@code size} bytes, padded in the request line or in a header. */
    private Request sized(int size, boolean inRequestLine) {
        String start = inRequestLine ? "GET /?pad=" : "GET / HTTP/1.1\r\nX-Pad: ";
        String end = inRequestLine ? " HTTP/1.1\r\nHost: x\r\n\r\n" : "\r\nHost: x\r\n\r\n";
        String head = start + "a".repeat(Math.max(0, size - start.length() - end.length())) + end;
        // SPEC 3a: 8,192 bytes from the first byte to the end of the empty line is allowed; one more is 431
        Expect expect = size <= 8192 ? Expect.NOT_431 : Expect.TOO_LARGE;
        return new Request("head-of-" + size + "-bytes" + (inRequestLine ? "-long-target" : "-long-header"),
            List.of(ascii(head)), Duration.ZERO, Client.End.OPEN, expect, null);
    }

    // ---- random categories -------------------------------------------------------------------

    private static final String TOKENS = " \r\n:/%?GETHP1.0\t\0";

    private Request randomBytes(SplittableRandom r) {
        int length = r.nextInt(600);
        byte[] bytes = new byte[length];
        int alphabet = r.nextInt(4);
        for (int i = 0; i < length; i++) {
            bytes[i] = switch (alphabet) {
                case 0 -> (byte) r.nextInt(256);
                case 1 -> (byte) (32 + r.nextInt(95));
                case 2 -> (byte) TOKENS.charAt(r.nextInt(TOKENS.length()));
                default -> (byte) (0x80 + r.nextInt(128));
            };
        }
        String prefix = r.nextBoolean() ? "" : pick(r, "GET ", "GET /", "HEAD /static/", "POST /guestbook HTTP/1.1\r\n", "GET / HTTP/1.1\r\n");
        byte[] all = join(ascii(prefix), bytes, r.nextBoolean() ? ascii("\r\n\r\n") : new byte[0]);
        Client.End end = r.nextInt(5) == 0 ? Client.End.HANG_UP : Client.End.HALF_CLOSE;
        return new Request("random-bytes", List.of(all), Duration.ZERO, end, Expect.ANY, null);
    }

    private Request bigHead(SplittableRandom r) {
        int size = 8192 + r.nextInt(-40, 40);
        return sized(size, r.nextBoolean());
    }

    private Request manyHeaders(SplittableRandom r) {
        int lines = 500 + r.nextInt(3500);
        String line = pick(r, "a:b\r\n", "X:\n", "a: 1\r\n", "Cookie: c=1\r\n", "\t:\r\n", "H:" + "v".repeat(r.nextInt(4)) + "\n");
        String head = "GET " + pick(r, "/", "/kittens", "/static/hello.txt") + " HTTP/1.1\r\n" + line.repeat(lines) + "\r\n";
        int bytes = head.length();
        Expect expect = bytes <= 8192 ? Expect.NOT_431 : Expect.TOO_LARGE;
        return new Request("many-header-lines-" + lines, List.of(ascii(head)), Duration.ZERO, Client.End.OPEN, expect, null);
    }

    static final String[] BAD_ESCAPES = {
        "%", "%4", "%zz", "%G1", "%%", "%%41", "%C3%28", "%FF", "%C0%AE", "%C0%AF", "%E0%80%AF", "%F0%9F%90",
        "%ED%A0%80", "%F4%90%80%80", "%C3", "%E2%82", "%00", "%2500", "%25", "%u002e", "%2", "%-1", "%+1", "% 1",
        "%C3%BC", "%F0%9F%90%B1", "%80", "%BF%BF", "%FE%FF", "%EF%BB%BF"};

    private Request percent(SplittableRandom r) {
        StringBuilder value = new StringBuilder();
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            value.append(r.nextInt(4) == 0 ? "x" : "").append(BAD_ESCAPES[r.nextInt(BAD_ESCAPES.length)]);
        }
        if (r.nextInt(20) == 0) {
            value.append("%41".repeat(r.nextInt(100, 2700))); // overlong: long runs of escapes
        }
        String target = switch (r.nextInt(7)) {
            case 0 -> "/" + value;
            case 1 -> "/static/" + value;
            case 2 -> "/hello?name=" + value;
            case 3 -> "/kittens?size=" + value;
            case 4 -> "/guestbook?x=" + value + "&name=a";
            case 5 -> "/about?" + value + "=1";
            default -> "/kittens?size=64&" + value;
        };
        byte[] targetBytes = ascii(target);
        if (r.nextInt(4) == 0) { // raw bytes that are not UTF-8 (or not even text), unescaped
            byte[] raw = new byte[1 + r.nextInt(6)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (0x80 + r.nextInt(128));
            }
            targetBytes = join(targetBytes, raw);
        }
        String method = r.nextInt(5) == 0 ? "HEAD" : "GET";
        byte[] head = join(ascii(method + " "), targetBytes, ascii(" HTTP/1.1\r\nHost: x\r\n\r\n"));
        return new Request("percent-escape", List.of(head), Duration.ZERO, Client.End.OPEN, Expect.ANY, null);
    }

    static final String[] CLIMBS = {
        "../", "..%2f", "..%2F", "%2e%2e/", "%2e%2e%2f", "%2E%2E%2F", "%252e%252e%252f", "%252e%252e/", "..\\",
        "..%5c", "%2e%2e%5c", "....//", "..;/", "%c0%ae%c0%ae/", "%c0%ae%c0%ae%c0%af", ".%2e/", "%2e./", "./../",
        "..//", ".../", "..%00/", "%uff0e%uff0e/", "\uff0e\uff0e/", "..%252f"};

    private Request traversal(SplittableRandom r) {
        String target = switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> pick(r, "/static/", "/static//", "/static/./", "/static/x/", "/", "//static/", "/static/hello.txt/")
                + CLIMBS[r.nextInt(CLIMBS.length)].repeat(1 + r.nextInt(5)) + pick(r, CANARY_NAME, "www/../" + CANARY_NAME,
                    CANARY_NAME.replace(".", "%2e"), CANARY_NAME + "%00.txt", CANARY_NAME + "/");
            case 4 -> pick(r, "/static/", "/static//", "//", "/static/%2F", "/static/%2f%2f", "/static/\\\\", "/static/file:")
                + pick(r, canaryAbsolute, canaryAbsolute.substring(1), canaryAbsolute.replace("/", "%2F"),
                    canaryAbsolute.replace("/", "\\"), canaryAbsolute.replace("/", "%5C"));
            case 5 -> canaryAbsolute + pick(r, "", "?x=1", "#top");
            case 6 -> "/static/" + pick(r, "link-to-canary.txt", "uplink/" + CANARY_NAME, "uplink/./" + CANARY_NAME,
                "uplink%2F" + CANARY_NAME, "uplink/www/static/uplink/" + CANARY_NAME, "uplink", "uplink/");
            case 7 -> pick(r, "/static/%2e%2e/%2e%2e/", "/static/%252e%252e/%252e%252e/", "/static/..%5c..%5c",
                "/static/%%32%65%%32%65/%%32%65%%32%65/") + CANARY_NAME;
            case 8 -> pick(r, "/static", "/static/", "/static/.", "/static/..", "/static/%2e", "/static/%2e%2e",
                "/static/../static/hello.txt", "/static/./hello.txt", "/static//hello.txt", "/static/HELLO.TXT", "/static/hello.txt%00",
                "/../", "/..", "/%2e%2e/" + CANARY_NAME, "/static/~", "/static/*", "/static/con", "/static/hello.txt::$DATA");
            default -> "/static/" + CLIMBS[r.nextInt(CLIMBS.length)] + "static/" + CLIMBS[r.nextInt(CLIMBS.length)].repeat(2) + CANARY_NAME;
        };
        String method = r.nextInt(4) == 0 ? "HEAD" : "GET";
        String head = method + " " + target + " HTTP/1." + r.nextInt(2) + "\r\nHost: x\r\n\r\n";
        return new Request("traversal", List.of(utf8(head)), Duration.ZERO, Client.End.OPEN, Expect.ANY, null);
    }

    private Request requestLine(SplittableRandom r) {
        String method = pick(r, "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH", "get", "Get",
            "G\0T", "GET\t", "", "BREW", "M".repeat(1 + r.nextInt(3000)), "<zqx>", "HEAD ");
        String target = pick(r, "/", "/kittens", "/kitten", "/teapot", "/about", "/hello?name=x", "*", "", "kittens",
            "http://127.0.0.1/", "/static/hello.txt", "/ /", "/\t", "/?", "/#", "/?a=1#x", "/guestbook");
        String version = pick(r, "HTTP/1.1", "HTTP/1.0", "HTTP/1.9", "HTTP/2", "HTTP/2.0", "HTTP/0.9", "http/1.1", "HTTP/1.",
            "HTTP/1.1 ", "HTTP/1.10", "HTTP/11", "", "HTTP", "HTTP/1.1\0", "HTTP/\u0661.\u0661");
        String sep = pick(r, " ", " ", " ", "  ", "\t", " \t");
        String eol = pick(r, "\r\n", "\n", "\r\n", "\r", "\n\r");
        String line = r.nextInt(6) == 0 ? method + sep + target : method + sep + target + sep + version;
        String headers = pick(r, "", "Host: x" + eol, "Host: <zqx>" + eol + "User-Agent: \"zqx" + eol,
            " folded: line" + eol, "NoColon" + eol, ": empty-name" + eol, "Host: x" + eol + "Host: y" + eol);
        String head = pick(r, "", "\r\n", "\n") + line + eol + headers + eol + (eol.equals("\r") ? "\n\n" : "");
        return new Request("request-line", List.of(utf8(head)), Duration.ZERO,
            r.nextInt(3) == 0 ? Client.End.HALF_CLOSE : Client.End.OPEN, Expect.ANY, null);
    }

    static final String[] LENGTHS = {
        "-1", "abc", "", " ", "12 ", " 12", "+12", "1e2", "0x10", "12.0", "99999999999999999999999", "2147483648",
        "4294967296", "9223372036854775808", "65536", "65537", "1000000", "0", "00012", "\u0661\u0662", "-0", "12,12", "12, 13"};

    private Request contentLength(SplittableRandom r) {
        String form = "name=cl&message=" + "m".repeat(r.nextInt(40)) + pick(r, "", "%3Czqx%3E", "+%22zqx");
        byte[] body = ascii(form);
        int announced = body.length;
        StringBuilder headers = new StringBuilder();
        int variant = r.nextInt(10);
        boolean shortBody = false;
        boolean extraBytes = false;
        switch (variant) {
            case 0 -> headers.append("Content-Length: ").append(LENGTHS[r.nextInt(LENGTHS.length)]).append("\r\n");
            case 1 -> headers.append("Content-Length: ").append(announced).append("\r\nContent-Length: ")
                .append(r.nextBoolean() ? announced : announced + 1 + r.nextInt(5)).append("\r\n");
            case 2 -> { // shorter than announced, then the client stops sending
                headers.append("Content-Length: ").append(announced + 1 + r.nextInt(200)).append("\r\n");
                shortBody = true;
            }
            case 3 -> { // longer than announced
                headers.append("Content-Length: ").append(Math.max(0, announced - 1 - r.nextInt(announced))).append("\r\n");
                extraBytes = true;
            }
            case 4 -> { } // no Content-Length at all
            case 5 -> headers.append("content-length: ").append(announced).append("\r\nContent-Length: ")
                .append(-announced).append("\r\n");
            case 7 -> headers.append(pick(r, "Transfer-Encoding: chunked\r\n", "transfer-encoding: gzip, chunked\r\n",
                "Transfer-Encoding: identity\r\n")).append("Content-Length: ").append(announced).append("\r\n");
            case 8 -> { // chunked alone: a framing the server does not read
                headers.append("Transfer-Encoding: chunked\r\n");
                body = ascii(Integer.toHexString(body.length) + "\r\n" + form + "\r\n0\r\n\r\n");
            }
            case 9 -> headers.append(pick(r, "Content-Length : ", "Content-Length\t: ", " Content-Length: "))
                .append(announced).append("\r\n");
            default -> headers.append("Content-Length: ").append(pick(r, "65537", "70000", "1000000000", "99999999999", "99999999999999999999"))
                .append("\r\n");
        }
        String type = pick(r, "Content-Type: application/x-www-form-urlencoded\r\n", "Content-Type: text/plain\r\n", "",
            "Content-Type: APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8\r\n", "Content-Type: multipart/form-data\r\n",
            "Content-Type: ;\r\n"); // ";".split(";") has no parts at all
        String method = r.nextInt(5) == 0 ? pick(r, "GET", "PUT", "HEAD") : "POST";
        String target = r.nextInt(5) == 0 ? "/" : "/guestbook";
        byte[] head = ascii(method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + type + headers + expectContinue(r) + "\r\n");
        // A valid length longer than the body makes a client that stops half-way: it half-closes,
        // as one that holds the connection open would only be given up on after 2 s, unanswered.
        shortBody |= announcesMoreThan(headers.toString(), body.length);
        Client.End end = shortBody ? Client.End.HALF_CLOSE : Client.End.OPEN;
        List<byte[]> pieces = r.nextBoolean() ? List.of(join(head, body)) : List.of(head, body);
        String kind = "content-length-" + (shortBody ? "short-body" : extraBytes ? "long-body" : "variant-" + variant);
        Expect expect = ambiguousFraming(head) ? Expect.NOT_STORED : Expect.ANY;
        return new Request(kind, pieces, pieces.size() > 1 ? Duration.ofMillis(1) : Duration.ZERO, end, expect, null);
    }

    /**
     * Whether a head frames its body in a way two programs could read differently (RFC 9112, 6.3
     * and 5.1): Transfer-Encoding at all (this server reads only Content-Length), or a header name
     * with white space before its colon, or a line that begins with white space (obsolete folding).
     */
    static boolean ambiguousFraming(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") || line.startsWith(" ") || line.startsWith("\t")
                    || (colon > 0 && !line.substring(0, colon).equals(line.substring(0, colon).strip()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether every Content-Length is the same run of ASCII digits, at most 65,536 and more than {@code length}. */
    static boolean announcesMoreThan(String headers, int length) {
        List<String> values = new ArrayList<>();
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-length")) {
                values.add(line.substring(colon + 1).strip());
            }
        }
        if (values.isEmpty() || values.stream().distinct().count() > 1 || !values.get(0).matches("[0-9]{1,18}")) {
            return false;
        }
        long announced = Long.parseLong(values.get(0));
        return announced > length && announced <= 65_536;
    }

    private Request payload(SplittableRandom r) {
        String p = PAYLOADS[r.nextInt(PAYLOADS.length)];
        String enc = r.nextInt(4) == 0 ? formEncode(p) : percentEncode(p);
        String target = switch (r.nextInt(9)) {
            case 0 -> "/hello?name=" + enc;
            case 1 -> "/hello?name=" + enc + "&name=second";
            case 2 -> "/kittens?size=" + enc;
            case 3 -> "/kittens?size=64&name=" + enc;
            case 4 -> "/" + enc;
            case 5 -> "/static/" + enc;
            case 6 -> "/guestbook?name=" + enc + "&message=" + enc;
            case 7 -> "/hello?" + enc + "=" + enc;
            default -> "/kittens?size=" + enc + "&size=64";
        };
        String host = r.nextInt(4) == 0 ? p : "127.0.0.1";
        String head = pick(r, "GET", "GET", "HEAD") + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + p
            + "\r\nReferer: " + p + "\r\n\r\n";
        if (stage >= 7 && r.nextInt(3) == 0) {
            return guestbookPost(r, "payload");
        }
        return new Request("payload", List.of(utf8(head)), Duration.ZERO, Client.End.OPEN, Expect.ANY, null);
    }

    /** A well-formed POST to the guestbook; a 303 means the entry must stay on the page. */
    private Request guestbookPost(SplittableRandom r, String kind) {
        String id = "entry" + Long.toHexString(r.nextLong() & 0xffffffffffL);
        String name = r.nextInt(3) == 0 ? PAYLOADS[r.nextInt(PAYLOADS.length)] : pick(r, "", " ", "Ada", "J\u00fcrgen", "\u65e5\u672c");
        String message = id + " " + pick(r, "hello", "Gr\u00fc\u00dfe \uD83D\uDC31", "", "line1\r\nline2")
            + (r.nextInt(2) == 0 ? PAYLOADS[r.nextInt(PAYLOADS.length)] : "")
            + (r.nextInt(200) == 0 ? "x".repeat(r.nextInt(60_000)) : "");
        String body = "name=" + formEncode(name) + "&message=" + formEncode(message) + pick(r, "", "&extra=1", "&message=second");
        byte[] bodyBytes = ascii(body);
        String type = pick(r, "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded");
        byte[] head = ascii("POST /guestbook HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: "
            + bodyBytes.length + "\r\n" + expectContinue(r) + "\r\n");
        List<byte[]> pieces = r.nextBoolean() ? List.of(join(head, bodyBytes)) : split(join(head, bodyBytes), 2 + r.nextInt(3), r);
        return new Request("guestbook-" + kind, pieces, pieces.size() > 1 ? Duration.ofMillis(1) : Duration.ZERO,
            Client.End.OPEN, Expect.ANY, id);
    }

    /**
     * A GET with a body the server has no use for, once the guestbook page is long: a server that
     * closes with those bytes unread makes the kernel reset the connection and drop the part of
     * the page not yet sent (SPEC 3a's trap, for any answer larger than the socket's buffer).
     */
    private Request unreadBody(SplittableRandom r) {
        String body = "name=x&message=" + "m".repeat(10 + r.nextInt(30));
        String head = "GET /guestbook HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: " + body.length() + "\r\n\r\n";
        // the body in its own piece: were it in the head's packet, the server's buffered read would
        // take it in with the head, and nothing would be left unread in the socket
        return new Request("get-with-unread-body", List.of(ascii(head), ascii(body)), Duration.ofMillis(1),
            Client.End.OPEN, Expect.ANY, null);
    }

    private Request cutHead(SplittableRandom r) {
        byte[] base = payload(r).bytes();
        int cut = r.nextInt(base.length + 1);
        return new Request("random-cut-at-" + cut, List.of(java.util.Arrays.copyOf(base, cut)), Duration.ZERO,
            r.nextBoolean() ? Client.End.HALF_CLOSE : Client.End.HANG_UP, Expect.ANY, null);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * One request in four asks for a go-ahead (stage 07 on), as curl does for larger bodies. The
     * body follows at once, as from a client that does not wait: the server must still read it
     * right, and must never give the go-ahead for a body it refuses unread (411, 413, 415).
     */
    private String expectContinue(SplittableRandom r) {
        return stage >= 7 && r.nextInt(4) == 0 ? pick(r, "Expect: 100-continue\r\n", "expect: 100-Continue\r\n") : "";
    }

    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String formEncode(String text) {
        return percentEncode(text).replace("%20", "+");
    }

    private static List<byte[]> split(byte[] whole, int parts, SplittableRandom r) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < parts && from < whole.length; i++) {
            int to = parts >= whole.length ? from + 1 : Math.min(whole.length, from + 1 + r.nextInt(Math.max(1, whole.length / parts)));
            pieces.add(java.util.Arrays.copyOfRange(whole, from, to));
            from = to;
        }
        if (from < whole.length) {
            pieces.add(java.util.Arrays.copyOfRange(whole, from, whole.length));
        }
        return pieces;
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
