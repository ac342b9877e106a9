import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The yardstick for the benchmark: the JDK's own com.sun.net.httpserver.HttpServer serving the
 * same home page as the reference server, read afresh from the disk on each request, on
 * 127.0.0.1, with its default executor (one dispatcher thread, like the reference server).
 *
 * <pre>javac -d /tmp/bench JdkServer.java BenchOptions.java && java -cp /tmp/bench JdkServer --port 0 --root stage07-post/www</pre>
 */
public final class JdkServer {
    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        Path index = options.root().resolve("index.html");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = Files.readAllBytes(index);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        System.out.println("JDK HttpServer on http://localhost:" + server.getAddress().getPort() + "/");
    }
}
