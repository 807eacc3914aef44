package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.UpdateInbox.DeadLetter;
import io.mentorium.application.port.out.UpdateInbox.Stage;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryUpdateInbox;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuarantineEventsTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final InMemoryUpdateInbox inbox = new InMemoryUpdateInbox();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final QuarantineEvents quarantine = new QuarantineEvents(inbox, events);

    @Test
    void aQuarantinedUpdateIsAnEventNamingTheUpdateAndStageButNotTheReason() {
        assertThat(quarantine.quarantine(new DeadLetter(77, 5001, Stage.DECODE, "bad json: my code 4815", AT)))
                .isTrue();

        assertThat(events.ofType("update.quarantined")).singleElement().satisfies(event -> {
            assertThat(event.actor()).contains(new TelegramUserId(5001));
            assertThat(event.details()).isEqualTo(Map.of("update", "77", "stage", "decode"));
            assertThat(event.at()).isEqualTo(AT);
        });
    }

    @Test
    void aGroupChatNamesNoActor() {
        quarantine.quarantine(new DeadLetter(78, -100123, Stage.RECEIVE, "x", AT));

        assertThat(events.ofType("update.quarantined")).singleElement()
                .satisfies(event -> assertThat(event.actor()).isEqualTo(Optional.empty()));
    }
}
