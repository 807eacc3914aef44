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

    private static Event event(String type, long minute) {
        return new Event(type, Optional.of(parentId(1002)), Map.of("n", Long.toString(minute)), minutes(minute));
    }
}
