package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Accepts connections and never reads or writes anything. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        List<Socket> kept = new ArrayList<>();
        while (true) {
            kept.add(listener.accept());
        }
    }
}
