package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** An untouched starter: every request ends in the same TODO exception, and no answer. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        while (true) {
            try (Socket client = listener.accept()) {
                client.getInputStream().read(new byte[1000]);
                System.out.println("(could not answer a client: java.lang.UnsupportedOperationException: TODO 1)");
            }
        }
    }
}
