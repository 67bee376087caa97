package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.flagpost.flags.evaluation.NamespaceSnapshot;
import dev.flagpost.flags.evaluation.SnapshotDocument;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.grpc.evaluation.v1.EvaluationConstraintComparisonType;
import dev.flagpost.grpc.evaluation.v1.EvaluationNamespaceSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code flipt.evaluation.DataService} sends what {@code GET /internal/v1/evaluation/snapshot/namespace/{ns}}
 * sends: the proto, written the way Flipt's gateway writes JSON (camelCase names, enum names,
 * repeated fields always, unset messages left out), equals the HTTP document for every client version.
 */
class DataGrpcServiceTest {
    static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    static final NamespaceSnapshot.Segment SEGMENT = new NamespaceSnapshot.Segment("internal", Kinds.ANY_MATCH, List.of(
            new NamespaceSnapshot.Constraint("c1", Kinds.ENTITY_ID, "entityId", "eq", "u1"),
            new NamespaceSnapshot.Constraint("c2", Kinds.STRING, "plan", "eq", "pro")));
    static final NamespaceSnapshot SNAPSHOT = new NamespaceSnapshot("team", 7, Map.of(
            "v", new NamespaceSnapshot.Flag("v", "Variant", "d", true, Kinds.VARIANT_FLAG, T.plusSeconds(1), T.plusSeconds(2),
                    new NamespaceSnapshot.Variant("id-b", "b", "{}"),
                    List.of(new NamespaceSnapshot.Rule(1, Kinds.OR, List.of(SEGMENT), List.of(
                            new NamespaceSnapshot.Distribution("id-a", "a", "{\"x\":1}", 50),
                            new NamespaceSnapshot.Distribution("id-b", "b", null, 50)))), List.of()),
            "b", new NamespaceSnapshot.Flag("b", "Bool", "", false, Kinds.BOOLEAN_FLAG, T, T, null, List.of(),
                    List.of(new NamespaceSnapshot.Rollout(1, Kinds.SEGMENT_ROLLOUT, 0, true, Kinds.AND, List.of(SEGMENT)),
                            new NamespaceSnapshot.Rollout(2, Kinds.THRESHOLD_ROLLOUT, 25, false, Kinds.OR, List.of()))),
            "old", new NamespaceSnapshot.Flag("old", false, Kinds.VARIANT_FLAG, List.of(), List.of())));

    @ParameterizedTest(name = "client {0}")
    @CsvSource(nullValues = "none", value = {"1.47.0", "1.38.0", "1.37.1", "none"})
    void theGrpcSnapshotCarriesExactlyTheHttpDocument(String clientVersion) {
        EvaluationNamespaceSnapshot proto = DataGrpcService.snapshot("team", SNAPSHOT, clientVersion);
        JsonObject http = Json.createReader(new StringReader(
                JsonbBuilder.create().toJson(SnapshotDocument.of("team", SNAPSHOT, clientVersion)))).readObject();
        assertEquals(http, gatewayJson(proto));
    }

    @ParameterizedTest(name = "client {0}: entity id {1}, default variant {2}")
    @CsvSource(nullValues = "none", value = {
            "1.47.0, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE, true",
            "1.38.0, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE, false",
            "none, UNKNOWN_CONSTRAINT_COMPARISON_TYPE, false"})
    void olderClientsGetWhatTheirVersionReads(String clientVersion, EvaluationConstraintComparisonType entityId, boolean defaultVariant) {
        EvaluationNamespaceSnapshot proto = DataGrpcService.snapshot("team", SNAPSHOT, clientVersion);
        assertEquals(List.of("old", "b", "v"), proto.getFlagsList().stream().map(f -> f.getKey()).toList(), "creation order (none first)");
        var variant = proto.getFlags(2);
        assertEquals(entityId, variant.getRules(0).getSegments(0).getConstraints(0).getType());
        assertEquals(defaultVariant, variant.hasDefaultVariant());
        assertEquals("", variant.getRules(0).getDistributions(1).getVariantAttachment(), "no attachment is an empty string");
        assertTrue(proto.getFlags(1).getRulesList().isEmpty(), "a boolean flag has no rules");
        assertFalse(proto.getFlags(1).getRollouts(1).hasSegment(), "a threshold rollout has no segment");
    }

    /** A proto message as Flipt's gateway writes it, with timestamps as {@link Instant#toString()}. */
    static JsonObject gatewayJson(Message m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.isRepeated()) {
                JsonArrayBuilder a = Json.createArrayBuilder();
                for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
                    a.add(value(f, m.getRepeatedField(f, i)));
                }
                b.add(f.getJsonName(), a);
            } else if (!f.hasPresence() || m.hasField(f)) {
                b.add(f.getJsonName(), value(f, m.getField(f)));
            }
        }
        return b.build();
    }

    private static JsonValue value(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case MESSAGE -> v instanceof Timestamp t
                    ? Json.createValue(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString()) : gatewayJson((Message) v);
            case ENUM -> Json.createValue(((EnumValueDescriptor) v).getName());
            case STRING -> Json.createValue((String) v);
            case BOOLEAN -> (Boolean) v ? JsonValue.TRUE : JsonValue.FALSE;
            case INT -> Json.createValue((Integer) v);
            case FLOAT -> Json.createValue((double) (Float) v);
            default -> throw new IllegalArgumentException("no " + f.getJavaType() + " field in the snapshot: " + f.getFullName());
        };
    }
}
