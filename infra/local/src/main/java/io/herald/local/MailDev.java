package io.herald.local;

import java.net.URI;
import java.util.List;

/**
 * A MailDev server (an SMTP sink with a web page and a REST API: {@code GET /api/email},
 * {@code GET /api/email/{id}/source}, {@code DELETE /api/email/all}) in a child process, from the npm package
 * pinned in {@code infra/local/package.json}, on 127.0.0.1 only. Closing it stops the process.
 */
public final class MailDev implements AutoCloseable {

    private final NodeServer server;
    private final int smtpPort;
    private final int webPort;

    private MailDev(NodeServer server, int smtpPort, int webPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.webPort = webPort;
    }

    /** Starts MailDev on two free ports and waits until both accept connections. */
    public static MailDev start() {
        return start(NodeServer.freePort(), NodeServer.freePort());
    }

    public static MailDev start(int smtpPort, int webPort) {
        return new MailDev(NodeServer.start("maildev", "maildev/dist/bin/maildev.js",
                List.of("--smtp", Integer.toString(smtpPort), "--web", Integer.toString(webPort), "--ip", "127.0.0.1"),
                smtpPort, webPort), smtpPort, webPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The web page and REST API, such as {@code http://127.0.0.1:1080}. */
    public URI web() {
        return URI.create("http://127.0.0.1:" + webPort);
    }

    @Override
    public void close() {
        server.close();
    }
}
