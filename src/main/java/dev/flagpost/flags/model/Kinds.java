package dev.flagpost.flags.model;

import dev.flagpost.api.FliptException;
import java.util.List;

/**
 * Flipt's protobuf enums, stored by number and shown by name. Input accepts the name or the number,
 * as Flipt's gateway does.
 */
public enum Kinds {
    FLAG_TYPE("type", List.of("VARIANT_FLAG_TYPE", "BOOLEAN_FLAG_TYPE")),
    MATCH_TYPE("matchType", List.of("ALL_MATCH_TYPE", "ANY_MATCH_TYPE")),
    COMPARISON_TYPE("type", List.of("UNKNOWN_COMPARISON_TYPE", "STRING_COMPARISON_TYPE", "NUMBER_COMPARISON_TYPE",
            "BOOLEAN_COMPARISON_TYPE", "DATETIME_COMPARISON_TYPE", "ENTITY_ID_COMPARISON_TYPE")),
    SEGMENT_OPERATOR("segmentOperator", List.of("OR_SEGMENT_OPERATOR", "AND_SEGMENT_OPERATOR")),
    ROLLOUT_TYPE("type", List.of("UNKNOWN_ROLLOUT_TYPE", "SEGMENT_ROLLOUT_TYPE", "THRESHOLD_ROLLOUT_TYPE"));

    public static final int VARIANT_FLAG = 0;
    public static final int BOOLEAN_FLAG = 1;
    public static final int ALL_MATCH = 0;
    public static final int ANY_MATCH = 1;
    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int BOOLEAN = 3;
    public static final int DATETIME = 4;
    public static final int ENTITY_ID = 5;
    public static final int OR = 0;
    public static final int AND = 1;
    public static final int SEGMENT_ROLLOUT = 1;
    public static final int THRESHOLD_ROLLOUT = 2;

    private final String field;
    private final List<String> names;

    Kinds(String field, List<String> names) {
        this.field = field;
        this.names = names;
    }

    public String name(int number) {
        return number >= 0 && number < names.size() ? names.get(number) : names.get(0);
    }

    /** @return the number for a name or number; {@code fallback} when absent; 400 when unknown */
    public int parse(String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        int i = names.indexOf(text);
        if (i >= 0) {
            return i;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n < names.size()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw FliptException.invalidArgument(field + " \"" + text + "\" is not one of " + names);
    }
}
