package webserver;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Starts a child process (which sleeps) and then behaves like a server that never answers. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "webserver.Sleeper").start();
        System.out.println("child pid " + child.pid());
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        System.out.println("http://localhost:" + listener.getLocalPort() + "/");
        while (true) {
            listener.accept().close();
        }
    }
}
