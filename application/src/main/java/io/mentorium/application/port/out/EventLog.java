package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The business event log operators read: who did what, when. Never holds secrets or raw personal data. */
public interface EventLog {

    void record(Event event);

    /** The most recent events first. */
    List<Event> recent(int limit);

    /**
     * @param type    a stable, dotted name such as {@code learner.linked}
     * @param details small, non-secret facts (ids, outcomes, masked e-mails)
     */
    record Event(String type, Optional<TelegramUserId> actor, Map<String, String> details, Instant at) {

        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(at, "at");
            details = Map.copyOf(details);
            if (!type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*") || type.length() > 64) {
                throw new IllegalArgumentException("event type must be a dotted lower-case name: " + type);
            }
        }
    }
}
