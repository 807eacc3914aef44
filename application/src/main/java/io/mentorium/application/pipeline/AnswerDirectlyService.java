package io.mentorium.application.pipeline;

import io.mentorium.application.assistant.QuestionsAsked;
import io.mentorium.application.billing.PaymentReceipts;
import io.mentorium.application.port.in.AnswerDirectly;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.TransactionRunner;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
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
    private final LongFunction<List<Outgoing>> answerQuestion;

    public AnswerDirectlyService(ConverseWithParent converse, TransactionRunner transactions) {
        this(converse, transactions, questionId -> List.of());
    }

    /**
     * @param answerQuestion answers a question to the assistant on the spot (the question's id), once the transaction
     *                       that recorded it has committed
     */
    @Inject
    public AnswerDirectlyService(ConverseWithParent converse, TransactionRunner transactions,
                                 LongFunction<List<Outgoing>> answerQuestion) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.answerQuestion = Objects.requireNonNull(answerQuestion, "answerQuestion");
    }

    @Override
    public List<Outgoing> answer(ChatInput input) {
        Objects.requireNonNull(input, "input");
        List<Outgoing> replies = new ArrayList<>();
        List<QuestionsAsked.Asked> asked;
        QuestionsAsked.begin();
        // A payment's receipt is queued inside this transaction: it is shown here, once committed, with the replies.
        PaymentReceipts.begin();
        try {
            replies.addAll(transactions.inTransaction(() -> converse.handle(input)));
            asked = QuestionsAsked.end();
            PaymentReceipts.end().forEach(receipt -> replies.add(receipt.message()));
        } catch (RuntimeException e) {
            LOG.error("Input in chat {} failed; answering with an apology", input.sender().chatId(), e);
            return converse.apologize(input);
        } finally {
            QuestionsAsked.end();
            PaymentReceipts.end();
        }
        for (QuestionsAsked.Asked question : asked) {
            try {
                replies.addAll(answerQuestion.apply(question.questionId()));
            } catch (RuntimeException e) {
                // The question stays open: the next run of the bot answers it.
                LOG.error("Answering question {} failed; answering with an apology", question.questionId(), e);
                replies.addAll(converse.apologize(input));
            }
        }
        return List.copyOf(replies);
    }
}
