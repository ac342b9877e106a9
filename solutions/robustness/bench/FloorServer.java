import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Not a web server: the least a Java program can do for each connection the benchmark opens. It
 * reads the home page once, at the start, then for every connection reads once (whatever of the
 * request has arrived), writes the same prepared bytes and closes. No parsing, no file read, no
 * read timeout, no log line.
 *
 * <p>At concurrency 1 it shows about the most that the client (ab), the kernel and the JVM's
 * sockets allow: a server that parses the request and reads the file afresh will not be faster.
 * At concurrency 8 it is no upper bound (PERFORMANCE.md says why). The benchmark prints it next to
 * the two real servers.
 *
 * <pre>javac -d /tmp/bench FloorServer.java BenchOptions.java && java -cp /tmp/bench FloorServer --port 0 --root stage07-post/www</pre>
 */
public final class FloorServer {
    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        byte[] body = Files.readAllBytes(options.root().resolve("index.html"));
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        byte[] buffer = new byte[8192];
        try (ServerSocket listener = new ServerSocket(options.port(), 50, InetAddress.getByName("127.0.0.1"))) {
            System.out.println("Floor server on http://localhost:" + listener.getLocalPort() + "/");
            while (true) {
                try (Socket client = listener.accept()) {
                    InputStream in = client.getInputStream();
                    in.read(buffer); // ab sends its small request in one piece
                    client.getOutputStream().write(response);
                } catch (IOException e) {
                    // a client that went away: the next one
                }
            }
        }
    }
}
