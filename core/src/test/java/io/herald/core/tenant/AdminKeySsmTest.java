package io.herald.core.tenant;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin key as AWS serves it: an SSM SecureString, over SSM's JSON protocol (emulated by WireMock). */
class AdminKeySsmTest {

    private static final String PARAMETER = "/herald/admin-key";
    private static final String GET_PARAMETER = "AmazonSSM.GetParameter";

    private static WireMockServer ssm;

    @BeforeAll
    static void startSsm() {
        ssm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ssm.start();
    }

    @AfterAll
    static void stopSsm() {
        ssm.stop();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        ssm.resetAll();
    }

    @Test
    void readsTheDecryptedParameterOnceOnTheFirstAdminRequest() {
        answerWithParameter("s3cret-admin-key\n");
        AdminKey adminKey = adminKey(config(Optional.empty(), Optional.of(PARAMETER)));
        assertThat(ssm.getAllServeEvents()).as("nothing is fetched before an admin request").isEmpty();

        assertThat(adminKey.matches("s3cret-admin-key")).isTrue();
        assertThat(adminKey.matches("wrong")).isFalse();
        assertThat(adminKey.matches(null)).isFalse();

        ssm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(GET_PARAMETER))
                .withRequestBody(equalToJson("{\"Name\":\"" + PARAMETER + "\",\"WithDecryption\":true}")));
    }

    @Test
    void aMissingParameterMakesTheAdminApiUnavailableUntilItExists() {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_PARAMETER))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
        AdminKey adminKey = adminKey(config(Optional.empty(), Optional.of(PARAMETER)));

        assertThatThrownBy(() -> adminKey.matches("s3cret-admin-key"))
                .isInstanceOfSatisfying(HeraldException.class, e -> assertThat(e.kind()).isEqualTo(HeraldException.Kind.UNAVAILABLE));

        ssm.resetAll();
        answerWithParameter("s3cret-admin-key");
        assertThat(adminKey.matches("s3cret-admin-key")).isTrue();
    }

    @Test
    void aLiteralKeyWinsAndSsmIsNotCalled() {
        AdminKey adminKey = adminKey(config(Optional.of("local-key"), Optional.of(PARAMETER)));

        assertThat(adminKey.matches("local-key")).isTrue();
        assertThat(ssm.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutAnyKeyTheAdminApiIsClosed() {
        AdminKey adminKey = adminKey(config(Optional.of(" "), Optional.empty()));

        assertThat(adminKey.matches("")).isFalse();
        assertThat(adminKey.matches(" ")).isFalse();
    }

    private void answerWithParameter(String value) {
        ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_PARAMETER))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Parameter\":{\"Name\":\"" + PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":"
                                + "\"" + value.replace("\n", "\\n") + "\",\"Version\":1}}")));
    }

    private AdminKey adminKey(AdminConfig config) {
        return new AdminKey(config, () -> SsmClient.builder()
                .endpointOverride(URI.create(ssm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }

    private static AdminConfig config(Optional<String> key, Optional<String> parameter) {
        return new AdminConfig() {
            @Override
            public Optional<String> key() {
                return key;
            }

            @Override
            public Optional<String> keyParameter() {
                return parameter;
            }
        };
    }
}
