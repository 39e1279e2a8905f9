package io.herald.local;

import java.net.URI;
import java.util.List;

/**
 * A dynalite server (the DynamoDB API over HTTP, in memory) in a child process, from the npm package
 * pinned in {@code infra/local/package.json}. It listens on 127.0.0.1 only: it holds tenant data without
 * authentication. Closing it stops the process.
 */
public final class Dynalite implements AutoCloseable {

    private final NodeServer server;
    private final int port;

    private Dynalite(NodeServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts dynalite on a free port and waits until it accepts connections. */
    public static Dynalite start() {
        return start(freePort());
    }

    public static Dynalite start(int port) {
        return new Dynalite(NodeServer.start("dynalite", "dynalite/cli.js",
                List.of("--port", Integer.toString(port), "--host", "127.0.0.1"), port), port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.close();
    }

    public static int freePort() {
        return NodeServer.freePort();
    }
}
