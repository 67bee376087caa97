package dev.flagpost.api;

/** gRPC status codes and the HTTP status Flipt's gateway answers for each. */
public enum Code {
    OK(0, 200), CANCELLED(1, 499), UNKNOWN(2, 500), INVALID_ARGUMENT(3, 400), DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404), ALREADY_EXISTS(6, 409), PERMISSION_DENIED(7, 403), RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 400), ABORTED(10, 409), OUT_OF_RANGE(11, 400), UNIMPLEMENTED(12, 501),
    INTERNAL(13, 500), UNAVAILABLE(14, 503), DATA_LOSS(15, 500), UNAUTHENTICATED(16, 401);

    private final int number;
    private final int httpStatus;

    Code(int number, int httpStatus) {
        this.number = number;
        this.httpStatus = httpStatus;
    }

    public int number() {
        return number;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
