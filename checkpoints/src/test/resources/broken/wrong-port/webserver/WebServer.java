package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a port it does not listen on (a classic: printing the default instead of the real one). */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket unused = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        int wrong = unused.getLocalPort();
        unused.close();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + wrong + "/");
        while (true) {
            listener.accept().close();
        }
    }
}
