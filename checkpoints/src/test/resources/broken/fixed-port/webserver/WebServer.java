package webserver;

import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * Ignores --port and always listens on the same port, as a server that hard-codes 5000 does. The
 * port is read from fixed-port.txt beside the classes (the test writes a free one there), so the
 * test never depends on 5000 being free.
 */
public class WebServer {
    public static void main(String[] args) throws Exception {
        int port;
        try (InputStream in = WebServer.class.getResourceAsStream("/fixed-port.txt")) {
            port = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        } catch (BindException e) {
            System.err.println("Port " + port + " is already in use.");
            System.exit(1);
            return;
        }
        System.out.println("http://localhost:" + port + "/");
        while (true) {
            listener.accept().close();
        }
    }
}
