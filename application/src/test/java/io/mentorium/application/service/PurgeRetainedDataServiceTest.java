package io.mentorium.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.port.in.PurgeRetainedData.Purged;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.contract.PipelineData;
import io.mentorium.application.testing.InMemoryConversationStore;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryUpdateInbox;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgeRetainedDataServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-18T04:30:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUpdateInbox inbox = new InMemoryUpdateInbox();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryLinkAttemptLog attempts = new InMemoryLinkAttemptLog();

    @Test
    void theConfiguredInboxWindowDecidesWhichHandledUpdatesGo() {
        inbox.store(List.of(PipelineData.text(1, 501), PipelineData.text(2, 501)), NOW.minus(Duration.ofDays(1)));
        inbox.markDone(1, NOW.minus(Duration.ofHours(3)));
        inbox.markDone(2, NOW.minus(Duration.ofHours(1)));
        var shortWindow = new PurgeRetainedDataService(inbox, outbox, conversations, attempts,
                new RetentionSettings(Duration.ofHours(2), Duration.ofDays(7)), clock);

        assertThat(shortWindow.purge().inboxUpdates()).isEqualTo(1);
        // What the parent sent is gone; the id stays for duplicate detection while Telegram could redeliver it.
        assertThat(inbox.hasContent(1)).isFalse();
        assertThat(inbox.stateOf(1)).contains(InMemoryUpdateInbox.State.DONE);
        assertThat(inbox.hasContent(2)).isTrue();
    }

    @Test
    void oneFailingPurgeLeavesTheOthersToRunAndIsReportedNotThrown() {
        inbox.store(List.of(PipelineData.text(1, 501)), NOW.minus(Duration.ofDays(3)));
        inbox.markDone(1, NOW.minus(Duration.ofDays(2)));
        conversations.save(new ChatId(1), new ConversationStore.Conversation("a", Map.of(), NOW.minusSeconds(1)));
        UpdateInbox broken = new UpdateInbox() {
            @Override
            public Stored store(List<io.mentorium.application.port.in.InboundUpdate> updates, Instant receivedAt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Pending> pending(long afterUpdateId, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean markDone(long updateId, Instant at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean quarantine(DeadLetter letter) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int purgeHandledBefore(Instant before) {
                throw new IllegalStateException("the database is gone");
            }
        };
        var service = new PurgeRetainedDataService(broken, outbox, conversations, attempts, RetentionSettings.DEFAULT,
                clock);

        Purged purged = service.purge();

        assertThat(purged).isEqualTo(new Purged(0, 0, 1, 0, List.of("inbox")));
        assertThat(purged.complete()).isFalse();
        assertThat(conversations.find(new ChatId(1), NOW.minusSeconds(2))).isEmpty();
    }
}
