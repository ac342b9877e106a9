package labkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A client that sends exact bytes to a server on this machine and records everything that
 * comes back: no HTTP library in between that would fix, hide or reject anything.
 *
 * <p>It behaves like a browser in the ways that matter to a server: it never half-closes its
 * side of the connection (a server must answer without waiting for the client to stop
 * sending), and it reads until the server closes the connection. It never throws for network
 * trouble; how the conversation ended is in {@link Exchange#ending()}.
 */
public final class RawClient {

    /** How long a conversation may take before labkit gives up waiting. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** Servers of the workbook listen on the loopback address only. */
    static final String HOST = "127.0.0.1";

    /** At most this many received bytes are kept; more are read but thrown away. */
    static final int MAX_KEPT_BYTES = 16 * 1024 * 1024;

    private RawClient() {
    }

    /** Sends the request in one piece and reads the answer. */
    public static Exchange exchange(int port, byte[] request, Duration timeout) {
        return exchange(port, List.of(request), Duration.ZERO, timeout);
    }

    /**
     * Connects to 127.0.0.1:port, writes each piece with {@code pause} between pieces, then reads
     * until the server closes the connection, resets it, or {@code timeout} has passed since
     * the last piece was written. If the server closes or resets the connection while pieces
     * are still to be sent, the rest is not sent, and what did arrive is kept. No pieces at all
     * makes a client that connects and says nothing.
     *
     * @param timeout also the time allowed for connecting
     */
    public static Exchange exchange(int port, List<byte[]> pieces, Duration pause, Duration timeout) {
        Conversation conversation = new Conversation(port);
        Socket socket = new Socket();
        try {
            try {
                socket.connect(new InetSocketAddress(HOST, port), atLeastOneMilli(timeout));
            } catch (IOException | IllegalArgumentException cannotConnect) {
                return conversation.end(new Outcome(Exchange.Ending.REFUSED, describe(cannotConnect)));
            }
            return conversation.end(conversation.talk(socket, pieces, pause, timeout));
        } finally {
            closeQuietly(socket);
        }
    }

    /** How a conversation ended, and the text of the exception that ended it (or null). */
    private record Outcome(Exchange.Ending ending, String error) {
    }

    /** What one call has sent and received so far. */
    private static final class Conversation {
        private final int port;
        private final long startNanos = System.nanoTime();
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        /** sent.size() when the first byte of the answer arrived; -1 until then. */
        private int sentBeforeAnswer = -1;
        /** The bytes of all the pieces, sent or not. */
        private int meantToSend;

        Conversation(int port) {
            this.port = port;
        }

        Outcome talk(Socket socket, List<byte[]> pieces, Duration pause, Duration timeout) {
            pieces.forEach(piece -> meantToSend += piece.length);
            try {
                socket.setTcpNoDelay(true); // each piece leaves at once, in its own packet
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < pieces.size(); i++) {
                    if (i > 0 && !pause.isZero() && !pause.isNegative()) {
                        // Read while pausing: a server that answers and closes early is noticed.
                        Outcome early = read(socket, in, pause);
                        if (early != null) {
                            return early;
                        }
                    }
                    try {
                        out.write(pieces.get(i));
                        out.flush();
                    } catch (IOException writeFailed) {
                        // The server is gone; what it sent before may still be waiting to be read.
                        read(socket, in, timeout);
                        return new Outcome(Exchange.Ending.RESET, describe(writeFailed));
                    }
                    sent.writeBytes(pieces.get(i));
                }
                Outcome outcome = read(socket, in, timeout);
                return outcome != null ? outcome : new Outcome(Exchange.Ending.TIMED_OUT, null);
            } catch (IOException unexpected) {
                return new Outcome(Exchange.Ending.RESET, describe(unexpected));
            }
        }

        /**
         * Reads for at most {@code limit}: how the connection ended (CLOSED or RESET), or null if
         * it is still open when the time is up.
         */
        private Outcome read(Socket socket, InputStream in, Duration limit) throws IOException {
            long deadline = System.nanoTime() + limit.toNanos();
            byte[] buffer = new byte[8192];
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                socket.setSoTimeout(atLeastOneMilli(Duration.ofNanos(remaining)));
                int count;
                try {
                    count = in.read(buffer);
                } catch (SocketTimeoutException stillOpen) {
                    return null;
                } catch (IOException reset) {
                    return new Outcome(Exchange.Ending.RESET, describe(reset));
                }
                if (count < 0) {
                    return new Outcome(Exchange.Ending.CLOSED, null);
                }
                if (sentBeforeAnswer < 0 && count > 0) {
                    sentBeforeAnswer = sent.size();
                }
                int room = MAX_KEPT_BYTES - received.size();
                received.write(buffer, 0, Math.max(0, Math.min(count, room)));
            }
        }

        Exchange end(Outcome outcome) {
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            Response response = Response.parse(received.toByteArray());
            return new Exchange(HOST, port, sent.toByteArray(), response, outcome.ending(), millis, outcome.error(),
                sentBeforeAnswer < 0 ? sent.size() : sentBeforeAnswer, Math.max(0, meantToSend - sent.size()));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof ConnectException && message != null) {
            return message; // "Connection refused": plain enough on its own
        }
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /** Socket timeouts are whole milliseconds, and 0 would mean "wait forever". */
    private static int atLeastOneMilli(Duration duration) {
        long millis = Math.max(1, duration.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the conversation is over either way.
        }
    }
}
