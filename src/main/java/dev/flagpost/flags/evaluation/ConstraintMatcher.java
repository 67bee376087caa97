package dev.flagpost.flags.evaluation;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Constraint;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Segment;
import dev.flagpost.flags.model.Kinds;
import dev.flagpost.flags.store.ConstraintRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

/** Flipt's constraint semantics, operator by operator (internal/server/evaluation in Flipt v1). */
final class ConstraintMatcher {
    private ConstraintMatcher() {
    }

    /** ALL: every constraint matches; ANY: at least one. A segment without constraints matches everyone. */
    static boolean matches(Segment segment, Map<String, String> context, String entityId) {
        int matched = 0;
        for (Constraint c : segment.constraints()) {
            if (matches(c, context, entityId)) {
                matched++;
            }
        }
        return segment.matchType() == Kinds.ANY_MATCH
                ? segment.constraints().isEmpty() || matched > 0
                : matched == segment.constraints().size();
    }

    static boolean matches(Constraint c, Map<String, String> context, String entityId) {
        String v = c.type() == Kinds.ENTITY_ID ? entityId : context.getOrDefault(c.property(), "");
        return switch (c.type()) {
            case Kinds.STRING, Kinds.ENTITY_ID -> string(c, v);
            case Kinds.NUMBER -> number(c, v);
            case Kinds.BOOLEAN -> bool(c, v);
            case Kinds.DATETIME -> datetime(c, v);
            default -> false;
        };
    }

    private static boolean string(Constraint c, String v) {
        switch (c.operator()) {
            case "empty":
                return v.isBlank();
            case "notempty":
                return !v.isBlank();
            default:
                break;
        }
        if (v.isEmpty()) {
            return false;
        }
        return switch (c.operator()) {
            case "eq" -> c.value().equals(v);
            case "neq" -> !c.value().equals(v);
            case "prefix" -> v.strip().startsWith(c.value());
            case "suffix" -> v.strip().endsWith(c.value());
            case "isoneof" -> oneOf(c.value()).stream().anyMatch(x -> x instanceof JsonString s && s.getString().equals(v));
            case "isnotoneof" -> oneOf(c.value()).stream().noneMatch(x -> x instanceof JsonString s && s.getString().equals(v));
            default -> false;
        };
    }

    private static boolean number(Constraint c, String v) {
        Boolean presence = presence(c, v);
        if (presence != null) {
            return presence;
        }
        if (v.isEmpty()) {
            return false;
        }
        double n = parseNumber(v);
        if (c.operator().equals("isoneof") || c.operator().equals("isnotoneof")) {
            boolean found = oneOf(c.value()).stream().anyMatch(x -> x instanceof JsonNumber num && num.doubleValue() == n);
            return c.operator().equals("isoneof") == found;
        }
        double value = parseNumber(c.value());
        return compare(c.operator(), Double.compare(n, value));
    }

    private static boolean bool(Constraint c, String v) {
        Boolean presence = presence(c, v);
        if (presence != null) {
            return presence;
        }
        if (v.isEmpty()) {
            return false;
        }
        boolean b = switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw FliptException.invalidArgument("parsing boolean from \"" + v + "\"");
        };
        return c.operator().equals("true") ? b : c.operator().equals("false") && !b;
    }

    private static boolean datetime(Constraint c, String v) {
        Boolean presence = presence(c, v);
        if (presence != null) {
            return presence;
        }
        if (v.isEmpty()) {
            return false;
        }
        Instant d = ConstraintRules.parseDateTime(v);
        if (d == null) {
            throw FliptException.invalidArgument("parsing datetime from \"" + v + "\"");
        }
        Instant value = ConstraintRules.parseDateTime(c.value());
        return value != null && compare(c.operator(), d.compareTo(value));
    }

    private static Boolean presence(Constraint c, String v) {
        return switch (c.operator()) {
            case "present" -> !v.isBlank();
            case "notpresent" -> v.isBlank();
            default -> null;
        };
    }

    private static boolean compare(String operator, int cmp) {
        return switch (operator) {
            case "eq" -> cmp == 0;
            case "neq" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "lte" -> cmp <= 0;
            case "gt" -> cmp > 0;
            case "gte" -> cmp >= 0;
            default -> false;
        };
    }

    private static double parseNumber(String v) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw FliptException.invalidArgument("parsing number from \"" + v + "\"");
        }
    }

    private static JsonArray oneOf(String value) {
        try (var reader = Json.createReader(new StringReader(value))) {
            return reader.readArray();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
    }
}
