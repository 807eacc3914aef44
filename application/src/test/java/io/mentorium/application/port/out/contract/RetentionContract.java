package io.mentorium.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.port.in.PurgeRetainedData.Purged;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.AssistantQuestions.Closing;
import io.mentorium.application.port.out.AssistantQuestions.NewQuestion;
import io.mentorium.application.port.out.AssistantQuestions.OpenQuestion;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.service.PurgeRetainedDataService;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.LinkAttemptLog.LinkAttempt;
import io.mentorium.application.port.out.LinkAttemptLog.Outcome;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PurgeRetainedDataService} over real stores: what is past its window goes, what is recent or still to be
 * handled stays. Checked through the ports only, so it holds whether an inbox deletes handled rows or only scrubs
 * their payloads.
 */
public abstract class RetentionContract {

    private static final Instant NOW = Instant.parse("2026-03-18T04:30:00Z");
    private static final ChatId CHAT = new ChatId(501);

    public record Stores(UpdateInbox inbox, Outbox outbox, ConversationStore conversations, LinkAttemptLog attempts,
                         DialogRepository dialogs, AssistantQuestions questions) {
    }

    protected abstract Stores emptyStores();

    private final MutableClock clock = new MutableClock(NOW);
    private Stores stores;
    private PurgeRetainedDataService purge;

    @BeforeEach
    final void startEmpty() {
        stores = emptyStores();
        purge = new PurgeRetainedDataService(stores.inbox(), stores.outbox(), stores.conversations(),
                stores.attempts(), stores.dialogs(), stores.questions(), new io.mentorium.application.testing.InMemoryEventLog(),
                new io.mentorium.application.testing.InMemoryReportHistory(),
                new io.mentorium.application.testing.InMemoryNotificationHistory(), RetentionSettings.DEFAULT, clock);
    }

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    @Test
    void handled_updates_older_than_the_inbox_window_go_and_recent_or_pending_ones_stay() {
        UpdateInbox inbox = stores.inbox();
        inbox.store(List.of(PipelineData.text(1, 501), PipelineData.text(2, 501), PipelineData.text(3, 501),
                PipelineData.text(4, 501)), ago(Duration.ofDays(3)));
        inbox.markDone(1, ago(Duration.ofHours(25)));
        inbox.quarantine(new UpdateInbox.DeadLetter(4, 501, UpdateInbox.Stage.HANDLE, "gave up",
                ago(Duration.ofHours(30))));
        inbox.markDone(2, ago(Duration.ofHours(23)));
        // update 3 is still pending, however old

        Purged purged = purge.purge();

        assertThat(purged.inboxUpdates()).isEqualTo(2);
        assertThat(purged.complete()).isTrue();
        assertThat(inbox.pending(0, 10)).extracting(UpdateInbox.Pending::updateId).containsExactly(3L);
        assertThat(inbox.store(List.of(PipelineData.text(2, 501)), NOW).fresh()).as("recent: still a duplicate")
                .isZero();
        assertThat(purge.purge().inboxUpdates()).isZero();
    }

    @Test
    void sent_and_given_up_messages_older_than_the_outbox_window_go_and_the_rest_stays() {
        Outbox outbox = stores.outbox();
        List<QueuedMessage> queued = outbox.enqueue(List.of(new Messenger.SendText(CHAT, "a"),
                new Messenger.SendText(CHAT, "b"), new Messenger.SendText(CHAT, "c"), new Messenger.SendText(CHAT, "d")),
                ago(Duration.ofDays(10)));
        outbox.markSent(queued.get(0).id(), ago(Duration.ofDays(8)));
        outbox.markGivenUp(queued.get(1).id(), ago(Duration.ofDays(7).plusSeconds(1)), "blocked");
        outbox.markSent(queued.get(2).id(), ago(Duration.ofDays(6)));

        assertThat(purge.purge().outboxMessages()).isEqualTo(2);
        assertThat(outbox.pending(0, 10)).extracting(QueuedMessage::id).containsExactly(queued.get(3).id());

        // The recent one was kept, not lost: it goes once it is past the window too.
        clock.advance(Duration.ofDays(2));
        assertThat(purge.purge().outboxMessages()).isEqualTo(1);
        assertThat(outbox.pending(0, 10)).extracting(QueuedMessage::id).containsExactly(queued.get(3).id());
    }

