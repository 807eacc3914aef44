package io.mentorium.application.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; the message lists every problem, one per line. */
public final class ConfigurationException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigurationException(List<ConfigProblem> problems) {
        super("invalid configuration:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
