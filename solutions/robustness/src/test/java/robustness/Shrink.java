package robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a failing request smaller, as a property-based testing library's shrinking would: the
 * delta-debugging idea (Zeller and Hildebrandt's ddmin, taking out complements only). It takes
 * out runs of bytes, halving their length whenever no run can go, as long as the smaller
 * request still fails in the same way. Each byte keeps the piece it was sent in, so a request in
 * pieces stays in pieces, unless it fails as well sent in one piece, or without pauses.
 *
 * <p>Every try is a real conversation with the server, so the search is bounded in tries and in
 * time; a failure that depends on timing may not come back at all, and then nothing is smaller.
 */
final class Shrink {

    /** The smallest request found, and what finding it cost. */
    record Result(Hostile.Request request, int tries, long millis) {

        boolean smallerThan(Hostile.Request original) {
            return request.bytes().length < original.bytes().length;
        }
    }

    private final Predicate<Hostile.Request> failsTheSameWay;
    private final int maxTries;
    private final long deadline;
    private int tries;

    private Shrink(Predicate<Hostile.Request> failsTheSameWay, int maxTries, Duration budget) {
        this.failsTheSameWay = failsTheSameWay;
        this.maxTries = maxTries;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    static Result smallest(Hostile.Request failing, Predicate<Hostile.Request> failsTheSameWay, int maxTries,
                           Duration budget) {
        long started = System.nanoTime();
        Shrink search = new Shrink(failsTheSameWay, maxTries, budget);
        Hostile.Request smallest = search.ddmin(search.sentAtOnce(failing));
        return new Result(smallest, search.tries, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The same bytes sent more simply, if the failure does not need the original way: first in one
     * piece, else in the same pieces without the pauses between them (each try of a slow client
     * would otherwise take all its pauses).
     */
    private Hostile.Request sentAtOnce(Hostile.Request failing) {
        if (failing.pieces().size() < 2) {
            return failing;
        }
        List<Hostile.Request> simpler = List.of(
            new Hostile.Request(failing.kind(), List.of(failing.bytes()), Duration.ZERO, failing.end(), failing.expect(), null),
            new Hostile.Request(failing.kind(), failing.pieces(), Duration.ZERO, failing.end(), failing.expect(), null));
        for (Hostile.Request candidate : simpler) {
            tries++;
            if (failsTheSameWay.test(candidate)) {
                return candidate;
            }
        }
        return failing;
    }

    private Hostile.Request ddmin(Hostile.Request failing) {
        Bytes current = Bytes.of(failing);
        int parts = 2;
        while (current.length() >= 2 && withinBudget()) {
            int run = (current.length() + parts - 1) / parts;
            Bytes smaller = null;
            for (int from = 0; from < current.length() && withinBudget(); from += run) {
                Bytes candidate = current.without(from, Math.min(current.length(), from + run));
                tries++;
                if (failsTheSameWay.test(candidate.request(failing))) {
                    smaller = candidate;
                    break;
                }
            }
            if (smaller != null) {
                current = smaller;
                parts = Math.max(parts - 1, 2);
            } else if (parts >= current.length()) {
                break; // no single byte can go: as small as this search gets
            } else {
                parts = Math.min(parts * 2, current.length());
            }
        }
        return current.request(failing);
    }

    private boolean withinBudget() {
        return tries < maxTries && System.nanoTime() < deadline;
    }

    /** A request's bytes in one array, with the number of the piece each byte was sent in. */
    private record Bytes(byte[] bytes, int[] pieceOf) {

        static Bytes of(Hostile.Request request) {
            byte[] all = request.bytes();
            int[] pieceOf = new int[all.length];
            int at = 0;
            for (int piece = 0; piece < request.pieces().size(); piece++) {
                int length = request.pieces().get(piece).length;
                Arrays.fill(pieceOf, at, at + length, piece);
                at += length;
            }
            return new Bytes(all, pieceOf);
        }

        int length() {
            return bytes.length;
        }

        Bytes without(int from, int to) {
            byte[] b = new byte[bytes.length - (to - from)];
            int[] p = new int[b.length];
            System.arraycopy(bytes, 0, b, 0, from);
            System.arraycopy(bytes, to, b, from, bytes.length - to);
            System.arraycopy(pieceOf, 0, p, 0, from);
            System.arraycopy(pieceOf, to, p, from, pieceOf.length - to);
            return new Bytes(b, p);
        }

        /** The original request's way of sending (pause, ending), with these bytes; pieces left empty are dropped. */
        Hostile.Request request(Hostile.Request original) {
            List<byte[]> pieces = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= bytes.length; i++) {
                if (i == bytes.length || pieceOf[i] != pieceOf[start]) {
                    pieces.add(Arrays.copyOfRange(bytes, start, i));
                    start = i;
                }
            }
            // the 8 KiB rule a sized head was made to test depends on the size, which has changed
            // and so does whether the framing is still one two programs could read differently
            Hostile.Expect expect = original.expect() == Hostile.Expect.ANY ? Hostile.Expect.ANY
                : original.expect() == Hostile.Expect.NOT_STORED
                    ? (Hostile.ambiguousFraming(bytes) ? Hostile.Expect.NOT_STORED : Hostile.Expect.ANY)
                : bytes.length <= 8192 ? Hostile.Expect.NOT_431 : Hostile.Expect.TOO_LARGE;
            return new Hostile.Request(original.kind(), pieces, original.pause(), original.end(), expect, null);
        }
    }
}
