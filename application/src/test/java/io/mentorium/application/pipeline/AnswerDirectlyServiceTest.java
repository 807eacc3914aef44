package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.testing.DirectTransactionRunner;
import org.junit.jupiter.api.Test;

class AnswerDirectlyServiceTest {

    private final ScriptedConversation conversation = new ScriptedConversation();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();
    private final AnswerDirectlyService service = new AnswerDirectlyService(conversation, transactions);

    @Test
    void theRepliesComeBackFromOneTransaction() {
        var replies = service.answer(new ChatInput.Text(Chats.sender(5), "hello"));

        assertThat(replies).containsExactly(new SendText(chat(5), "echo hello"));
        assertThat(transactions.transactions()).isOne();
    }

    @Test
    void aFailureIsAnsweredWithTheApology() {
        conversation.failWithBug("boom");

        var replies = service.answer(new ChatInput.Text(Chats.sender(5), "boom"));

        assertThat(replies).containsExactly(new SendText(chat(5), ScriptedConversation.APOLOGY));
    }

    @Test
    void aStorageFailureIsAnsweredWithTheApologyToo() {
        conversation.failOnceWithStorageError("hello");

        var replies = service.answer(new ChatInput.Text(Chats.sender(5), "hello"));

        assertThat(replies).containsExactly(new SendText(chat(5), ScriptedConversation.APOLOGY));
    }
}
