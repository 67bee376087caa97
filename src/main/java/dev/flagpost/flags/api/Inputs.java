package dev.flagpost.flags.api;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.api.JsonInput;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.store.FlagService;
import dev.flagpost.flags.store.FlagState;
import dev.flagpost.flags.store.RolloutService;
import dev.flagpost.flags.store.RuleService;
import dev.flagpost.flags.store.SegmentService;
import jakarta.json.JsonObject;

/** Request bodies of the management API, read as Flipt's gateway reads them (camelCase or snake_case). */
final class Inputs {
    private Inputs() {
    }

    static JsonObject require(JsonObject body) {
        if (body == null) {
            throw FliptException.invalidArgument("a JSON request body is required");
        }
        return body;
    }

    /** A batch body's {@code requests}: a list of objects, else 400. */
    static java.util.List<JsonObject> requests(JsonObject body) {
        require(body);
        if (!(body.get("requests") instanceof jakarta.json.JsonArray array)) {
            throw FliptException.invalidArgument("requests must be a list of evaluation requests");
        }
        java.util.List<JsonObject> out = new java.util.ArrayList<>(array.size());
        for (jakarta.json.JsonValue item : array) {
            if (!(item instanceof JsonObject o)) {
                throw FliptException.invalidArgument("requests must be a list of evaluation requests");
            }
            out.add(o);
        }
        return out;
    }

    static String s(JsonObject b, String camel, String snake) {
        return JsonInput.string(b, camel, snake);
    }

    static int rank(JsonObject b) {
        Double r = JsonInput.number(b, "rank", "rank");
        return r == null ? 0 : r.intValue();
    }

    static FlagService.FlagInput flag(JsonObject b, String keyFromPath) {
        require(b);
        return new FlagService.FlagInput(keyFromPath != null ? keyFromPath : s(b, "key", "key"), s(b, "name", "name"),
                s(b, "description", "description"), JsonInput.bool(b, "enabled", "enabled", false),
                // An update need not repeat the type (Flipt's UpdateFlagRequest has none): -1 = unchanged.
                Kinds.FLAG_TYPE.parse(JsonInput.scalar(b, "type", "type"), keyFromPath == null ? Kinds.VARIANT_FLAG : -1),
                JsonInput.stringMap(b, "metadata", "metadata"), s(b, "defaultVariantId", "default_variant_id"));
    }

    static FlagService.VariantInput variant(JsonObject b) {
        require(b);
        return new FlagService.VariantInput(s(b, "key", "key"), s(b, "name", "name"), s(b, "description", "description"),
                s(b, "attachment", "attachment"));
    }

    static SegmentService.SegmentInput segment(JsonObject b, String keyFromPath) {
        require(b);
        return new SegmentService.SegmentInput(keyFromPath != null ? keyFromPath : s(b, "key", "key"), s(b, "name", "name"),
                s(b, "description", "description"), Kinds.MATCH_TYPE.parse(JsonInput.scalar(b, "matchType", "match_type"), Kinds.ALL_MATCH));
    }

    static SegmentService.ConstraintInput constraint(JsonObject b) {
        require(b);
        return new SegmentService.ConstraintInput(Kinds.COMPARISON_TYPE.parse(JsonInput.scalar(b, "type", "type"), 0),
                s(b, "property", "property"), s(b, "operator", "operator"), s(b, "value", "value"), s(b, "description", "description"));
    }

    static RuleService.RuleInput rule(JsonObject b) {
        require(b);
        return new RuleService.RuleInput(s(b, "segmentKey", "segment_key"), JsonInput.stringList(b, "segmentKeys", "segment_keys"),
                Kinds.SEGMENT_OPERATOR.parse(JsonInput.scalar(b, "segmentOperator", "segment_operator"), Kinds.OR), rank(b));
    }

    static double rollout(JsonObject b) {
        Double r = JsonInput.number(require(b), "rollout", "rollout");
        return r == null ? 0 : r;
    }

    static RolloutService.RolloutInput rolloutInput(JsonObject b) {
        require(b);
        JsonObject seg = JsonInput.object(b, "segment", "segment");
        JsonObject thr = JsonInput.object(b, "threshold", "threshold");
        RolloutService.SegmentPart segment = seg == null ? null : new RolloutService.SegmentPart(s(seg, "segmentKey", "segment_key"),
                JsonInput.stringList(seg, "segmentKeys", "segment_keys"), JsonInput.bool(seg, "value", "value", false),
                Kinds.SEGMENT_OPERATOR.parse(JsonInput.scalar(seg, "segmentOperator", "segment_operator"), Kinds.OR));
        RolloutService.ThresholdPart threshold = null;
        if (thr != null) {
            Double p = JsonInput.number(thr, "percentage", "percentage");
            threshold = new RolloutService.ThresholdPart(p == null ? 0 : p, JsonInput.bool(thr, "value", "value", false));
        }
        return new RolloutService.RolloutInput(rank(b), s(b, "description", "description"), segment, threshold);
    }

    static int limit(int limit) {
        return FlagState.limit(limit);
    }
}
