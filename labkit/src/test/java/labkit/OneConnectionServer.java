package labkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway server for one test: listens on a free port of 127.0.0.1, accepts one
 * connection and treats it the way the test says.
 */
final class OneConnectionServer implements AutoCloseable {

    /** What the server does with the one client. */
    interface Behaviour {
        void handle(Socket client, OneConnectionServer server) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);

    OneConnectionServer(Behaviour behaviour) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread thread = new Thread(() -> {
            try (Socket client = listener.accept()) {
                behaviour.handle(client, this);
                done.complete(null);
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            }
        }, "test server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Blocks the server's thread until the test is over (for a server that never closes). */
    void waitUntilReleased() throws InterruptedException {
        released.await(10, TimeUnit.SECONDS);
    }

    /** Waits for the behaviour to finish, and fails if it threw. */
    void awaitDone() throws Exception {
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the test server failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        listener.close();
    }

    /** Reads up to and including the empty line after the head (\r\n\r\n, \n\n or \n\r\n). */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.toByteArray();
            }
            head.write(b);
            if (HeadLine.headEnd(head.toByteArray()) >= 0) {
                return head.toByteArray();
            }
        }
    }

    /** Reads exactly count bytes (fewer only if the client closes first). */
    static byte[] readExactly(InputStream in, int count) throws IOException {
        return in.readNBytes(count);
    }
}
