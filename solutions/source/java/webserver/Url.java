package webserver;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request target split into its path and its query: {@code /kittens?number=10&type=cute} is the
 * path {@code /kittens} and the query {@code number=10&type=cute}, both percent-decoded.
 *
 * @param path  the decoded path, what routing looks at
 * @param query every name of the query with ALL its values, in the order they came
 */
record Url(String path, Map<String, List<String>> query) {

    /** Splits and decodes a target. Throws IllegalArgumentException for a malformed %-escape. */
    static Url parse(String target) {
//@ task 05
        int mark = target.indexOf('?');
        String path = mark < 0 ? target : target.substring(0, mark);
        String query = mark < 0 ? "" : target.substring(mark + 1);
        return new Url(decode(path, false), parseQuery(query));
//@ starter
        // TODO 1: split the target at the FIRST '?' into the path and the query (no '?': the query is
        //   empty). Decode the path with decode(path, false): '+' is a plus sign there. Give the
        //   query to parseQuery. For now the whole target is taken for the path, query and all.
        return new Url(target, parseQuery(""));
//@ end
    }

    /**
     * Splits a query at '&' into pieces and each piece at its first '=' into name and value, THEN
     * decodes each name and value: "a=1%262" is a=1&2. A piece without '=' has the empty value;
     * empty pieces ("a=1&&b=2") are skipped.
     */
    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
//@ task 05
        for (String piece : query.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = decode(equals < 0 ? piece : piece.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(piece.substring(equals + 1), true);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
//@ starter
        // TODO 3: fill 'values': split the query at '&', each piece at its first '=', decode the name
        //   and the value with decode(text, true) AFTER splitting, and ADD each value to the list of
        //   its name (a name may come twice). Skip empty pieces; "flag" without '=' has the value "".
//@ end
        return values;
    }

    /** The first value of {@code name}, or null when the query does not have it. */
    String first(String name) {
        List<String> all = query.get(name);
        return all == null ? null : all.get(0);
    }

    /**
     * Percent-decoding: "%C3%BC" is the two bytes C3 BC, which are "ü" in UTF-8. The escapes are
     * bytes, so we collect bytes and decode them as UTF-8 at the end. A '%' without two hex digits
     * after it, or bytes that are not UTF-8, throw IllegalArgumentException: the client's mistake.
     */
    static String decode(String text, boolean plusIsSpace) {
//@ task 05
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? hex(text.charAt(i + 1)) : -1;
                int low = i + 2 < text.length() ? hex(text.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("'%' without two hex digits in '" + text + "'");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                bytes.write(c); // the head was read as ISO-8859-1: each char is one byte of the request
            } else {
                throw new IllegalArgumentException("'" + c + "' is not one byte of the request: decode text made"
                    + " one char per byte (ISO_8859_1), and decode it once");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the %-escapes in '" + text + "' are not UTF-8");
        }
//@ starter
        // TODO 2: decode the %-escapes: "%" and two hex digits is ONE BYTE; collect the bytes and turn
        //   them into text as UTF-8 at the end ("%C3%BC" is ü). With plusIsSpace, '+' is a space.
        //   A '%' without two hex digits after it, or bytes that are not UTF-8, must throw
        //   IllegalArgumentException (the caller answers 400). For now nothing is decoded.
        return text;
//@ end
    }
//@ task 05

    /** The value of an ASCII hex digit, or -1 (Character.digit would also take digits of other scripts). */
    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
//@ end
}
