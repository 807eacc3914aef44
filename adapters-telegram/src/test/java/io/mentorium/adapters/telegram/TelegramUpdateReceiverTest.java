package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * An update the adapter cannot translate (a bug, or a shape nobody foresaw) must neither escape {@code consume} —
 * which would end polling silently — nor hold up the rest of its batch: it is rejected as a dead letter.
 */
class TelegramUpdateReceiverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<InboundUpdate> stored = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private final ReceiveUpdates application = new ReceiveUpdates() {
        @Override
        public int receive(List<InboundUpdate> updates) {
            stored.addAll(updates);
            return updates.size();
        }

        @Override
        public void reject(long updateId, long chatId, String reason) {
            rejected.add(updateId + " " + chatId + " " + reason);
        }
    };

    @Test
    void anUpdateThatCannotBeTranslatedIsRejectedAndTheRestOfTheBatchIsStored() throws Exception {
        TelegramUpdateTranslator real = new TelegramUpdateTranslator();
        TelegramUpdateReceiver receiver = new TelegramUpdateReceiver(application, update -> {
            if (update.getUpdateId() == 2) {
                throw new IllegalStateException("no translation for a parent's secret 4815162342");
            }
            return real.translate(update);
        }, new TelegramUpdateReceiver.Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3));
        TelegramUpdates.Person anna = TelegramUpdates.person(1001);

        receiver.consume(List.of(update(1, anna.text("one")), update(2, anna.text("two")),
                update(3, anna.text("three"))));

        assertThat(stored).extracting(InboundUpdate::updateId).containsExactly(1L, 3L);
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line).startsWith("2 1001 untranslatable update: java.lang.IllegalStateException");
            assertThat(line).doesNotContain("4815162342").doesNotContain("two");
        });
    }

    @Test
    void aBatchOfOnlyUntranslatableUpdatesIsRejectedWithoutStoringAnything() throws Exception {
        TelegramUpdateReceiver receiver = new TelegramUpdateReceiver(application, update -> {
            throw new NullPointerException();
        }, new TelegramUpdateReceiver.Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3));

        receiver.consume(List.of(update(7, TelegramUpdates.person(1002).sticker())));

        assertThat(stored).isEmpty();
        assertThat(rejected).singleElement().asString().startsWith("7 1002 ");
    }

    @Test
    void theInlineAnswersSeeTheWholeBatchFirstAndTheirFailureDoesNotStopIt() throws Exception {
        List<Long> seenBeforeStoring = new CopyOnWriteArrayList<>();
        TelegramUpdateReceiver receiver = new TelegramUpdateReceiver(application,
                new TelegramUpdateTranslator()::translate,
                new TelegramUpdateReceiver.Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3), updates -> {
                    assertThat(stored).isEmpty();
                    updates.forEach(update -> seenBeforeStoring.add(update.getUpdateId().longValue()));
                    throw new IllegalStateException("a bug while answering");
                });
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "ru");

        receiver.consume(List.of(update(1, anna.preCheckout("pcq-1", "order:1", 5)), update(2, anna.text("hi"))));

        assertThat(seenBeforeStoring).containsExactly(1L, 2L);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactly(1L, 2L);
        assertThat(rejected).isEmpty();
    }

    private static Update update(long id, ObjectNode body) throws Exception {
        return JSON.treeToValue(body.deepCopy().put("update_id", id), Update.class);
    }
}
