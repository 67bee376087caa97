package dev.flagpost.client.cli;

import dev.flagpost.grpc.evaluation.v1.BooleanEvaluationResponse;
import dev.flagpost.grpc.evaluation.v1.EvaluationReason;
import dev.flagpost.grpc.evaluation.v1.EvaluationRequest;
import dev.flagpost.grpc.evaluation.v1.EvaluationServiceGrpc;
import dev.flagpost.grpc.evaluation.v1.VariantEvaluationResponse;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code flagpost evaluate --grpc} against a real grpc-java (Netty) server on loopback. */
class EvaluateGrpcCliIT {
    static final String TOKEN = "test-fixture-client-token";
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @TempDir
    Path configDir;
    Server server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<EvaluationRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> env = new HashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Accepts only the fixture token, as Flagpost's interceptor would. */
    final ServerInterceptor auth = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String h = headers.get(AUTHORIZATION);
            authorizations.add(String.valueOf(h));
            if (!("Bearer " + TOKEN).equals(h)) {
                call.close(Status.UNAUTHENTICATED.withDescription("request was not authenticated"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    };

    final EvaluationServiceGrpc.EvaluationServiceImplBase evaluation = new EvaluationServiceGrpc.EvaluationServiceImplBase() {
        @Override
        public void boolean_(EvaluationRequest request, StreamObserver<BooleanEvaluationResponse> o) {
            requests.add(request);
            o.onNext(BooleanEvaluationResponse.newBuilder().setEnabled(true).setFlagKey(request.getFlagKey())
                    .setReason(EvaluationReason.MATCH_EVALUATION_REASON).build());
            o.onCompleted();
        }

        @Override
        public void variant(EvaluationRequest request, StreamObserver<VariantEvaluationResponse> o) {
            requests.add(request);
            o.onNext(VariantEvaluationResponse.newBuilder().setMatch(true).setVariantKey("blue").addSegmentKeys("pros")
                    .setFlagKey(request.getFlagKey()).setReason(EvaluationReason.MATCH_EVALUATION_REASON).build());
            o.onCompleted();
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(evaluation, auth)).build().start();
        env.put("FLAGPOST_URL", "http://127.0.0.1:" + server.getPort());
        env.put("FLAGPOST_NO_KEYRING", "1");
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    int run(String... args) {
        CliEnvironment environment = new CliEnvironment(env, configDir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                url -> { }, d -> { }, false);
        CommandLine cl = FlagpostCli.commandLine(environment);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void evaluateOverGrpcSendsTheFliptRequestToTheServersPortWithTheToken() {
        env.put("FLAGPOST_TOKEN", TOKEN);

        assertEquals(0, run("evaluate", "--grpc", "--type", "boolean", "--flag", "new-ui", "--entity", "user-1",
                "--namespace", "prod", "--context", "plan=pro"), err.toString());

        EvaluationRequest r = requests.get(0);
        assertEquals("prod", r.getNamespaceKey());
        assertEquals("new-ui", r.getFlagKey());
        assertEquals("user-1", r.getEntityId());
        assertEquals(Map.of("plan", "pro"), r.getContextMap());
        assertEquals(List.of("Bearer " + TOKEN), authorizations);
        assertTrue(out.toString().contains("\"enabled\":true") && out.toString().contains("MATCH_EVALUATION_REASON"), out.toString());
    }

    @Test
    void variantOverGrpcPrintsTheSameJsonFieldsAsHttp() {
        env.put("FLAGPOST_TOKEN", TOKEN);
        assertEquals(0, run("evaluate", "--grpc", "--grpc-target", "127.0.0.1:" + server.getPort(), "--flag", "colour",
                "--entity", "user-2"), err.toString());
        assertTrue(out.toString().contains("\"variantKey\":\"blue\"") && out.toString().contains("\"segmentKeys\":[\"pros\"]"),
                out.toString());
        assertEquals("default", requests.get(0).getNamespaceKey());
    }

    @Test
    void aRejectedTokenOverGrpcExitsWithTheAuthenticationCodeAndAHint() {
        env.put("FLAGPOST_TOKEN", "not-the-token");
        assertEquals(FlagpostCli.EXIT_AUTH, run("evaluate", "--grpc", "--flag", "new-ui", "--entity", "user-1"));
        assertTrue(err.toString().contains("flagpost login"), err.toString());
    }
}
