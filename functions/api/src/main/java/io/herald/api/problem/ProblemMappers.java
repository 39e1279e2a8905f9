package io.herald.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns every failure into RFC 9457 problem+json. Bad input is a precise 4xx; anything unexpected is a
 * 500 that names no internals (the details go to the log).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response herald(HeraldException e, UriInfo uri) {
        return problem(status(e.kind()), slug(e.kind()), e.title(), e.detail(), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return invalid("unknown field '" + path(e) + "'; see the API schema for the fields this endpoint accepts", uri);
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        return invalid(path(e) + ": '" + e.getValue() + "' is not a valid " + e.getTargetType().getSimpleName(), uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        return invalid((field.isEmpty() ? "the body" : field) + " has the wrong JSON type" + expected(e), uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return invalid(path(mapping) + ": " + e.getOriginalMessage(), uri);
        }
        return invalid("the body is not valid JSON" + where, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatched(mismatch, uri) : malformed(json, uri);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (status >= 500) {
            LOG.error("request failed", e);
            return problem(status, "internal", title, "the request failed on Herald's side; it has been logged", uri);
        }
        String detail = switch (status) {
            case 400 -> "the request is malformed: " + e.getMessage();
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "this method is not allowed on " + uri.getPath();
            case 406 -> "this resource answers application/json; ask for that";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        return problem(status, title.toLowerCase().replace(' ', '-'), title, detail, uri);
    }

    /**
     * DynamoDB throttling or an outage is not the caller's fault and is worth a retry: 503, not 500. An item that
     * DynamoDB refuses as invalid (over 400 KB, which the size limits should prevent) is the request's fault: 400.
     */
    @ServerExceptionMapper
    public Response storeUnavailable(software.amazon.awssdk.core.exception.SdkException e, UriInfo uri) {
        if (e instanceof software.amazon.awssdk.services.dynamodb.model.DynamoDbException refused && refused.statusCode() == 400
                && "ValidationException".equals(refused.awsErrorDetails().errorCode())) {
            LOG.warn("DynamoDB refused an item: " + refused.awsErrorDetails().errorMessage());
            return problem(400, "invalid-input", "Invalid request", "the request holds more data than one item can store (400 KB)", uri);
        }
        LOG.error("data store call failed", e);
        return Response.fromResponse(problem(503, "unavailable", "Service unavailable",
                "the data store did not answer; retry the request", uri)).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return problem(500, "internal", "Internal error", "the request failed on Herald's side; it has been logged", uri);
    }

    static Response problem(int status, String slug, String title, String detail, UriInfo uri) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:herald:problem:" + slug, title, status, detail, uri == null ? null : uri.getPath()))
                .build();
    }

    private static Response invalid(String detail, UriInfo uri) {
        return problem(400, "invalid-input", "Invalid request", detail, uri);
    }

    private static int status(HeraldException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNAVAILABLE -> 503;
        };
    }

    private static String slug(HeraldException.Kind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(MismatchedInputException e) {
        return e.getTargetType() == null ? "" : " (expected " + describe(e.getTargetType()) + ")";
    }

    private static String describe(Class<?> type) {
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type) || com.fasterxml.jackson.databind.node.ObjectNode.class.equals(type)) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a " + type.getSimpleName().toLowerCase();
    }
}
