package dev.flagpost.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.grpc.flipt.v1.FliptGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every method {@code flipt.Flipt} declares, taken from the generated descriptor (so an RPC added
 * to the proto joins the table by itself): without a credential it is UNAUTHENTICATED; with one it
 * is served (whatever the answer to an empty request, never UNIMPLEMENTED or UNAUTHENTICATED).
 */
class FliptGrpcParityTest {
    /** Flipt v1.61.1's flipt.Flipt. */
    static final Set<String> FLIPT_V1_METHODS = Set.of("Evaluate", "BatchEvaluate", "GetNamespace", "ListNamespaces", "CreateNamespace", "UpdateNamespace",
            "DeleteNamespace", "GetFlag", "ListFlags", "CreateFlag", "UpdateFlag", "DeleteFlag", "CreateVariant", "UpdateVariant",
            "DeleteVariant", "GetRule", "ListRules", "CreateRule", "UpdateRule", "OrderRules", "DeleteRule", "GetRollout", "ListRollouts",
            "CreateRollout", "UpdateRollout", "DeleteRollout", "OrderRollouts", "CreateDistribution", "UpdateDistribution",
            "DeleteDistribution", "GetSegment", "ListSegments", "CreateSegment", "UpdateSegment", "DeleteSegment", "CreateConstraint",
            "UpdateConstraint", "DeleteConstraint");

    final FliptManagementGrpcTest fixture = new FliptManagementGrpcTest();

    @BeforeEach
    void start() throws Exception {
        fixture.start();
    }

    @AfterEach
    void stop() {
        fixture.stop();
    }

    static Stream<String> fliptMethods() {
        return FliptGrpc.getServiceDescriptor().getMethods().stream().map(MethodDescriptor::getFullMethodName);
    }

    @Test
    void theDescriptorDeclaresEveryFliptV1ManagementRpc() {
        Set<String> declared = new TreeSet<>();
        fliptMethods().forEach(m -> declared.add(m.substring("flipt.Flipt/".length())));
        assertTrue(declared.containsAll(FLIPT_V1_METHODS), "missing: " + new TreeSet<>(FLIPT_V1_METHODS).stream()
                .filter(m -> !declared.contains(m)).toList());
    }

    @ParameterizedTest
    @MethodSource("fliptMethods")
    void withoutACredentialTheCallIsUnauthenticated(String method) {
        assertEquals(Status.Code.UNAUTHENTICATED, call(fixture.channel, method));
        assertEquals(Status.Code.UNAUTHENTICATED, call(withToken("not-a-token"), method));
    }

    @ParameterizedTest
    @MethodSource("fliptMethods")
    void withACredentialTheCallIsServed(String method) {
        Status.Code code = call(withToken(fixture.admin), method);
        assertNotEquals(Status.Code.UNIMPLEMENTED, code, method);
        assertNotEquals(Status.Code.UNAUTHENTICATED, code, method);
    }

    Channel withToken(String token) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ClientInterceptors.intercept(fixture.channel, MetadataUtils.newAttachHeadersInterceptor(m));
    }

    /** The method called with its request type's empty message; OK or the status it failed with. */
    @SuppressWarnings("unchecked")
    static Status.Code call(Channel channel, String fullMethodName) {
        var method = (MethodDescriptor<Object, Object>) FliptGrpc.getServiceDescriptor().getMethods().stream()
                .filter(m -> m.getFullMethodName().equals(fullMethodName)).findFirst().orElseThrow();
        Object empty = ((MethodDescriptor.PrototypeMarshaller<Object>) method.getRequestMarshaller()).getMessagePrototype();
        try {
            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, empty);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
