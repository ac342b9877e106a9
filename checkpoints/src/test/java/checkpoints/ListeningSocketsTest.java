package checkpoints;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

class ListeningSocketsTest {

    @Test
    @DisplayName("the kernel's lines give the addresses listening on a port: 127.0.0.1, every address, ::1")
    void parsesTheTables() throws IOException {
        List<String> lines = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 632 1",
            "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 633 1",
            "   2: 0100007F:1F90 0100007F:A000 01 00000000:00000000 00:00000000 00000000     0        0 634 1", // a connection, not listening
            "   3: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 0 0 1",
            "   4: 0000000000000000FFFF00000100007F:1388 00000000000000000000000000000000:0000 06 00000000:00000000 00:00000000 0 0 1");
        assertThat(ListeningSockets.parse(lines, 5000), equalTo(List.of(InetAddress.getByName("127.0.0.1"))));
        assertThat(ListeningSockets.parse(lines, 8080), equalTo(List.of(InetAddress.getByName("0.0.0.0"))));
        assertThat(ListeningSockets.parse(lines, 8081), equalTo(List.of(InetAddress.getByName("::1"))));
        assertThat(ListeningSockets.parse(lines, 1), equalTo(List.of()));
    }

    @Test
    @DisplayName("a socket this test opens is found where it listens (on Linux; elsewhere nothing is found)")
    void findsARealSocket() throws IOException {
        try (ServerSocket loopback = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             ServerSocket everywhere = new ServerSocket(0)) {
            List<InetAddress> atLoopback = ListeningSockets.addresses(loopback.getLocalPort());
            List<InetAddress> atEvery = ListeningSockets.addresses(everywhere.getLocalPort());
            if (ListeningSockets.canTell()) {
                assertThat(atLoopback, equalTo(List.of(InetAddress.getByName("127.0.0.1"))));
                assertThat(atEvery.size(), equalTo(1));
                assertThat(atEvery.get(0).isAnyLocalAddress(), equalTo(true));
            } else {
                assertThat(atLoopback, equalTo(List.of()));
                assertThat(atEvery, equalTo(List.of()));
            }
        }
    }
}
