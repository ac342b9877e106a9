package robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A hostile client. Unlike labkit's RawClient (which, like a browser, never half-closes), it can
 * also stop sending half-way: half-close its side and read the answer, or hang up without reading.
 * Always 127.0.0.1; every conversation is bounded in time and in bytes kept.
 */
final class Client {

    /** How the client ends its side after the last piece. */
    enum End {
        /** keep its side open and read until the server closes (a browser) */
        OPEN,
        /** shut down its output (the server reads end-of-stream), then read until the server closes */
        HALF_CLOSE,
        /** close the whole socket at once, without reading anything */
        HANG_UP
    }

    enum Ending { CLOSED, RESET, TIMED_OUT, REFUSED, HUNG_UP }

    record Answer(byte[] bytes, Ending ending, long millis) {
    }

    private static final int MAX_KEPT = 4 * 1024 * 1024;

    private Client() {
    }

    static Answer send(int port, List<byte[]> pieces, Duration pause, End end, Duration timeout) {
        long start = System.nanoTime();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            } catch (IOException e) {
                return new Answer(new byte[0], Ending.REFUSED, millis(start));
            }
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0 && !pause.isZero()) {
                    Ending early = read(socket, in, received, pause);
                    if (early != null) {
                        return new Answer(received.toByteArray(), early, millis(start));
                    }
                }
                try {
                    out.write(pieces.get(i));
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading and closed: what it sent may still be there
                    Ending ending = read(socket, in, received, timeout);
                    return new Answer(received.toByteArray(), ending == null ? Ending.RESET : ending, millis(start));
                }
            }
            if (end == End.HANG_UP) {
                return new Answer(new byte[0], Ending.HUNG_UP, millis(start));
            }
            if (end == End.HALF_CLOSE) {
                socket.shutdownOutput();
            }
            Ending ending = read(socket, in, received, timeout);
            return new Answer(received.toByteArray(), ending == null ? Ending.TIMED_OUT : ending, millis(start));
        } catch (IOException e) {
            return new Answer(received.toByteArray(), Ending.RESET, millis(start));
        }
    }

    /** Reads for at most {@code limit}: CLOSED or RESET when the connection ended, null if still open. */
    private static Ending read(Socket socket, InputStream in, ByteArrayOutputStream received, Duration limit)
            throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[16384];
        while (true) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, remaining));
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                return Ending.RESET;
            }
            if (count < 0) {
                return Ending.CLOSED;
            }
            received.write(buffer, 0, Math.min(count, Math.max(0, MAX_KEPT - received.size())));
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
