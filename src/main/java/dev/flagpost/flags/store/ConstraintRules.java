package dev.flagpost.flags.store;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.model.Kinds;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Which operators each comparison type has, and what a constraint's value must look like (Flipt's rules). */
public final class ConstraintRules {
    static final int MAX_ONE_OF = 100;
    private static final Set<String> NO_VALUE = Set.of("empty", "notempty", "present", "notpresent", "true", "false");
    private static final Map<Integer, Set<String>> OPERATORS = Map.of(
            Kinds.STRING, Set.of("eq", "neq", "empty", "notempty", "prefix", "suffix", "isoneof", "isnotoneof"),
            Kinds.NUMBER, Set.of("eq", "neq", "lt", "lte", "gt", "gte", "present", "notpresent", "isoneof", "isnotoneof"),
            Kinds.BOOLEAN, Set.of("true", "false", "present", "notpresent"),
            Kinds.DATETIME, Set.of("eq", "neq", "lt", "lte", "gt", "gte", "present", "notpresent"),
            Kinds.ENTITY_ID, Set.of("eq", "neq", "isoneof", "isnotoneof"));

    private ConstraintRules() {
    }

    /** How Flipt's messages name each comparison type. */
    private static final Map<Integer, String> TYPE_WORDS = Map.of(Kinds.STRING, "string", Kinds.NUMBER, "number",
            Kinds.BOOLEAN, "boolean", Kinds.DATETIME, "datetime", Kinds.ENTITY_ID, "entityId");

    /**
     * Flipt's checks, in Flipt's order and words; Flagpost adds that a number is a number and that a
     * no-value operator stores no value.
     *
     * @return the value to store (cleared for operators that take none)
     */
    public static String validate(int type, String property, String operator, String value) {
        if (property == null || property.isEmpty()) {
            throw FliptException.invalidArgument("invalid field property: must not be empty");
        }
        if (operator == null || operator.isEmpty()) {
            throw FliptException.invalidArgument("invalid field operator: must not be empty");
        }
        Set<String> allowed = OPERATORS.get(type);
        if (allowed == null) {
            throw FliptException.invalidArgument("invalid constraint type: " + FlagState.quote(Kinds.COMPARISON_TYPE.name(type)));
        }
        if (type == Kinds.ENTITY_ID && !property.equals("entityId")) {
            throw FliptException.invalidArgument("property is " + property + " instead of \"entityId\"");
        }
        String op = operator.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(op)) {
            throw FliptException.invalidArgument("constraint operator " + FlagState.quote(operator) + " is not valid for type " + TYPE_WORDS.get(type));
        }
        if (NO_VALUE.contains(op)) {
            return "";
        }
        if (value == null || value.isEmpty()) {
            throw FliptException.invalidArgument("invalid field value: must not be empty");
        }
        if (op.equals("isoneof") || op.equals("isnotoneof")) {
            oneOf(type, property, value);
        } else if (type == Kinds.NUMBER) {
            number(value);
        } else if (type == Kinds.DATETIME) {
            datetime(value);
        }
        return value;
    }

    private static void oneOf(int type, String property, String value) {
        String of = " for property " + FlagState.quote(property) + " of type " + TYPE_WORDS.get(type);
        JsonArray items;
        try (var reader = Json.createReader(new StringReader(value))) {
            items = reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw FliptException.invalidArgument("invalid value provided" + of);
        }
        for (JsonValue item : items) {
            boolean ok = type == Kinds.NUMBER ? item instanceof JsonNumber : item instanceof JsonString;
            if (!ok) {
                throw FliptException.invalidArgument("invalid value provided" + of);
            }
        }
        if (items.size() > MAX_ONE_OF) {
            throw FliptException.invalidArgument("too many values provided" + of + " (maximum " + MAX_ONE_OF + ")");
        }
    }

    private static void number(String value) {
        try {
            Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw FliptException.invalidArgument("value \"" + value + "\" is not a number");
        }
    }

    private static void datetime(String value) {
        if (parseDateTime(value) == null) {
            throw FliptException.invalidArgument("parsing datetime from " + FlagState.quote(value));
        }
    }

    /** Flipt's two accepted forms: RFC 3339, or a bare date at midnight UTC. Null when neither. */
    public static java.time.Instant parseDateTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
