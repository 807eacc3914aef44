package io.mentorium.application.pipeline;

import java.util.Locale;

/**
 * A metric label for a message's kind: its record's name in snake case. Bounded by construction — the sealed types
 * of inputs and outgoing messages — so a label can never carry a value a parent sent.
 */
final class MetricKinds {

    private MetricKinds() {
    }

    static String of(Object message) {
        return message.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
