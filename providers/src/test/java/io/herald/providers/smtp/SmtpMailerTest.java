package io.herald.providers.smtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.local.MailDev;
import io.herald.providers.ProviderStubs;
import io.herald.providers.TestEmails;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.herald.providers.Failures.allMessages;
import static io.herald.providers.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class SmtpMailerTest {

    private static MailDev mailDev;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SmtpMailer mailer;

    @BeforeAll
    static void startMailDev() {
        mailDev = MailDev.start();
    }

    @AfterAll
    static void stopMailDev() {
        mailDev.close();
    }

    private static ProviderCredentials mailDevSettings() {
        return new ProviderCredentials(ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(mailDev.smtpPort()), "tls", "none"));
    }

    private static ProviderCredentials scripted(ScriptedSmtpServer server, Map<String, String> more) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(server.port()), "tls", "none"));
        values.putAll(more);
        return new ProviderCredentials(ProviderKind.smtp, values);
    }

    @Test
    void mailDevReceivesBothPartsReplyToAndEveryHeaderWithHeraldsMessageId() throws Exception {
        OutboundEmail base = TestEmails.simple();
        String subject = "Frühlingsangebot 🌸 " + UUID.randomUUID();
        OutboundEmail email = new OutboundEmail(base.messageId(), base.tenantId(), base.from(), base.replyTo(), base.to(),
                subject, "<p>Hello <b>Ada</b> 🌸 ü</p>", "Hello Ada 🌸 ü", base.headers(), base.tags());

        SendReceipt receipt = mailer.send(email, mailDevSettings());

        JsonNode received = receivedWithSubject(subject);
        assertThat(received.path("html").asText()).contains("<p>Hello <b>Ada</b> 🌸 ü</p>");
        assertThat(received.path("text").asText().strip()).isEqualTo("Hello Ada 🌸 ü");
        String source = get("/api/email/" + received.path("id").asText() + "/source");
        Map<String, String> headers = headers(source);
        assertThat(headers).containsEntry("x-herald-message-id", email.messageId())
                .containsEntry("list-unsubscribe", TestEmails.LIST_UNSUBSCRIBE)
                .containsEntry("list-unsubscribe-post", TestEmails.ONE_CLICK)
                .containsEntry("reply-to", "support@acme.example")
                .containsEntry("to", "ada@example.com");
        assertThat(headers.get("from")).contains("Acme News").contains("<news@acme.example>");
        assertThat(headers.get("content-type")).startsWith("multipart/alternative");
        assertThat(source).contains("Content-Type: text/plain").contains("Content-Type: text/html");
        assertThat(receipt.provider()).isEqualTo(ProviderKind.smtp);
        assertThat(headers.get("message-id")).isEqualTo("<" + receipt.providerMessageId() + ">");
    }

    @Test
    void aTextOnlyMessageIsNotMultipart() throws Exception {
        String subject = "text only " + UUID.randomUUID();
        OutboundEmail email = TestEmails.email("news@acme.example", "bob@example.com", subject, null, "Just text", Map.of());

        mailer.send(email, mailDevSettings());

        JsonNode received = receivedWithSubject(subject);
        Map<String, String> headers = headers(get("/api/email/" + received.path("id").asText() + "/source"));
        assertThat(headers.get("content-type")).startsWith("text/plain");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "RCPT     | 550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown | INVALID_RECIPIENT",
            "RCPT     | 553 5.1.3 Bad recipient address syntax                          | INVALID_RECIPIENT",
            "RCPT     | 452 4.5.3 Too many recipients                                   | TRANSIENT",
            "RCPT     | 552 5.5.3 Too many recipients                                   | TRANSIENT",
            "RCPT     | 450 4.2.1 Mailbox busy                                          | TRANSIENT",
            "MAIL     | 421 4.7.0 Too many concurrent SMTP connections                  | TRANSIENT",
            "MAIL     | 553 5.1.8 Sender address rejected: Domain not found             | REJECTED_CONTENT",
            "MAIL     | 454 4.7.0 Throttling failure: Maximum sending rate exceeded.    | TRANSIENT",
            "DATA_END | 552 5.3.4 Message is too long.                                  | REJECTED_CONTENT",
            "DATA_END | 554 Message rejected: Email address is not verified.            | REJECTED_CONTENT",
            "DATA_END | 550 5.7.1 Message rejected for policy reasons                   | REJECTED_CONTENT",
            "DATA_END | 451 4.3.0 Local error in processing                             | TRANSIENT"})
    void everyReplyClassIsClassifiedByCodeAndStep(String step, String reply, Reason reason) throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply(step, reply)) {
            DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), scripted(server, Map.of())));

            assertThat(failure.reason()).isEqualTo(reason);
            assertThat(failure.getMessage()).startsWith("smtp: " + reply.substring(0, 3));
            assertThat(io.herald.providers.Failures.saysMaybeSent(failure)).as("the server answered: it does not have it").isFalse();
        }
    }

    @Test
    void refusedCredentialsAreAnAuthenticationFailureWithoutThePassword() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("AUTH", "535 5.7.8 Authentication credentials invalid")) {
            DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(),
                    scripted(server, Map.of("username", "ada", "password", "very-secret-password"))));

            assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(allMessages(failure)).doesNotContain("very-secret-password");
            assertThat(server.commands()).noneMatch(command -> command.startsWith("MAIL"));
        }
    }

    @Test
    void aServerWithoutStartTlsIsRefusedWhenTlsIsRequired() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), scripted(server, Map.of("tls", "starttls"))));

            assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(server.commands()).noneMatch(command -> command.startsWith("MAIL"));
        }
    }

    @Test
    void withoutATlsSettingALoginIsNeverSentWithoutStartTls() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
            ProviderCredentials login = new ProviderCredentials(ProviderKind.smtp, Map.of("host", "127.0.0.1",
                    "port", Integer.toString(server.port()), "username", "ada", "password", "very-secret-password"));

            assertThat(failure(() -> mailer.send(TestEmails.simple(), login)).reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(server.commands()).noneMatch(command -> command.startsWith("AUTH"));
        }
    }

    @Test
    void withoutATlsSettingAndWithoutALoginARelayWithoutStartTlsIsUsed() {
        String subject = "no tls setting " + UUID.randomUUID();
        ProviderCredentials plain = new ProviderCredentials(ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(mailDev.smtpPort())));

        mailer.send(TestEmails.email("news@acme.example", "bob@example.com", subject, null, "Hi", Map.of()), plain);

        assertThat(receivedWithSubjectQuietly(subject)).isTrue();
    }

    @Test
    void aClosedPortIsTransient() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProviderCredentials nowhere = new ProviderCredentials(ProviderKind.smtp, Map.of("host", "127.0.0.1", "port", Integer.toString(closed), "tls", "none"));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), nowhere));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(io.herald.providers.Failures.saysMaybeSent(failure)).as("nothing was sent").isFalse();
    }

    @Test
    void aServerThatNeverAnswersIsTransient() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().reply("GREETING", "SILENT")) {
            DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), scripted(server, Map.of())));

            assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
            assertThat(io.herald.providers.Failures.saysMaybeSent(failure)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"tls | ssl3", "port | twenty-five", "port | 70000"})
    void unusableSettingsFailBeforeAnyConnection(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("host", "127.0.0.1"));
        values.put(key, value);

        assertThat(failure(() -> mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.smtp, values))).reason())
                .isEqualTo(Reason.AUTHENTICATION);
    }

    private static JsonNode receivedWithSubject(String subject) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (JsonNode email : JSON.readTree(get("/api/email"))) {
                if (subject.equals(email.path("subject").asText())) {
                    return email;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("MailDev never received '" + subject + "'; it has " + get("/api/email"));
    }

    private static boolean receivedWithSubjectQuietly(String subject) {
        try {
            return receivedWithSubject(subject) != null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(mailDev.web() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The top-level headers of a raw message, unfolded (RFC 5322 §2.2.3), names in lower case. */
    private static Map<String, String> headers(String source) {
        String head = source.replace("\r\n", "\n").split("\n\n", 2)[0].replaceAll("\n[ \t]+", " ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }
}
