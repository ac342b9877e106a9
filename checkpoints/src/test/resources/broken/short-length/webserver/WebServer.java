package webserver;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Reads the head and logs each request, but its Content-Length is one byte short. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        while (true) {
            try (Socket client = listener.accept()) {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) break;
                    head.append((char) b);
                }
                String body = "<h1>Hello Client</h1>";
                client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + (body.length() - 1) + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
                String[] requestLine = head.toString().split("\r\n")[0].split(" ");
                System.out.println(requestLine[0] + " " + requestLine[1] + " -> 200");
            }
        }
    }
}
