package io.mentorium.application.pipeline;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric label for a message's kind: its record's name in snake case. Bounded by construction — the sealed types
 * of inputs and outgoing messages — so a label can never carry a value a parent sent.
 */
final class MetricKinds {

    // One entry per message type (a sealed, small set); the regex ran for every update before.
    private static final ConcurrentHashMap<Class<?>, String> LABELS = new ConcurrentHashMap<>();

    private MetricKinds() {
    }

    static String of(Object message) {
        return LABELS.computeIfAbsent(message.getClass(), type -> type.getSimpleName()
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
    }
}
