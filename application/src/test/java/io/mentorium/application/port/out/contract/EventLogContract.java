package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.EventLog.Event;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventLog} must do. */
public abstract class EventLogContract {

    protected EventLog events;

    protected abstract EventLog emptyLog();

    @BeforeEach
    final void startEmpty() {
        events = emptyLog();
    }

    @Test
    void an_empty_log_has_no_recent_events() {
        assertThat(events.recent(10)).isEmpty();
    }

    @Test
    void events_round_trip_with_actor_details_and_time() {
        Event linked = new Event("learner.linked", Optional.of(parentId(1001)),
                Map.of("learner", "L1", "email", "a***a@e***.com", "quote\"and\\slash", "line\nbreak ✓"), minutes(1));
        Event system = new Event("retention.run", Optional.empty(), Map.of(), minutes(2));
        events.record(linked);
        events.record(system);

        assertThat(events.recent(10)).containsExactly(system, linked);
    }

    @Test
    void recent_answers_the_most_recent_first_up_to_the_limit_whatever_the_recording_order() {
        Event second = event("b.happened", 2);
        Event fourth = event("d.happened", 4);
        Event first = event("a.happened", 1);
        Event third = event("c.happened", 3);
        events.record(second);
        events.record(fourth);
        events.record(first);
        events.record(third);

        assertThat(events.recent(3)).containsExactly(fourth, third, second);
        assertThat(events.recent(1)).containsExactly(fourth);
    }

    @Test
    void find_answers_a_period_a_type_family_and_an_actor_most_recent_first() {
        Event created = new Event("payment.created", Optional.of(parentId(1003)), Map.of("order", "1"), minutes(1));
        Event settled = new Event("payment.settled", Optional.of(parentId(1003)), Map.of("order", "1"), minutes(2));
        Event otherParent = new Event("payment.settled", Optional.of(parentId(1004)), Map.of(), minutes(3));
        Event lookalike = new Event("payments_report.sent", Optional.empty(), Map.of(), minutes(4));
        Event linked = new Event("learner.linked", Optional.of(parentId(1003)), Map.of(), minutes(5));
        Event late = new Event("payment.refunded", Optional.of(parentId(1003)), Map.of(), minutes(9));
        for (Event e : new Event[] {created, settled, otherParent, lookalike, linked, late}) {
            events.record(e);
        }
        EventLog.EventQuery period = EventLog.EventQuery.between(minutes(1), minutes(9));

        assertThat(events.find(period)).containsExactly(linked, lookalike, otherParent, settled, created);
        assertThat(events.find(period.ofType("payment"))).containsExactly(otherParent, settled, created);
        assertThat(events.find(period.ofType("payment.settled"))).containsExactly(otherParent, settled);
        assertThat(events.find(period.ofType("payment").by(parentId(1003)))).containsExactly(settled, created);
        assertThat(events.find(period.by(parentId(1003)).limit(2))).containsExactly(linked, settled);
    }

    @Test
    void purge_deletes_only_events_before_the_cutoff() {
        Event old = event("a.happened", 1);
        Event young = event("b.happened", 5);
        events.record(old);
        events.record(young);

        assertThat(events.purgeBefore(minutes(5))).isEqualTo(1);
        assertThat(events.recent(10)).containsExactly(young);
        assertThat(events.purgeBefore(minutes(5))).isZero();
    }

    private static Event event(String type, long minute) {
        return new Event(type, Optional.of(parentId(1002)), Map.of("n", Long.toString(minute)), minutes(minute));
    }
}
