package io.mentorium.application.conversation;

import io.mentorium.application.port.out.Messenger.Outgoing;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What handling a button press produced: the short notice for its callback answer (the caller adds exactly one
 * answer per press) and any messages to send or edit.
 */
record PressAnswer(Optional<String> notice, List<Outgoing> messages) {

    PressAnswer {
        Objects.requireNonNull(notice, "notice");
        messages = List.copyOf(messages);
    }

    static PressAnswer of(Outgoing... messages) {
        return new PressAnswer(Optional.empty(), List.of(messages));
    }

    static PressAnswer of(List<Outgoing> messages) {
        return new PressAnswer(Optional.empty(), messages);
    }

    static PressAnswer notice(String notice, Outgoing... messages) {
        return new PressAnswer(Optional.of(notice), List.of(messages));
    }
}
