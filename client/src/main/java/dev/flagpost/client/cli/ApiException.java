package dev.flagpost.client.cli;

/** The Flagpost API answered with an error ({@code {"code":..,"message":..,"details":[]}}). */
final class ApiException extends RuntimeException {
    final int httpStatus;

    ApiException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }
}
