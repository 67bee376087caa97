package dev.flagpost.api;

/** An API error with a gRPC code; rendered as Flipt's JSON on HTTP and as a Status on gRPC. */
public class FliptException extends RuntimeException {
    public static final String UNAUTHENTICATED_MESSAGE = "request was not authenticated";
    private final Code code;

    public FliptException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public static FliptException invalidArgument(String message) {
        return new FliptException(Code.INVALID_ARGUMENT, message);
    }

    public static FliptException notFound(String message) {
        return new FliptException(Code.NOT_FOUND, message);
    }

    public static FliptException unauthenticated() {
        return new FliptException(Code.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE);
    }

    public static FliptException unavailable(String message) {
        return new FliptException(Code.UNAVAILABLE, message);
    }
}
