package io.herald.api.problem;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@HeraldStack
class ProblemTest {

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        String key = Api.newTenantKey();
        Api.as(key).get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no such resource: /v1/nothing-here"));
        Api.as(key).put("/v1/events").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
        given().get("/v1/nothing-here").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anItemDynamoDbRefusesAsInvalidIsTheRequestsFault() {
        var refused = software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("Item size has exceeded the maximum allowed size").build())
                .build();
        Response response = new ProblemMappers().storeUnavailable(refused, null);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Problem) response.getEntity()).detail()).isEqualTo("the request holds more data than one item can store (400 KB)");
    }

    @Test
    void aDataStoreOutageIsARetryable503WithoutInternals() {
        Response response = new ProblemMappers().storeUnavailable(SdkClientException.create("Unable to execute HTTP request: Connection refused: localhost/127.0.0.1:8000"), null);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.detail()).isEqualTo("the data store did not answer; retry the request").doesNotContain("127.0.0.1");
    }
}
