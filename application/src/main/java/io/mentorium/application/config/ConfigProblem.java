package io.mentorium.application.config;

import java.util.Objects;

/** One thing wrong with the configuration: which variable, and why. Never carries a secret's value. */
public record ConfigProblem(String variable, String message) {

    public ConfigProblem {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return variable + ": " + message;
    }
}
