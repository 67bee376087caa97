package dev.flagpost.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Flipt's error body: {@code {"code":16,"message":"request was not authenticated","details":[]}}. */
@JsonbPropertyOrder({"code", "message", "details"})
public record ErrorBody(int code, String message, List<Object> details) {
    private static final Jsonb JSON = JsonbBuilder.create();

    public static ErrorBody of(Code code, String message) {
        return new ErrorBody(code.number(), message, List.of());
    }

    public String toJson() {
        return JSON.toJson(this);
    }
}
