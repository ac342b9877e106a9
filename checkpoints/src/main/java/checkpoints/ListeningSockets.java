package checkpoints;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses a server listens on, as the kernel lists its sockets: {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} on Linux (where grading runs: classroom.yml, regrade.sh). Reading them
 * sends no traffic: a check that connected to this machine's other addresses would reach beyond
 * 127.0.0.1. Elsewhere (macOS, Windows) the files do not exist and the list is empty, so the check
 * cannot be made there.
 */
final class ListeningSockets {

    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    /** The state column of a listening socket (TCP_LISTEN). */
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether this system lists its sockets where {@link #addresses} reads them. */
    static boolean canTell() {
        return Files.isReadable(TCP);
    }

    /** The local addresses of the sockets listening on {@code port}; empty where the system does not say. */
    static List<InetAddress> addresses(int port) {
        List<String> lines = new ArrayList<>();
        for (Path table : List.of(TCP, TCP6)) {
            try {
                lines.addAll(Files.readAllLines(table));
            } catch (IOException e) {
                // no such table here (not Linux, or no IPv6): nothing to add
            }
        }
        return parse(lines, port);
    }

    /**
     * The listening addresses on {@code port} in lines of those tables. A line reads
     * "  0: 0100007F:1388 00000000:0000 0A ...": the local address and port in hexadecimal, the
     * address as the kernel stores it (each group of four bytes in the machine's order, which is
     * little-endian on the x86 and ARM machines this runs on), then the remote one, then the state.
     */
    static List<InetAddress> parse(List<String> lines, int port) {
        String wantedPort = String.format(Locale.ROOT, "%04X", port);
        List<InetAddress> found = new ArrayList<>();
        String portField = ":" + wantedPort + " ";
        for (String line : lines) {
            if (!line.contains(portField)) { // most lines, quickly: a table can hold thousands of closed connections
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                continue;
            }
            String[] local = fields[1].split(":");
            if (local.length == 2 && local[1].equalsIgnoreCase(wantedPort)) {
                found.add(address(local[0]));
            }
        }
        return found;
    }

    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) { // each 32-bit word little-endian
                bytes[word + i] = (byte) Integer.parseInt(hex.substring(2 * (word + 3 - i), 2 * (word + 3 - i) + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
