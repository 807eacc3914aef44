package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The business event log operators read: who did what, when. Never holds secrets or raw personal data: subjects are
 * ids or masked e-mails, never what a parent typed.
 *
 * <p>Inside a transaction of the same database, {@link #record} joins it: the event commits or rolls back with the
 * change it describes (an adapter may hold the events back and write them in one statement at commit).
 */
public interface EventLog {

    /** Keeps nothing: for hosts that embed the use cases without a log of their own. */
    EventLog DISCARD = new EventLog() {
        @Override
        public void record(Event event) {
        }

        @Override
        public List<Event> recent(int limit) {
            return List.of();
        }

        @Override
        public List<Event> find(EventQuery query) {
            return List.of();
        }

        @Override
        public int purgeBefore(Instant cutoff) {
            return 0;
        }
    };

    /** The most rows one {@link #find} answers, whatever the query asks for. */
    int MAX_FIND = 10_000;

    void record(Event event);

    /** The most recent events first. */
    List<Event> recent(int limit);

    /** Events matching {@code query}, the most recent first. */
    List<Event> find(EventQuery query);

    /** Deletes events that occurred before {@code cutoff}; answers how many went. */
    int purgeBefore(Instant cutoff);

    /**
     * @param type    a stable, dotted name such as {@code learner.linked}
     * @param details small, non-secret facts (ids, outcomes, masked e-mails)
     */
    record Event(String type, Optional<TelegramUserId> actor, Map<String, String> details, Instant at) {

        /** Compiled once: every event is checked, and a handled update may record several. */
        private static final Pattern TYPE_SHAPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(at, "at");
            details = Map.copyOf(details);
            if (!TYPE_SHAPE.matcher(type).matches() || type.length() > 64) {
                throw new IllegalArgumentException("event type must be a dotted lower-case name: " + type);
            }
        }

        /** An event the system did, not a parent or an admin. */
        public static Event bySystem(String type, Map<String, String> details, Instant at) {
            return new Event(type, Optional.empty(), details, at);
        }

        public static Event by(TelegramUserId actor, String type, Map<String, String> details, Instant at) {
            return new Event(type, Optional.of(actor), details, at);
        }
    }

    /**
     * What admins ask of the log: a period, optionally one type (or a family of types, {@code payment} matching
     * {@code payment.settled} and {@code payment.cancelled}) and one actor.
     *
     * @param type  a dotted type or a leading part of one (whole segments); empty: every type
     * @param actor empty: any actor, the system included
     * @param from  inclusive
     * @param to    exclusive
     * @param limit 1 to {@link #MAX_FIND}
     */
    record EventQuery(Optional<String> type, Optional<TelegramUserId> actor, Instant from, Instant to, int limit) {

        public EventQuery {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the period must end after it starts");
            }
            if (limit < 1 || limit > MAX_FIND) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_FIND + ": " + limit);
            }
            type.ifPresent(t -> {
                if (!Event.TYPE_SHAPE.matcher(t).matches() || t.length() > 64) {
                    throw new IllegalArgumentException("type must be a dotted lower-case name: " + t);
                }
            });
        }

        public static EventQuery between(Instant from, Instant to) {
            return new EventQuery(Optional.empty(), Optional.empty(), from, to, MAX_FIND);
        }

        public EventQuery ofType(String typeOrFamily) {
            return new EventQuery(Optional.of(typeOrFamily), actor, from, to, limit);
        }

        public EventQuery by(TelegramUserId who) {
            return new EventQuery(type, Optional.of(who), from, to, limit);
        }

        public EventQuery limit(int most) {
            return new EventQuery(type, actor, from, to, most);
        }

        /** Whether {@code event} is one this query asks for (what adapters that filter in memory use). */
        public boolean matches(Event event) {
            return !event.at().isBefore(from) && event.at().isBefore(to)
                    && type.map(t -> event.type().equals(t) || event.type().startsWith(t + ".")).orElse(true)
                    && actor.map(a -> event.actor().equals(Optional.of(a))).orElse(true);
        }
    }
}
