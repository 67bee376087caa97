package dev.flagpost.flags.api;

import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.api.FliptException;
import dev.flagpost.api.OfrepErrors;
import dev.flagpost.authn.NamespaceScope;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.authn.web.Caller;
import dev.flagpost.flags.evaluation.EvaluationService;
import dev.flagpost.flags.evaluation.NamespaceSnapshot;
import dev.flagpost.flags.evaluation.SnapshotDocument;
import dev.flagpost.flags.model.Kinds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The OpenFeature Remote Evaluation Protocol as Flipt serves it: single and bulk evaluation of a
 * namespace's flags ({@code x-flipt-namespace}, default {@code default}) for an entity
 * ({@code context.targetingKey}). Where Flipt 1.61 falls short, Flagpost does better: context
 * values may be numbers and booleans (Flipt: 400), one missing flag in a bulk request is an error
 * entry instead of failing the whole request, the bulk answer has an ETag ({@code If-None-Match}
 * → 304), and a namespace-scoped token may use its own namespace (Flipt: 401).
 */
@Guarded(value = Section.OFREP, namespaceInRequest = true)
@Path("/ofrep/v1")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class OfrepResource {
    static final String NAMESPACE_HEADER = "x-flipt-namespace";

    @Inject
    EvaluationService evaluation;

    @Inject
    EvaluationStateCache snapshots;

    @Inject
    Caller caller;

    @GET
    @Path("configuration")
    public Map<String, Object> configuration() {
        return Map.of("name", "flipt", "capabilities", Map.of(
                "cacheInvalidation", Map.of("polling", Map.of("enabled", false, "minPollingIntervalMs", 0)),
                "flagEvaluation", Map.of("supportedTypes", List.of("string", "boolean"))));
    }

    @POST
    @Path("evaluate/flags/{key}")
    public Response evaluate(@PathParam("key") String key, @HeaderParam(NAMESPACE_HEADER) String namespace, JsonObject body) {
        try {
            String ns = namespace(namespace);
            Map<String, String> context = context(body);
            NamespaceSnapshot.Flag flag = snapshots.get(ns).flags().get(key);
            if (flag == null) {
                return OfrepErrors.response(404, key, "FLAG_NOT_FOUND", "flag was not found " + key);
            }
            return Response.ok(evaluated(ns, flag, context)).build();
        } catch (FliptException e) {
            return OfrepErrors.of(e, key);
        }
    }

    @POST
    @Path("evaluate/flags")
    public Response bulk(@HeaderParam(NAMESPACE_HEADER) String namespace, @HeaderParam("If-None-Match") String ifNoneMatch, JsonObject body) {
        try {
            String ns = namespace(namespace);
            Map<String, String> context = context(body);
            NamespaceSnapshot snapshot = snapshots.get(ns);
            String etag = bulkEtag(snapshot, context);
            if (EntityTags.matches(ifNoneMatch, etag)) {
                return Response.notModified().header("ETag", etag).build();
            }
            List<Object> flags = new ArrayList<>();
            String listed = context.get("flags");
            if (listed != null) {
                for (String k : listed.split(",")) {
                    String key = k.strip();
                    NamespaceSnapshot.Flag flag = snapshot.flags().get(key);
                    flags.add(flag == null ? OfrepErrors.body(key, "FLAG_NOT_FOUND", "flag was not found " + key) : evaluated(ns, flag, context));
                }
            } else {
                snapshot.flags().values().stream()
                        .filter(f -> f.type() == Kinds.BOOLEAN_FLAG || f.enabled())
                        .sorted(SnapshotDocument.CREATION_ORDER)
                        .forEach(f -> flags.add(evaluated(ns, f, context)));
            }
            Response.ResponseBuilder r = Response.ok(Map.of("flags", flags));
            return etag == null ? r.build() : r.header("ETag", etag).build();
        } catch (FliptException e) {
            return OfrepErrors.of(e, null);
        }
    }

    private String namespace(String header) {
        String ns = header == null || header.isBlank() ? "default" : header.strip();
        NamespaceScope.require(caller.authentication().orElse(null), ns);
        return ns;
    }

    /** Flipt's transformReason: the evaluation reason, renamed. */
    static String ofrepReason(String evaluationReason) {
        return switch (evaluationReason) {
            case "FLAG_DISABLED_EVALUATION_REASON" -> "DISABLED";
            case "MATCH_EVALUATION_REASON" -> "TARGETING_MATCH";
            case "DEFAULT_EVALUATION_REASON" -> "DEFAULT";
            default -> "UNKNOWN";
        };
    }

    private Map<String, Object> evaluated(String ns, NamespaceSnapshot.Flag flag, Map<String, String> context) {
        String entity = context.getOrDefault("targetingKey", UUID.randomUUID().toString());
        var request = new EvaluationService.Request(null, ns, flag.key(), entity, context);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", flag.key());
        if (flag.type() == Kinds.BOOLEAN_FLAG) {
            EvaluationService.BooleanResponse b = evaluation.bool(request);
            out.put("reason", ofrepReason(b.reason()));
            out.put("variant", Boolean.toString(b.enabled()));
            out.put("metadata", Map.of());
            out.put("value", b.enabled());
            return out;
        }
        EvaluationService.VariantResponse v = evaluation.variant(request);
        out.put("reason", ofrepReason(v.reason()));
        String variant = v.variantKey() == null ? "" : v.variantKey();
        out.put("variant", variant);
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (v.segmentKeys() != null && !v.segmentKeys().isEmpty()) {
            metadata.put("segments", String.join(",", v.segmentKeys()));
        }
        if (v.variantAttachment() != null && !v.variantAttachment().isEmpty()) {
            metadata.put("attachment", v.variantAttachment());
        }
        out.put("metadata", metadata);
        out.put("value", variant);
        return out;
    }

    /** Context values as strings: Flipt's evaluation context is a string map; numbers and booleans are written as JSON writes them. */
    static Map<String, String> context(JsonObject body) {
        Map<String, String> out = new TreeMap<>();
        if (body == null || !body.containsKey("context") || body.isNull("context")) {
            return out;
        }
        if (!(body.get("context") instanceof JsonObject context)) {
            throw FliptException.invalidArgument("context must be an object");
        }
        context.forEach((k, v) -> {
            switch (v.getValueType()) {
                case STRING -> out.put(k, ((JsonString) v).getString());
                case NUMBER -> out.put(k, ((JsonNumber) v).toString());
                case TRUE, FALSE -> out.put(k, v.toString());
                case NULL -> { }
                default -> throw FliptException.invalidArgument("context value \"" + k + "\" must be a string, number or boolean");
            }
        });
        return out;
    }

    /** Changes with the namespace's state and with the context the flags were evaluated for. */
    private static String bulkEtag(NamespaceSnapshot snapshot, Map<String, String> context) {
        String state = SnapshotDocument.etag(snapshot);
        if (state == null || !context.containsKey("targetingKey")) {
            return null; // a random entity per request: nothing stable to tag
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(state.getBytes(StandardCharsets.UTF_8));
            context.forEach((k, v) -> sha.update((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
