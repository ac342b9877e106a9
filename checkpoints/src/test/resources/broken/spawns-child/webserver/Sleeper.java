package webserver;

/** The child process: sleeps for a minute. */
public class Sleeper {
    public static void main(String[] args) throws Exception {
        Thread.sleep(60_000);
    }
}