    @Test
    void email_keys_of_attempts_older_than_a_day_are_forgotten_and_recent_ones_still_lock() {
        LinkAttemptLog attempts = stores.attempts();
        EmailKey key = EmailKey.of(new Email("aziza.karimova@example.com"));
        TelegramUserId parent = new TelegramUserId(501);
        attempts.record(new LinkAttempt(parent, key, Outcome.REJECTED, Optional.empty(), ago(Duration.ofHours(25))));
        attempts.record(new LinkAttempt(parent, key, Outcome.REJECTED, Optional.empty(), ago(Duration.ofMinutes(5))));

        assertThat(purge.purge().emailKeys()).isEqualTo(1);

        assertThat(attempts.failuresSince(key, Instant.EPOCH)).containsExactly(ago(Duration.ofMinutes(5)));
        assertThat(attempts.failuresSince(parent, Instant.EPOCH)).as("the audit keeps the attempt").hasSize(2);
    }

    @Test
    void expired_conversation_states_go_and_live_ones_stay() {
        ConversationStore conversations = stores.conversations();
        conversations.save(new ChatId(1), new Conversation("awaiting_code",
                Map.of("email", "aziza.karimova@example.com"), NOW.minusSeconds(1)));
        Conversation live = new Conversation("awaiting_code", Map.of("email", "rustam.karimov@example.com"),
                NOW.plus(Duration.ofMinutes(10)));
        conversations.save(new ChatId(2), live);

        assertThat(purge.purge().conversations()).isEqualTo(1);

        assertThat(conversations.find(new ChatId(2), NOW)).contains(live);
        assertThat(purge.purge().conversations()).isZero();
    }

    @Test
    void dialog_messages_older_than_the_dialog_window_go_and_recent_ones_stay() {
        DialogRepository dialogs = stores.dialogs();
        TelegramUserId parent = new TelegramUserId(501);
        Instant monthAgo = ago(Duration.ofDays(31));
        dialogs.appendExchange(new DialogMessage(parent, DialogRole.USER, "Как дела у Азизы?", 5, monthAgo),
                new DialogMessage(parent, DialogRole.ASSISTANT, "Хорошо.", 2, monthAgo), new TokenUsage(100, 101, 2, 2));
        DialogMessage recent = new DialogMessage(parent, DialogRole.USER, "А Карим?", 3, ago(Duration.ofDays(29)));
        dialogs.append(recent);

        assertThat(purge.purge().dialogMessages()).isEqualTo(2);

        assertThat(dialogs.recent(parent, 10)).containsExactly(recent);
        assertThat(purge.purge().dialogMessages()).isZero();
    }

    @Test
    void closed_questions_older_than_the_questions_window_go_and_open_ones_stay_however_old() {
        AssistantQuestions questions = stores.questions();
        TelegramUserId parent = new TelegramUserId(501);
        long oldClosed = questions.add(question(parent, ago(Duration.ofDays(8))));
        long oldOpen = questions.add(question(parent, ago(Duration.ofDays(60))));
        long recentClosed = questions.add(question(parent, ago(Duration.ofDays(6))));
        questions.close(oldClosed, Closing.ANSWERED, ago(Duration.ofDays(8)));
        questions.close(recentClosed, Closing.APOLOGIZED, ago(Duration.ofDays(6)));

        assertThat(purge.purge().assistantQuestions()).isEqualTo(1);

        assertThat(questions.open(0, 10)).extracting(OpenQuestion::id).containsExactly(oldOpen);
        assertThat(questions.countAskedSince(parent, Instant.EPOCH)).isEqualTo(2);
        assertThat(purge.purge().assistantQuestions()).isZero();
    }

    private static NewQuestion question(TelegramUserId parent, Instant at) {
        return new NewQuestion(parent, new ChatId(parent.value()), "Как дела у Азизы?", OptionalLong.of(7), at);
    }
}
