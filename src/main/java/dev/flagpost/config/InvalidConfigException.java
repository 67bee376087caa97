package dev.flagpost.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Thrown at start; the message lists every problem, each naming
 * its key and the fix, so one restart is enough to correct them all.
 */
public final class InvalidConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Raised inside a config record; {@code key} is relative to the record and re-rooted by the binder. */
    public static InvalidConfigException of(String key, String message, String fix) {
        return new InvalidConfigException(List.of(new ConfigProblem(key, message, fix)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    InvalidConfigException under(String prefix) {
        return new InvalidConfigException(problems.stream()
                .map(p -> new ConfigProblem(prefix + "." + p.key(), p.message(), p.fix()))
                .toList());
    }

    private static String render(List<ConfigProblem> problems) {
        return "invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
