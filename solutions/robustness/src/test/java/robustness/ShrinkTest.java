package robustness;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shrink without a server: the "server" is a predicate on the bytes. */
class ShrinkTest {

    static final Duration PLENTY = Duration.ofSeconds(20);

    static Hostile.Request request(Duration pause, String... pieces) {
        return new Hostile.Request("test", List.of(pieces).stream().map(Hostile::ascii).toList(), pause,
            Client.End.OPEN, Hostile.Expect.ANY, null);
    }

    static String text(Hostile.Request r) {
        return new String(r.bytes(), StandardCharsets.ISO_8859_1);
    }

    static List<String> pieces(Hostile.Request r) {
        return r.pieces().stream().map(p -> new String(p, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void takesOutEveryByteTheFailureDoesNotNeed() {
        Predicate<Hostile.Request> fails = r -> text(r).startsWith("POST") && text(r).contains("z%z");
        Hostile.Request big = request(Duration.ZERO, "POST /guestbook HTTP/1.1\r\nHost: x\r\n\r\nname=a&message=bz%zc" + "m".repeat(300));

        Shrink.Result result = Shrink.smallest(big, fails, 10_000, PLENTY);

        assertEquals("POSTz%z", text(result.request()));
        assertTrue(result.smallerThan(big));
    }

    @Test
    void keepsEachByteInItsPieceWhenThePiecesMatter() {
        // fails only while "AB" and "CD" arrive as two pieces
        Predicate<Hostile.Request> fails = r -> r.pieces().size() == 2
            && new String(r.pieces().get(0), StandardCharsets.ISO_8859_1).contains("AB")
            && new String(r.pieces().get(1), StandardCharsets.ISO_8859_1).contains("CD");
        Hostile.Request slow = request(Duration.ofMillis(200), "xxABxx", "yyCDyy");

        Hostile.Request small = Shrink.smallest(slow, fails, 10_000, PLENTY).request();

        assertEquals(List.of("AB", "CD"), pieces(small));
        assertEquals(Duration.ZERO, small.pause(), "the pauses were not needed");
    }

    @Test
    void sendsInOnePieceWhenThatFailsAsWell() {
        Hostile.Request slow = request(Duration.ofMillis(200), "GET /", "hello");

        Hostile.Request small = Shrink.smallest(slow, r -> text(r).contains("/hel"), 10_000, PLENTY).request();

        assertEquals(1, small.pieces().size());
        assertEquals("/hel", text(small));
    }

    @Test
    void aFailureThatDoesNotComeBackLeavesTheRequestAsItWas() {
        Hostile.Request original = request(Duration.ofMillis(5), "GET / HTTP/1.1\r\n", "\r\n");

        Shrink.Result result = Shrink.smallest(original, r -> false, 10_000, PLENTY);

        assertFalse(result.smallerThan(original));
        assertEquals(List.of("GET / HTTP/1.1\r\n", "\r\n"), pieces(result.request()));
        assertEquals(Duration.ofMillis(5), result.request().pause());
        assertTrue(result.tries() >= 2 + 18, "one piece, no pauses, then down to each of the 18 bytes: " + result.tries());
    }

    @Test
    void stopsAtItsBudgetOfTries() {
        Hostile.Request original = request(Duration.ZERO, "x".repeat(1000));

        Shrink.Result result = Shrink.smallest(original, r -> r.bytes().length % 7 != 3, 25, PLENTY);

        assertEquals(25, result.tries());
    }
}
