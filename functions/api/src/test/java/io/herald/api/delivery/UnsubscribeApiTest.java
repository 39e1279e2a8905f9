package io.herald.api.delivery;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.HeraldTestResources;
import io.herald.core.delivery.Suppressions;
import io.herald.core.delivery.UnsubscribeLinks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** RFC 8058 one-click unsubscribe: POST unsubscribes, GET never does, and only a link Herald signed counts. */
@QuarkusTest
@HeraldStack
class UnsubscribeApiTest {

    @Inject
    UnsubscribeLinks links;

    @Inject
    Suppressions suppressions;

    @Inject
    UnsubscribedRecorder recorder;

    @Test
    void theLinkIsAbsoluteUnderThePublicBaseUrlAndTheHeadersAreRfc8058s() {
        URI link = links.oneClick("acme", "c-1", "camp-1", "m-1");
        assertThat(link.toString()).startsWith(HeraldTestResources.PUBLIC_BASE_URL + "/u/");
        var headers = links.headers("acme", "c-1", "camp-1", "m-1");
        assertThat(headers.listUnsubscribe()).isEqualTo("<" + link + ">");
        assertThat(headers.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void theUrlencodedPostOfTheRfcUnsubscribesOnceAndARepeatChangesNothing() {
        Api.TestTenant a = tenantWithContact("c-1", "Alice@Example.com");
        String path = path(links.oneClick(a.id(), "c-1", "camp-1", "m-1"));
        Rfc8058Fixture post = Rfc8058Fixture.load(Rfc8058Fixture.URLENCODED);

        Rfc8058Fixture.Answer first = post.post(path);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/html");
        assertThat(first.body()).contains("You are unsubscribed");
        assertThat(first.header("Set-Cookie")).isNull();
        assertThat(first.header("Location")).isNull();

        Map<String, Object> consent = a.request().get("/v1/contacts/c-1").then().statusCode(200).extract().path("consent.email");
        assertThat(consent).containsEntry("status", "denied").containsEntry("source", "one-click-unsubscribe");
        assertThat(suppressions.isSuppressed(a.id(), "alice@example.com")).isTrue();
        a.request().queryParam("email", "alice@example.com").get("/v1/contacts").then().statusCode(200)
                .body("[0].id", equalTo("c-1")).body("[0].consent.email.status", equalTo("denied"));
        a.request().get("/v1/suppressions/alice@example.com").then().statusCode(200)
                .body("reason", equalTo("unsubscribe")).body("source", equalTo("one-click-unsubscribe"));
        assertThat(recorder.of(a.id())).singleElement().satisfies(event -> {
            assertThat(event.contactId()).isEqualTo("c-1");
            assertThat(event.campaignId()).isEqualTo("camp-1");
            assertThat(event.messageId()).isEqualTo("m-1");
        });
        String suppressedAt = a.request().get("/v1/suppressions/alice@example.com").then().extract().path("at");

        assertThat(post.post(path).status()).isEqualTo(200);

        assertThat(a.request().get("/v1/contacts/c-1").then().extract().<Map<String, Object>>path("consent.email")).isEqualTo(consent);
        a.request().get("/v1/suppressions/alice@example.com").then().body("at", equalTo(suppressedAt));
        // announced again, for the same message: the track worker counts an unsubscribe once per message
        assertThat(recorder.of(a.id())).hasSize(2).extracting(event -> event.messageId()).containsOnly("m-1");
    }

    @Test
    void theMultipartPostOfTheRfcUnsubscribesToo() {
        Api.TestTenant a = tenantWithContact("c-2", "bob@example.com");
        Rfc8058Fixture post = Rfc8058Fixture.load(Rfc8058Fixture.MULTIPART);
        assertThat(post.contentType()).isEqualTo("multipart/form-data; boundary=-FormBoundaryjWmhtjORrn");

        assertThat(post.post(path(links.oneClick(a.id(), "c-2", "camp-1", "m-2"))).status()).isEqualTo(200);

        a.request().get("/v1/contacts/c-2").then().body("consent.email.status", equalTo("denied"));
        assertThat(suppressions.isSuppressed(a.id(), "bob@example.com")).isTrue();
    }

    @Test
    void aGetShowsAnEscapedSelfContainedPageAndUnsubscribesNobody() {
        Api.TestTenant a = tenantWithContact("c-3", "carol@example.com");
        a.request().body("{\"brandName\":\"<script>alert(1)</script> & Co\"}").put("/v1/settings").then().statusCode(200);
        String token = path(links.oneClick(a.id(), "c-3", "camp-1", "m-3")).substring("/u/".length());

        Response page = given().get("/u/" + token);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        String html = page.asString();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script")
                .contains("<form method=\"post\" action=\"" + token + "\"")
                .contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                .doesNotContain("src=").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.getHeader("Set-Cookie")).isNull();

        a.request().get("/v1/contacts/c-3").then().body("consent.email.status", equalTo("granted"));
        assertThat(suppressions.isSuppressed(a.id(), "carol@example.com")).isFalse();
        assertThat(recorder.of(a.id())).isEmpty();
    }

    @Test
    void aPostWithoutTheOneClickBodyOrOfAnotherTypeChangesNothing() {
        Api.TestTenant a = tenantWithContact("c-4", "dave@example.com");
        String path = path(links.oneClick(a.id(), "c-4", null, null));

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=Yes").post(path)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("List-Unsubscribe=One-Click"));
        given().contentType("application/x-www-form-urlencoded").body("").post(path).then().statusCode(400);
        given().contentType("application/json").body("{\"List-Unsubscribe\":\"One-Click\"}").post(path).then().statusCode(415);

        a.request().get("/v1/contacts/c-4").then().body("consent.email.status", equalTo("granted"));
        assertThat(suppressions.isSuppressed(a.id(), "dave@example.com")).isFalse();
    }

    @Test
    void forgedAlteredAndOtherTenantsTokensChangeNothing() {
        Api.TestTenant a = tenantWithContact("shared", "erin@example.com");
        Api.TestTenant b = tenantWithContact("shared", "erin@example.com");
        String genuine = path(links.oneClick(a.id(), "shared", "camp-1", "m-5")).substring("/u/".length());
        Rfc8058Fixture post = Rfc8058Fixture.load(Rfc8058Fixture.URLENCODED);
        char last = genuine.charAt(genuine.length() - 1);
        List<String> bad = List.of(
                genuine.substring(0, 10) + (genuine.charAt(10) == 'A' ? 'B' : 'A') + genuine.substring(11),
                genuine.substring(0, genuine.length() - 1) + (last == 'A' ? 'Q' : 'A'),
                genuine.substring(0, genuine.length() - 1),
                genuine + "A",
                "AQ" + "A".repeat(60),
                "not-a-token");
        for (String token : bad) {
            Rfc8058Fixture.Answer answer = post.post("/u/" + token);
            assertThat(answer.status()).as(token).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("not valid");
            given().get("/u/" + token).then().statusCode(404).contentType("application/problem+json");
        }
        a.request().get("/v1/contacts/shared").then().body("consent.email.status", equalTo("granted"));

        assertThat(post.post(path(links.oneClick(b.id(), "shared", "camp-b", "m-b"))).status()).isEqualTo(200);

        b.request().get("/v1/contacts/shared").then().body("consent.email.status", equalTo("denied"));
        a.request().get("/v1/contacts/shared").then().body("consent.email.status", equalTo("granted"));
        assertThat(suppressions.isSuppressed(a.id(), "erin@example.com")).isFalse();
        assertThat(recorder.of(a.id())).isEmpty();
    }

    @Test
    void randomAndMutatedTokensNeverUnsubscribeAndNeverAnswer5xx() {
        Api.TestTenant a = tenantWithContact("c-6", "frank@example.com");
        String genuine = path(links.oneClick(a.id(), "c-6", "camp-1", "m-6")).substring("/u/".length());
        Rfc8058Fixture post = Rfc8058Fixture.load(Rfc8058Fixture.URLENCODED);
        var mutated = Arbitraries.integers().between(0, genuine.length() - 1).flatMap(index -> Arbitraries.chars()
                .with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray())
                .filter(c -> c != genuine.charAt(index))
                .map(c -> genuine.substring(0, index) + c + genuine.substring(index + 1)));
        var random = Arbitraries.strings().ofMinLength(1).ofMaxLength(300);
        List<String> tokens = new java.util.ArrayList<>(mutated.sampleStream().limit(120).toList());
        tokens.addAll(random.sampleStream().limit(80).toList());

        for (String token : tokens) {
            int postStatus = post.post("/u/" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).status();
            int getStatus = given().get("/u/{token}", token).statusCode();
            assertThat(postStatus).as("POST /u/%s", token).isBetween(400, 499);
            assertThat(getStatus).as("GET /u/%s", token).isBetween(400, 499);
        }

        a.request().get("/v1/contacts/c-6").then().body("consent.email.status", equalTo("granted"));
        assertThat(suppressions.isSuppressed(a.id(), "frank@example.com")).isFalse();
    }

