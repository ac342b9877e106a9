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
 * <pre>java JdkServer.java --port 0 --root stage07-post/www</pre>
 */
public final class JdkServer {
    public static void main(String[] args) throws IOException {
        int port = 0;
        Path root = Path.of("www");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--root")) {
                root = Path.of(args[i + 1]);
            }
        }
        Path index = root.resolve("index.html");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
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
