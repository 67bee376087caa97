package dev.flagpost.client.cli;

import dev.flagpost.client.auth.ManagedTokenSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the tokens stored for this server.")
final class LogoutCommand implements Callable<Integer> {
    @ParentCommand
    FlagpostCli root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ManagedTokenSource.builder(() -> {
            throw new IllegalStateException("logout never authenticates");
        }, root.endpoint().key()).store(root.store()).build().logout();
        spec.commandLine().getOut().println("Logged out of " + root.endpoint() + ".");
        return 0;
    }
}