    @Test
    void anErasedContactsLinkStillAnswers200AndRecreatesNothing() {
        Api.TestTenant a = tenantWithContact("c-7", "gina@example.com");
        String path = path(links.oneClick(a.id(), "c-7", "camp-1", "m-7"));
        a.request().delete("/v1/contacts/c-7").then().statusCode(204);
        Rfc8058Fixture post = Rfc8058Fixture.load(Rfc8058Fixture.URLENCODED);

        assertThat(post.post(path).status()).isEqualTo(200);

        a.request().get("/v1/contacts/c-7").then().statusCode(404);
        assertThat(recorder.of(a.id())).isEmpty();
    }

    @Test
    void theUnsubscribePathNeedsNoApiKeyButTheApiStillDoes() {
        Api.TestTenant a = tenantWithContact("c-8", "hal@example.com");
        given().get(path(links.oneClick(a.id(), "c-8", null, null))).then().statusCode(200);
        given().get("/v1/suppressions").then().statusCode(401).body(not(containsString("hal@")));
        given().get("/v1/providers").then().statusCode(401).body("type", not(nullValue()));
    }

    private static Api.TestTenant tenantWithContact(String contactId, String email) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("id", contactId, "email", email, "consent", Map.of("email", Map.of("status", "granted", "source", "signup-form"))))
                .post("/v1/contacts").then().statusCode(201);
        return tenant;
    }

    private static String path(URI link) {
        return link.getPath();
    }
}
