package dev.flagpost.flags.api;

import dev.flagpost.flags.evaluation.EvaluationStateCache;
import dev.flagpost.authn.gate.Guarded;
import dev.flagpost.authn.gate.Section;
import dev.flagpost.flags.evaluation.NamespaceSnapshot;
import dev.flagpost.flags.evaluation.SnapshotDocument;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /internal/v1/evaluation/snapshot/namespace/{ns}}: the whole evaluation state of a
 * namespace for Flipt's client-side SDKs, with Flipt's version negotiation
 * ({@code x-flipt-accept-server-version}) and an ETag: {@code If-None-Match} with the current one
 * answers 304 with no body. Authenticated and excluded with {@code /evaluate/v1}; a scoped token
 * reads only its own namespace.
 */
@Guarded(value = Section.EVALUATION, namespaceParam = "ns")
@Path("/internal/v1/evaluation/snapshot/namespace/{ns}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SnapshotResource {
    @Inject
    EvaluationStateCache snapshots;

    @GET
    public Response snapshot(@PathParam("ns") String ns, @HeaderParam("x-flipt-accept-server-version") String clientVersion,
                             @HeaderParam("If-None-Match") String ifNoneMatch) {
        NamespaceSnapshot snapshot = snapshots.get(ns);
        String etag = SnapshotDocument.etag(snapshot);
        if (EntityTags.matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).build();
        }
        Response.ResponseBuilder r = Response.ok(SnapshotDocument.of(ns, snapshot, clientVersion));
        return etag == null ? r.build() : r.header("ETag", etag).build();
    }
}
