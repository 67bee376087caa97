package dev.flagpost.client.cli;

import net.minidev.json.JSONObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage Flagpost client tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @ParentCommand
    FlagpostCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a client token (POST /auth/v1/method/token); prints it once.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--description")
        String description;
        @Option(names = "--expires-at", paramLabel = "RFC3339", description = "e.g. 2026-12-31T00:00:00Z")
        Instant expiresAt;
        @Option(names = "--namespace", description = "restrict the token to one namespace")
        String namespace;
        @Option(names = "--metadata", paramLabel = "KEY=VALUE")
        Map<String, String> metadata = new LinkedHashMap<>();
        @Option(names = "--json", description = "print the whole response instead of just the token")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (description != null) {
                body.put("description", description);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt.toString());
            }
            if (namespace != null) {
                body.put("namespaceKey", namespace);
            }
            if (!metadata.isEmpty()) {
                body.put("metadata", metadata);
            }
            JSONObject response = parent.root.api().post("/auth/v1/method/token", body);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? response.toJSONString() : String.valueOf(response.get("clientToken")));
            if (!json && response.get("authentication") instanceof Map<?, ?> auth) {
                spec.commandLine().getErr().println("Created token " + auth.get("id")
                        + ". Store it now: it cannot be shown again.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List client tokens (GET /auth/v1/tokens), all pages.")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "100", description = "page size (max 100)")
        int limit;
        @Option(names = "--json", description = "print one JSON object per token")
        boolean json;

        @Override
        public Integer call() {
            ApiClient api = parent.root.api();
            PrintWriter out = spec.commandLine().getOut();
            if (!json) {
                out.printf("%-36s  %-24s  %-20s  %s%n", "ID", "NAME", "EXPIRES", "CREATED");
            }
            String pageToken = "";
            int pages = 0;
            do {
                JSONObject page = api.get("/auth/v1/tokens?method=METHOD_TOKEN&limit=" + limit
                        + (pageToken.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8)));
                if (page.get("authentications") instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> a) {
                            out.println(json ? JSONObject.toJSONString(cast(a)) : row(a));
                        }
                    }
                }
                pageToken = page.get("nextPageToken") instanceof String s ? s : "";
            } while (!pageToken.isEmpty() && ++pages < 10_000);
            return 0;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, ?> cast(Map<?, ?> m) {
            return (Map<String, ?>) m;
        }

        private static String row(Map<?, ?> a) {
            Object name = a.get("metadata") instanceof Map<?, ?> md ? md.get("io.flipt.auth.token.name") : null;
            return String.format("%-36s  %-24s  %-20s  %s", a.get("id"), name == null ? "" : name,
                    a.get("expiresAt") == null ? "never" : a.get("expiresAt"), a.get("createdAt"));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Delete a client token (DELETE /auth/v1/tokens/{id}).")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            parent.root.api().delete("/auth/v1/tokens/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            spec.commandLine().getOut().println("Revoked " + id + ".");
            return 0;
        }
    }
}
