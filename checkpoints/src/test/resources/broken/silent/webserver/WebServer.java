package webserver;

/** Never prints its address: it just waits. */
public class WebServer {
    public static void main(String[] args) throws Exception {
        System.out.println("starting up...");
        Thread.sleep(60_000);
    }
}
