package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Answers the moment a client connects, without reading the request, and closes. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        while (true) {
            try (Socket client = listener.accept()) {
                String body = "<h1>Hello Client</h1>";
                client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                System.out.println("lost a client: " + e);
            }
        }
    }
}
