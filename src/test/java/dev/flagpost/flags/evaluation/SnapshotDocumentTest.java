package dev.flagpost.flags.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.flags.model.Kinds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotDocumentTest {
    static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    static final NamespaceSnapshot.Segment SEGMENT = new NamespaceSnapshot.Segment("internal", Kinds.ANY_MATCH, List.of(
            new NamespaceSnapshot.Constraint("c1", Kinds.ENTITY_ID, "entityId", "eq", "u1"),
            new NamespaceSnapshot.Constraint("c2", Kinds.STRING, "plan", "eq", "pro")));
    static final NamespaceSnapshot SNAPSHOT = new NamespaceSnapshot("team", 7, Map.of(
            "v", new NamespaceSnapshot.Flag("v", "Variant", "d", true, Kinds.VARIANT_FLAG, T.plusSeconds(1), T.plusSeconds(2), null,
                    List.of(new NamespaceSnapshot.Rule(1, Kinds.OR, List.of(SEGMENT),
                            List.of(new NamespaceSnapshot.Distribution("id-a", "a", "{\"x\":1}", 100)))), List.of()),
            "b", new NamespaceSnapshot.Flag("b", "Bool", "", false, Kinds.BOOLEAN_FLAG, T, T, null, List.of(),
                    List.of(new NamespaceSnapshot.Rollout(1, Kinds.SEGMENT_ROLLOUT, 0, true, Kinds.AND, List.of(SEGMENT)),
                            new NamespaceSnapshot.Rollout(2, Kinds.THRESHOLD_ROLLOUT, 25, false, Kinds.OR, List.of())))));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> flags(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("flags");
    }

    @Test
    void flagsComeInCreationOrderWithFliptsEnumNamesAndEmptyListsWritten() {
        Map<String, Object> doc = SnapshotDocument.of("team", SNAPSHOT, "1.47.0");
        assertEquals(Map.of("key", "team"), doc.get("namespace"));
        List<Map<String, Object>> flags = flags(doc);
        assertEquals(List.of("b", "v"), flags.stream().map(f -> f.get("key")).toList());
        assertEquals("BOOLEAN_FLAG_TYPE", flags.get(0).get("type"));
        assertEquals(List.of(), flags.get(0).get("rules"), "a boolean flag has rules: []");
        assertEquals(List.of(), flags.get(1).get("rollouts"), "a variant flag has rollouts: []");
        assertEquals("2030-01-01T00:00:01Z", flags.get(1).get("createdAt"));
        String json = jakarta.json.bind.JsonbBuilder.create().toJson(doc);
        assertTrue(json.contains("\"matchType\":\"ANY_SEGMENT_MATCH_TYPE\""), json);
        assertTrue(json.contains("\"type\":\"STRING_CONSTRAINT_COMPARISON_TYPE\""), json);
        assertTrue(json.contains("\"segmentOperator\":\"AND_SEGMENT_OPERATOR\""), json);
        assertTrue(json.contains("\"threshold\":{"), json);
        assertTrue(json.contains("\"type\":\"THRESHOLD_ROLLOUT_TYPE\""), json);
        assertTrue(json.contains("\"variantAttachment\":\"{\\\"x\\\":1}\""), "attachments are JSON carried as a string: " + json);
    }

    @ParameterizedTest(name = "client {0}: entity id constraints {1}")
    @CsvSource(nullValues = "none", value = {
            "1.47.0, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE",
            "v1.38.0, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE",
            "1.38, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE",
            "2.0.0-rc1, ENTITY_ID_CONSTRAINT_COMPARISON_TYPE",
            "1.37.9, UNKNOWN_CONSTRAINT_COMPARISON_TYPE",
            "none, UNKNOWN_CONSTRAINT_COMPARISON_TYPE",
            "garbage, UNKNOWN_CONSTRAINT_COMPARISON_TYPE"})
    void oldClientsGetEntityIdConstraintsAsUnknownAsFliptSendsThem(String version, String expected) {
        String json = jakarta.json.bind.JsonbBuilder.create().toJson(SnapshotDocument.of("team", SNAPSHOT, version));
        assertTrue(json.contains("\"type\":\"" + expected + "\""), json);
    }

    @Test
    void theEtagFollowsTheNamespaceVersionAndAnUnknownNamespaceHasNone() {
        String etag = SnapshotDocument.etag(SNAPSHOT);
        assertEquals(40, etag.length());
        assertEquals(etag, SnapshotDocument.etag(new NamespaceSnapshot("team", 7, Map.of())));
        assertNotEquals(etag, SnapshotDocument.etag(new NamespaceSnapshot("team", 8, Map.of())));
        assertNotEquals(etag, SnapshotDocument.etag(new NamespaceSnapshot("other", 7, Map.of())));
        assertNull(SnapshotDocument.etag(new NamespaceSnapshot("gone", -1, Map.of())));
        assertFalse(SnapshotDocument.atLeast(SnapshotDocument.parse(null), new int[] {1, 38, 0}));
    }
}
