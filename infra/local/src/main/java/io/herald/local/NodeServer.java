package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulator from the npm packages pinned in {@code infra/local/package.json}, run by Node in a child process.
 * Closing it stops the process, so nothing is left running.
 */
final class NodeServer implements AutoCloseable {

    private final String name;
    private final Process process;

    private NodeServer(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code node <script> <args>} and waits until every given port accepts connections. */
    static NodeServer start(String name, String script, List<String> args, int... ports) {
        Path cli = LocalPaths.nodeModules().resolve(script);
        if (!Files.exists(cli)) {
            throw new IllegalStateException(name + " is not installed: run 'npm ci --prefix infra/local' (looked for " + cli + ")");
        }
        for (int port : ports) {
            // Otherwise the wait below would take whatever already listens there (another test run's emulator) for ours.
            requireFree(name, port);
        }
        List<String> command = new ArrayList<>(List.of("node", cli.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            NodeServer server = new NodeServer(name, process);
            for (int port : ports) {
                server.awaitPort(port, Duration.ofSeconds(30));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node: Node 20+ must be on the PATH", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPort(int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
    }

    private static void requireFree(String name, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Node binds: a closed emulator's connections in TIME_WAIT do not hold the port
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException taken) {
            throw new IllegalStateException(name + " cannot listen on port " + port + ": it is already in use");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
