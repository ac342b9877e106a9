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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A web server written from a raw socket up.
 *
 * <p>It listens on 127.0.0.1 (this computer only), talks to one client at a time, and for each
 * client: reads the request head up to the empty line, answers, and closes the connection.
 * In stage 03 the path in the request line chooses the file, through a map of routes.
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

    /**
     * Which file answers which path. A map instead of a chain of ifs: a new page is one more
     * line here, and the lookup stays one line however many pages there are.
     */
    static final Map<String, String> ROUTES = Map.of(
        "/", "index.html",
        "/kittens", "kittens.html",
        "/about", "about.html",
        "/style.css", "style.css",
        "/kitten.png", "kitten.png");

    /** What kind of body each file extension is; anything else is application/octet-stream. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "txt", "text/plain; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png");

    /** The first line of a request, "GET /kittens HTTP/1.1", in its three parts. */
    record RequestLine(String method, String target, String version) {
    }

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
            System.out.println("Serving the files in " + options.root());
            System.out.println("Serving on http://localhost:" + listener.getLocalPort() + "/  (Ctrl+C stops it)");
            while (true) {
                serve(listener.accept(), options.root());
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
    static void serve(Socket client, Path root) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();

            byte[] head = readHead(in);
            String requestLine = firstLine(head);
            RequestLine request = parseRequestLine(requestLine);
            if (request == null) {
                // Not a request line we can read. Stage 04 answers 400 Bad Request; for now we hang up.
                System.out.println("(not a request line: '" + printable(requestLine) + "'; closed the connection)");
                return;
            }
            String fileName = fileFor(request.target());
            byte[] body = Files.readAllBytes(root.resolve(fileName));
            out.write(response(200, "OK", contentType(fileName), body));
            out.flush();
            // Closed now, not at the end of try: a client that reads until the connection ends
            // would wait for our log line too. (try closes it again, which does nothing.)
            client.close();
            log(requestLine, 200);
        } catch (SocketTimeoutException e) {
            System.out.println("(a client was silent for " + READ_TIMEOUT_MILLIS + " ms; closed it without an answer)");
        } catch (FileSystemException | CharacterCodingException e) {
            // A file missing, or read as text that it is not: our problem, not the client's. (Stage 04
            // answers 500 Internal Server Error then; until then the client gets no answer.)
            System.out.println("(could not read a file: " + described(e) + ")");
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
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lineLength = 0; // characters on the current line so far, not counting '\r'
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b == -1) {
                break; // the client hung up before finishing its request
            }
            head.write(b);
            if (b == '\n') {
                if (lineLength == 0) {
                    break; // an empty line: the head is complete
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return head.toByteArray();
    }

    /** The first line of the head, without its line ending: "GET /kittens HTTP/1.1". */
    static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /**
     * Splits the request line into method, target and version, separated by single spaces.
     * Returns null when it does not have exactly three parts.
     */
    static RequestLine parseRequestLine(String line) {
        String[] parts = line.split(" ", -1); // -1 keeps empty parts: "GET  /kittens HTTP/1.1" has four
        if (parts.length != 3) {
            return null;
        }
        return new RequestLine(parts[0], parts[1], parts[2]);
    }

    /** The file that answers a path. Paths we do not know get the home page until stage 04. */
    static String fileFor(String path) {
        return ROUTES.getOrDefault(path, "index.html");
    }

    /** The Content-Type of a file, from the extension of its name: "kitten.png" is image/png. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.'); // -1 when there is none: "README" has no extension
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /**
     * Builds a whole response: the status line, the headers, an empty line, the body.
     * Every line of the head ends with "\r\n", and Content-Length counts the body's bytes.
     */
    static byte[] response(int status, String reason, String contentType, byte[] body) {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
            + "Content-Type: " + contentType + "\r\n"
            + "Content-Length: " + body.length + "\r\n"
            + "Connection: close\r\n"
            + "\r\n";
        return join(head.getBytes(StandardCharsets.US_ASCII), body);
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
