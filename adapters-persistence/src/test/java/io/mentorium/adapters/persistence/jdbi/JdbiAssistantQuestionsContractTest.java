package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.AssistantQuestions.Closing;
import io.mentorium.application.port.out.contract.AssistantQuestionsContract;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiAssistantQuestionsContractTest extends AssistantQuestionsContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Store emptyStore() {
        db.truncate();
        return new Store(new JdbiAssistantQuestions(db.jdbi()), new JdbiTransactionRunner(db.jdbi()));
    }

    @Test
    void the_row_keeps_the_update_the_last_attempt_and_how_the_question_was_closed() {
        long id = questions.add(asked(parentId(7), "How is she doing?", minutes(1)));
        questions.startAttempt(id, minutes(2));
        questions.close(id, Closing.APOLOGIZED, minutes(3));

        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT update_id, attempts, last_attempt_at = :attempt AS attempt_kept,
                       closed_at = :closed AS closed_kept, closing
                  FROM bot.assistant_questions WHERE id = :id
                """).bind("id", id).bind("attempt", minutes(2)).bind("closed", minutes(3)).mapToMap().one());

        assertThat(row).containsEntry("update_id", 7000L).containsEntry("attempts", 1)
                .containsEntry("attempt_kept", true).containsEntry("closed_kept", true)
                .containsEntry("closing", "APOLOGIZED");
    }

    @Test
    void counting_an_attempt_lets_its_transaction_commit_without_waiting_for_the_disk() {
        long id = questions.add(asked(parentId(8), "How is he doing?", minutes(1)));
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());

        String during = transactions.inTransaction(() -> {
            // The test cluster commits asynchronously anyway: start this transaction as a durable server would.
            db.jdbi().useHandle(h -> h.execute("SET LOCAL synchronous_commit TO ON"));
            questions.startAttempt(id, minutes(2));
            return db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
        });

        assertThat(during).isEqualTo("off");
        assertThat(questions.find(id)).map(q -> q.attempts()).contains(1);
    }

    @Test
    void a_backlog_larger_than_one_chunk_is_purged_completely_in_several_statements() {
        JdbiAssistantQuestions chunked = new JdbiAssistantQuestions(db.jdbi(), 2);
        IntStream.rangeClosed(1, 5).forEach(i -> chunked.close(chunked.add(asked(parentId(i), "?", minutes(i))),
                Closing.ANSWERED, minutes(i)));
        long open = chunked.add(asked(parentId(6), "?", minutes(0)));

        assertThat(chunked.purgeClosedBefore(minutes(30))).isEqualTo(5);

        assertThat(chunked.find(open)).isPresent();
        assertThat(chunked.purgeClosedBefore(minutes(30))).isZero();
    }
}
