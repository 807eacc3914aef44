package io.mentorium.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryOutbox.State;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordUnreachableChatServiceTest {

    private static final ChatId MOTHERS_CHAT = new ChatId(1001);
    private static final ChatId OTHER_CHAT = new ChatId(2002);

    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();
    private final RecordUnreachableChatService service = new RecordUnreachableChatService(parents, outbox,
            transactions, clock);

    @Test
    void theParentIsMarkedBlockedAndTheChatsQueuedMessagesAreGivenUp() {
        parents.save(Parent.register(Fixtures.MOTHER, MOTHERS_CHAT, Language.RU, ParentRole.PARENT,
                Fixtures.NOW.minusSeconds(3600)));
        List<QueuedMessage> mothers = outbox.enqueue(List.<Outgoing>of(new SendText(MOTHERS_CHAT, "one"),
                new SendText(MOTHERS_CHAT, "two")), Fixtures.NOW);
        List<QueuedMessage> others = outbox.enqueue(List.<Outgoing>of(new SendText(OTHER_CHAT, "hi")), Fixtures.NOW);

        int dropped = service.recordBlocked(MOTHERS_CHAT);

        assertThat(dropped).isEqualTo(2);
        assertThat(parents.findById(Fixtures.MOTHER).orElseThrow().blockedAt()).contains(Fixtures.NOW);
        assertThat(mothers).allSatisfy(queued -> assertThat(outbox.stateOf(queued.id())).contains(State.GIVEN_UP));
        assertThat(outbox.stateOf(others.getFirst().id())).contains(State.PENDING);
        assertThat(transactions.transactions()).isOne();
    }

    @Test
    void aChatWithoutAParentStillHasItsMessagesGivenUp() {
        List<QueuedMessage> queued = outbox.enqueue(List.<Outgoing>of(new SendText(OTHER_CHAT, "welcome")),
                Fixtures.NOW);

        int dropped = service.recordBlocked(OTHER_CHAT);

        assertThat(dropped).isOne();
        assertThat(outbox.stateOf(queued.getFirst().id())).contains(State.GIVEN_UP);
        assertThat(parents.count()).isZero();
    }
}
