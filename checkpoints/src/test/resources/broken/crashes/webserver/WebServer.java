package webserver;

/** Throws before it listens. */
public class WebServer {
    public static void main(String[] args) {
        throw new IllegalStateException("broken on purpose: no server today");
    }
}
