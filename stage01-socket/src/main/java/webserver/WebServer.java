package webserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A web server written from a raw socket up.
 *
 * <p>It listens on 127.0.0.1 (this computer only), talks to one client at a time, and for each
 * client: reads the request head up to the empty line, answers, and closes the connection.
 * In stage 01 every request gets the same small HTML page.
 */
public final class WebServer {

    /** The longest request head we read (a browser sends about 1 KiB). */
    static final int MAX_HEAD_BYTES = 8192;

    /**
     * How long one read waits for a client that sends nothing, so that a silent client cannot block
     * the next one for long (one that sends a byte now and then still can: the limit is per read).
     * A program on this machine's own loopback rarely pauses this long (a person typing a request
     * into telnet does: paste it instead).
     */
    static final int READ_TIMEOUT_MILLIS = 1000;

    /** The page every request gets in this stage. */
    static final String HELLO = "<h1>Hello Client</h1>";

    public static void main(String[] args) {
        if (Options.asksForHelp(args)) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try (ServerSocket listener = listen(options.port())) {
            System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/  (Ctrl+C stops it)");
            while (true) {
                serve(listener.accept());
            }
        } catch (BindException e) {
            // Most often another program has the port ("Address already in use"). On Linux and macOS a
            // port below 1024 is for administrators only ("Permission denied"): print the system's reason.
            System.err.println("Cannot listen on port " + options.port() + ": " + e.getMessage()
                + (options.port() == 5000 ? " (on macOS, AirPlay uses 5000)." : ".")
                + " Choose another port with --port, for example --port 5050"
                + " (with mvnw, add \"-Dexec.args=--port 5050\").");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("The server stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Opens the listening socket on 127.0.0.1 only: programs on other computers cannot connect
     * to a server that is still learning to defend itself.
     */
    static ServerSocket listen(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** Talks to one client: read its request, answer, close. Nothing a client does stops the server. */
    static void serve(Socket client) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();

            byte[] head = readHead(in);
            String requestLine = firstLine(head);
            byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
            out.write(response(200, "OK", "text/html; charset=utf-8", body));
            out.flush();
            // Closed now, not at the end of try: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, 200);
        } catch (SocketTimeoutException e) {
            System.out.println("(a client was silent for " + READ_TIMEOUT_MILLIS + " ms; closed it without an answer)");
        } catch (IOException e) {
            System.out.println("(lost a client: " + e + ")");
        } catch (RuntimeException e) {
            System.out.println("(could not answer a client: " + described(e) + ")");
        }
    }

    /**
     * Reads the request head: every byte up to and including the empty line that ends it.
     *
     * <p>The bytes may arrive all at once, one at a time, or in pieces with pauses: a single
     * {@code read} returns whatever has arrived so far, so we keep reading until we see the end.
     */
    static byte[] readHead(InputStream in) throws IOException {
        // TODO 2: read the WHOLE request head, up to and including the empty line that ends it.
        //   Right now this reads at most 100 bytes, as the original lab did. A browser sends several
        //   hundred bytes, sometimes in pieces; read byte by byte until you have seen an empty line
        //   ("\r\n\r\n", or "\n\n" from a hand-typed request), the client hangs up (read gives -1),
        //   or you have MAX_HEAD_BYTES. The lesson explains what goes wrong if you stop early.
        byte[] buffer = new byte[100];
        int count = in.read(buffer);
        return java.util.Arrays.copyOf(buffer, Math.max(count, 0));
    }

    /** The first line of the head, without its line ending: "GET /kittens HTTP/1.1". */
    static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * Builds a whole response: the status line, the headers, an empty line, the body.
     * Every line of the head ends with "\r\n", and Content-Length counts the body's bytes.
     */
    static byte[] response(int status, String reason, String contentType, byte[] body) {
        // TODO 1: build the response bytes: the status line ("HTTP/1.1", the status, the reason),
        //   the headers Content-Type, Content-Length and Connection: close, an empty line, then the
        //   body. Every line of the head ends with "\r\n". See "The response, byte by byte" in the
        //   lesson (stage01-socket/README.md).
        throw new UnsupportedOperationException("TODO 1 in WebServer.response: build the response bytes");
    }

    /** Two byte arrays one after the other. */
    static byte[] join(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * An exception and the line of this server's code it came from, for the log:
     * "java.lang.NullPointerException, at WebServer.java:152". A whole stack trace would bury the
     * other lines; the first line of our own code is where to start looking.
     */
    static String described(Exception e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(WebServer.class.getPackageName() + ".")) {
                return e + ", at " + frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return e.toString();
    }

    /** One line per request, so you can watch your server work: "GET /kittens -> 200". */
    static void log(String requestLine, int status) {
        String[] parts = requestLine.split(" ", -1); // -1 keeps empty parts: "GET  /kittens HTTP/1.1" has four
        // "GET /kittens" from a line of method, target and version; any other line whole, in quotes
        String what = parts.length == 3 && !parts[1].isEmpty() ? parts[0] + " " + parts[1] : "'" + requestLine + "'";
        System.out.println(printable(what) + " -> " + status);
    }

    /**
     * The client's text for the log, each control character made '?': ESC [ 2 J from a client would
     * clear your terminal. Cc, not Cntrl: Cntrl stops at 0x7F, and the bytes 0x80 to 0x9F are controls too.
     */
    static String printable(String clientText) {
        return clientText.replaceAll("\\p{Cc}", "?");
    }
}
