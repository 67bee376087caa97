package dev.flagpost.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show the authentication the server sees (GET /auth/v1/self).")
final class WhoamiCommand implements Callable<Integer> {
    @ParentCommand
    FlagpostCli root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(root.api().get("/auth/v1/self").toJSONString());
        return 0;
    }
}
