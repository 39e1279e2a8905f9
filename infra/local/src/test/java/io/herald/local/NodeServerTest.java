package io.herald.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeServerTest {

    /**
     * Helpers and builds share the machine: a port taken by someone else's emulator must not pass for ours, or the
     * tests would read and write another run's data while our emulator died on EADDRINUSE.
     */
    @Test
    void anEmulatorRefusesAPortSomethingElseAlreadyListensOn() throws IOException {
        try (ServerSocket someoneElse = new ServerSocket()) {
            someoneElse.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = someoneElse.getLocalPort();

            assertThatThrownBy(() -> Dynalite.start(taken).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken)
                    .hasMessageContaining("in use");
        }
    }
}
