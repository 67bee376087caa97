package dev.flagpost.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluate a flag (POST /evaluate/v1/boolean or /evaluate/v1/variant; with --grpc, flipt.evaluation.EvaluationService).")
final class EvaluateCommand implements Callable<Integer> {
    enum Type { BOOLEAN, VARIANT }

    @ParentCommand
    FlagpostCli root;
    @Spec
    CommandSpec spec;

    @Option(names = {"--flag", "-f"}, required = true)
    String flagKey;
    @Option(names = {"--entity", "-e"}, required = true, description = "entity id, e.g. a user id")
    String entityId;
    @Option(names = {"--namespace", "-n"}, defaultValue = "default")
    String namespace;
    @Option(names = {"--context", "-c"}, paramLabel = "KEY=VALUE")
    Map<String, String> context = new LinkedHashMap<>();
    @Option(names = "--type", defaultValue = "variant", description = "boolean or variant (default)")
    String type;
    @Option(names = "--grpc", description = "call flipt.evaluation.EvaluationService over gRPC instead of HTTP")
    boolean grpc;
    @Option(names = "--grpc-target", paramLabel = "HOST:PORT",
            description = "gRPC address (default: the server URL's host and port; TLS when the server URL is https)")
    String grpcTarget;

    @Override
    public Integer call() {
        Type t;
        try {
            t = Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--type must be boolean or variant, not " + type);
        }
        if (grpc) {
            String target = grpcTarget != null ? grpcTarget : GrpcEvaluation.defaultTarget(root.endpoint().base());
            boolean tls = "https".equals(root.endpoint().base().getScheme());
            spec.commandLine().getOut().println(GrpcEvaluation.evaluate(target, tls, root.apiTokenSource(),
                    root.allowInsecure(), t, namespace, flagKey, entityId, context).toJSONString());
            return 0;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaceKey", namespace);
        body.put("flagKey", flagKey);
        body.put("entityId", entityId);
        body.put("context", context);
        String path = "/evaluate/v1/" + t.name().toLowerCase(java.util.Locale.ROOT);
        spec.commandLine().getOut().println(root.api().post(path, body).toJSONString());
        return 0;
    }
}
