package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Calls System.exit when the first client connects. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        listener.accept();
        System.out.println("exiting on purpose");
        System.exit(3);
    }
}
