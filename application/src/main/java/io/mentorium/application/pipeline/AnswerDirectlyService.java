package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.AnswerDirectly;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.TransactionRunner;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation for a synchronous channel (the console): each input handled in its own transaction, the replies
 * returned at once. A failure rolls the transaction back and the person gets an apology instead.
 */
public final class AnswerDirectlyService implements AnswerDirectly {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerDirectlyService.class);

    private final ConverseWithParent converse;
    private final TransactionRunner transactions;

    @Inject
    public AnswerDirectlyService(ConverseWithParent converse, TransactionRunner transactions) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public List<Outgoing> answer(ChatInput input) {
        Objects.requireNonNull(input, "input");
        try {
            return transactions.inTransaction(() -> converse.handle(input));
        } catch (RuntimeException e) {
            LOG.error("Input in chat {} failed; answering with an apology", input.sender().chatId(), e);
            return converse.apologize(input);
        }
    }
}
