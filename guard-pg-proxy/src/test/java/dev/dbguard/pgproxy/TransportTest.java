package dev.dbguard.pgproxy;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The native transport is what the proxy runs on where Netty ships it, and NIO stays one property away. */
class TransportTest {

    @Test
    void epollIsChosenOnLinuxWhereItsNativeLibraryShips() {
        boolean linuxWithNativeEpoll = System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64|aarch64");
        assertThat(Epoll.isAvailable()).as("epoll available: %s", Epoll.unavailabilityCause())
                .isEqualTo(linuxWithNativeEpoll);
        assertThat(Transport.best()).isEqualTo(linuxWithNativeEpoll ? Transport.EPOLL : Transport.NIO);
    }

    @Test
    void nioCanBeAskedFor() {
        String before = System.getProperty("dbguard.proxy.transport");
        System.setProperty("dbguard.proxy.transport", "nio");
        try {
            assertThat(Transport.best()).isEqualTo(Transport.NIO);
        } finally {
            if (before == null) {
                System.clearProperty("dbguard.proxy.transport");
            } else {
                System.setProperty("dbguard.proxy.transport", before);
            }
        }
    }
}
