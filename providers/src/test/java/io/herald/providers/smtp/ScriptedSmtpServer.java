package io.herald.providers.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on a free local port whose replies a test scripts, for the replies MailDev never gives
 * (550 5.1.1 to RCPT, 552 after the data, 535 to AUTH, a 421 greeting). Every command it receives is recorded.
 * Replies not scripted are the happy path of RFC 5321.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** Scripted reply keys: a command verb ("RCPT", "AUTH", "MAIL", "EHLO"), "GREETING", or "DATA_END" for after the dot. */
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread acceptor;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ScriptedSmtpServer reply(String key, String reply) {
        replies.put(key, reply);
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    List<String> commands() {
        return commands;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = client.getOutputStream();
            String greeting = replies.getOrDefault("GREETING", "220 scripted ESMTP ready");
            if (greeting.equals("SILENT")) {
                in.readLine();
                return;
            }
            send(out, greeting);
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> send(out, replies.getOrDefault("EHLO", "250-scripted\r\n250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME"));
                    case "DATA" -> {
                        String reply = replies.getOrDefault("DATA", "354 end data with <CR><LF>.<CR><LF>");
                        send(out, reply);
                        if (reply.startsWith("354")) {
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message itself is not needed by the tests
                            }
                            send(out, replies.getOrDefault("DATA_END", "250 2.0.0 Ok: queued as SCRIPTED1"));
                        }
                    }
                    case "QUIT" -> {
                        send(out, "221 2.0.0 Bye");
                        return;
                    }
                    case "AUTH" -> send(out, replies.getOrDefault("AUTH", "235 2.7.0 Authentication successful"));
                    default -> send(out, replies.getOrDefault(verb, "250 2.0.0 Ok"));
                }
            }
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
