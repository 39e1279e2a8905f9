package io.herald.core.errors;

/**
 * A failure the caller can act on. Core stays free of HTTP types, so it names the {@link Kind};
 * the api maps each kind to an RFC 9457 problem with the matching status.
 */
public class HeraldException extends RuntimeException {

    /** What went wrong, in the terms a caller understands. */
    public enum Kind {
        INVALID_INPUT, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, PAYLOAD_TOO_LARGE, UNAVAILABLE
    }

    private final Kind kind;
    private final String title;

    public HeraldException(Kind kind, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public static HeraldException invalid(String detail) {
        return new HeraldException(Kind.INVALID_INPUT, "Invalid request", detail);
    }

    public static HeraldException notFound(String what, String id) {
        return new HeraldException(Kind.NOT_FOUND, "Not found", what + " '" + id + "' does not exist");
    }

    public static HeraldException conflict(String detail) {
        return new HeraldException(Kind.CONFLICT, "Conflict", detail);
    }

    public static HeraldException unauthorized(String detail) {
        return new HeraldException(Kind.UNAUTHORIZED, "Unauthorized", detail);
    }
}
