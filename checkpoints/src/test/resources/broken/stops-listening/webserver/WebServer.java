package webserver;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers one client, then closes its listening socket and lives on: every later client is refused. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        try (Socket client = listener.accept()) {
            client.getInputStream().read(new byte[8192]);
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 21\r\nConnection: close\r\n\r\n<h1>Hello Client</h1>"
                .getBytes(StandardCharsets.US_ASCII));
        }
        listener.close();
        System.out.println("no longer listening, on purpose");
        Thread.sleep(60_000);
    }
}
