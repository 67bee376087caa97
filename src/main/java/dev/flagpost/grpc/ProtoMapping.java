package dev.flagpost.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.flagpost.authn.Authentication;
import dev.flagpost.flags.api.FlagsJson;
import dev.flagpost.grpc.auth.v1.Method;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Domain objects and Flipt's JSON records to and from their protobuf messages. */
final class ProtoMapping {
    private ProtoMapping() {
    }

    static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        if (t.getNanos() < 0 || t.getNanos() > 999_999_999 || t.getSeconds() < -62_135_596_800L || t.getSeconds() > 253_402_300_799L) {
            throw dev.flagpost.api.FliptException.invalidArgument("expiresAt must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static dev.flagpost.grpc.auth.v1.Authentication authentication(Authentication a) {
        var b = dev.flagpost.grpc.auth.v1.Authentication.newBuilder()
                .setId(a.id())
                .setMethod(Method.forNumber(a.method().number()))
                .putAllMetadata(a.metadata());
        if (a.expiresAt() != null) {
            b.setExpiresAt(timestamp(a.expiresAt()));
        }
        if (a.createdAt() != null) {
            b.setCreatedAt(timestamp(a.createdAt()));
        }
        if (a.updatedAt() != null) {
            b.setUpdatedAt(timestamp(a.updatedAt()));
        }
        return b.build();
    }

    static dev.flagpost.grpc.flipt.v1.Namespace namespace(FlagsJson.Namespace n) {
        return dev.flagpost.grpc.flipt.v1.Namespace.newBuilder().setKey(n.key()).setName(n.name()).setDescription(n.description())
                .setProtected(n.isProtected()).setCreatedAt(timestamp(n.createdAt())).setUpdatedAt(timestamp(n.updatedAt())).build();
    }

    static dev.flagpost.grpc.flipt.v1.Flag flag(FlagsJson.Flag f) {
        var b = dev.flagpost.grpc.flipt.v1.Flag.newBuilder().setKey(f.key()).setName(f.name()).setDescription(f.description())
                .setEnabled(f.enabled()).setCreatedAt(timestamp(f.createdAt())).setUpdatedAt(timestamp(f.updatedAt()))
                .setNamespaceKey(f.namespaceKey()).setTypeValue("BOOLEAN_FLAG_TYPE".equals(f.type()) ? 1 : 0);
        f.variants().forEach(v -> b.addVariants(variant(v)));
        if (f.defaultVariant() != null) {
            b.setDefaultVariant(variant(f.defaultVariant()));
        }
        if (!f.metadata().isEmpty()) {
            Struct.Builder s = Struct.newBuilder();
            f.metadata().forEach((k, v) -> s.putFields(k, Value.newBuilder().setStringValue(v).build()));
            b.setMetadata(s);
        }
        return b.build();
    }

    static dev.flagpost.grpc.flipt.v1.Variant variant(FlagsJson.Variant v) {
        return dev.flagpost.grpc.flipt.v1.Variant.newBuilder().setId(v.id()).setFlagKey(v.flagKey()).setKey(v.key())
                .setName(v.name()).setDescription(v.description()).setCreatedAt(timestamp(v.createdAt()))
                .setUpdatedAt(timestamp(v.updatedAt())).setAttachment(v.attachment()).setNamespaceKey(v.namespaceKey()).build();
    }

    /** Flag metadata is a map of strings here, as over HTTP; other values are refused, not guessed at. */
    static Map<String, String> metadata(Struct s) {
        Map<String, String> out = new TreeMap<>();
        s.getFieldsMap().forEach((k, v) -> {
            if (!v.hasStringValue()) {
                throw dev.flagpost.api.FliptException.invalidArgument("metadata." + k + " must be a string");
            }
            out.put(k, v.getStringValue());
        });
        return out;
    }

    /** A JSON-like map (strings, booleans, numbers, nested maps and lists) as a Struct. */
    static Struct struct(Map<String, ?> map) {
        Struct.Builder s = Struct.newBuilder();
        map.forEach((k, v) -> s.putFields(k, value(v)));
        return s.build();
    }

    private static Value value(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(com.google.protobuf.NullValue.NULL_VALUE).build();
        } else if (v instanceof Map<?, ?> m) {
            Struct.Builder s = Struct.newBuilder();
            m.forEach((k, x) -> s.putFields(String.valueOf(k), value(x)));
            return Value.newBuilder().setStructValue(s).build();
        } else if (v instanceof java.util.Collection<?> c) {
            var list = com.google.protobuf.ListValue.newBuilder();
            c.forEach(x -> list.addValues(value(x)));
            return Value.newBuilder().setListValue(list).build();
        } else if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        } else if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(v)).build();
    }
}
