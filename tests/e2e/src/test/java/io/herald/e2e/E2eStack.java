package io.herald.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.local.LocalStack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the end-to-end tests share: the local stack on free ports with a fast tick, and MailDev's REST API. */
final class E2eStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private E2eStack() {
    }

    /** The whole local stack as {@code infra/local/start} runs it, on free ports, planning every 2 s. */
    static LocalStack start() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HERALD_PORT", Integer.toString(freePort()));
        env.put("HERALD_DYNAMODB_PORT", Integer.toString(freePort()));
        env.put("HERALD_SQS_PORT", Integer.toString(freePort()));
        env.put("HERALD_SMTP_PORT", Integer.toString(freePort()));
        env.put("HERALD_MAILDEV_PORT", Integer.toString(freePort()));
        env.put("HERALD_TICK_SECONDS", "2");
        env.put("HERALD_QUEUE_VISIBILITY_SECONDS", "20");
        env.put("HERALD_LOCAL_API_KEY", "hk_demo_" + randomToken());
        return LocalStack.start(env);
    }

    /** Every message MailDev holds. */
    static List<JsonNode> emails(HttpClient http, URI mailDev) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(mailDev.resolve("/api/email")).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> emails = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(emails::add);
        return emails;
    }

    /** One message's raw source, every header included. */
    static String source(HttpClient http, URI mailDev, JsonNode email) throws Exception {
        return http.send(HttpRequest.newBuilder(mailDev.resolve("/api/email/" + email.path("id").asText() + "/source")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
