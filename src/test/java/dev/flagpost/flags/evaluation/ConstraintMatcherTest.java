package dev.flagpost.flags.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Constraint;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Segment;
import dev.flagpost.flags.model.Kinds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstraintMatcherTest {

    /** type, operator, constraint value, context value ('-' = absent), expected */
    @ParameterizedTest(name = "{0} {1} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "1|eq|pro|pro|true", "1|eq|pro|free|false", "1|neq|pro|free|true", "1|neq|pro|-|false",
            "1|empty||-|true", "1|empty||'  '|true", "1|notempty||x|true", "1|prefix|ab|abc|true", "1|suffix|bc|abc|true",
            "1|prefix|ab|xabc|false", "1|isoneof|[\"a\",\"b\"]|b|true", "1|isoneof|[\"a\",\"b\"]|c|false", "1|isnotoneof|[\"a\"]|c|true",
            "2|eq|42|42.0|true", "2|lt|10|9.5|true", "2|lte|10|10|true", "2|gt|10|10|false", "2|gte|10|10|true", "2|neq|1|2|true",
            "2|present||3|true", "2|notpresent||-|true", "2|eq|1|-|false", "2|isoneof|[1,2,3]|2|true", "2|isnotoneof|[1,2]|2|false",
            "3|true||true|true", "3|true||T|true", "3|false||0|true", "3|true||false|false", "3|present||-|false", "3|notpresent||-|true",
            "4|lt|2025-01-01|2024-12-31T23:59:59Z|true", "4|gte|2025-01-01T00:00:00Z|2025-01-01|true", "4|eq|2025-01-01|2025-01-01T00:00:00Z|true",
            "4|gt|2025-01-01|-|false"})
    void constraintsMatchAsInFlipt(int type, String op, String value, String ctx, boolean expected) {
        Map<String, String> context = "-".equals(ctx) ? Map.of() : Map.of("p", ctx);
        assertEquals(expected, ConstraintMatcher.matches(new Constraint(type, "p", op, value == null ? "" : value), context, "entity"));
    }

    @Test
    void entityIdConstraintsLookAtTheEntity() {
        assertTrue(ConstraintMatcher.matches(new Constraint(Kinds.ENTITY_ID, "", "isoneof", "[\"u1\",\"u2\"]"), Map.of(), "u2"));
    }

    @Test
    void unparseableContextValuesAreInvalidArguments() {
        assertThrows(FliptException.class, () -> ConstraintMatcher.matches(new Constraint(Kinds.NUMBER, "p", "gt", "1"), Map.of("p", "abc"), "e"));
        assertThrows(FliptException.class, () -> ConstraintMatcher.matches(new Constraint(Kinds.BOOLEAN, "p", "true", ""), Map.of("p", "yes"), "e"));
    }

    @Test
    void segmentsWithoutConstraintsMatchEveryoneAndAnyNeedsOne() {
        assertTrue(ConstraintMatcher.matches(new Segment("s", Kinds.ALL_MATCH, List.of()), Map.of(), "e"));
        assertTrue(ConstraintMatcher.matches(new Segment("s", Kinds.ANY_MATCH, List.of()), Map.of(), "e"));
        Segment any = new Segment("s", Kinds.ANY_MATCH, List.of(new Constraint(1, "a", "eq", "1"), new Constraint(1, "b", "eq", "1")));
        Segment all = new Segment("s", Kinds.ALL_MATCH, any.constraints());
        assertTrue(ConstraintMatcher.matches(any, Map.of("b", "1"), "e"));
        assertEquals(false, ConstraintMatcher.matches(all, Map.of("b", "1"), "e"));
    }
}
