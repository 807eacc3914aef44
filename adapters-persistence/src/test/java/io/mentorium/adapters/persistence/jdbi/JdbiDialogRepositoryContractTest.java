package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.contract.DialogRepositoryContract;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiDialogRepositoryContractTest extends DialogRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected DialogRepository emptyRepository() {
        db.truncate();
        return new JdbiDialogRepository(db.jdbi());
    }

    @Test
    void the_answer_of_an_exchange_carries_its_usage_and_no_other_row_has_one() {
        dialogs.append(new DialogMessage(parentId(1), DialogRole.USER, "hello", 1, minutes(0)));
        dialogs.appendExchange(new DialogMessage(parentId(1), DialogRole.USER, "?", 1, minutes(1)),
                new DialogMessage(parentId(1), DialogRole.ASSISTANT, "!", 1, minutes(1)),
                new TokenUsage(120, 118, 5, 6));

        List<String> usages = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT role || ' ' || coalesce(prompt_tokens_counted || '/' || prompt_tokens_reported || ' '
                       || completion_tokens_counted || '/' || completion_tokens_reported, 'none')
                  FROM bot.dialog_messages ORDER BY id
                """).mapTo(String.class).list());

        assertThat(usages).containsExactly("USER none", "USER none", "ASSISTANT 120/118 5/6");
    }

    @Test
    void of_exchanges_appended_together_each_answer_carries_its_own_usage_and_no_question_has_one() {
        dialogs.appendExchanges(List.of(
                new DialogRepository.Exchange(new DialogMessage(parentId(1), DialogRole.USER, "?", 1, minutes(1)),
                        new DialogMessage(parentId(1), DialogRole.ASSISTANT, "!", 1, minutes(1)),
                        new TokenUsage(120, 118, 5, 6)),
                new DialogRepository.Exchange(new DialogMessage(parentId(2), DialogRole.USER, "?", 1, minutes(1)),
                        new DialogMessage(parentId(2), DialogRole.ASSISTANT, "!", 1, minutes(1)),
                        TokenUsage.NONE)));

        List<String> usages = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT parent_id || ' ' || role || ' ' || coalesce(prompt_tokens_counted || '/'
                       || prompt_tokens_reported || ' ' || completion_tokens_counted || '/'
                       || completion_tokens_reported, 'none')
                  FROM bot.dialog_messages ORDER BY id
                """).mapTo(String.class).list());

        assertThat(usages).containsExactly("1 USER none", "1 ASSISTANT 120/118 5/6", "2 USER none",
                "2 ASSISTANT 0/0 0/0");
    }

    @Test
    void an_exchange_rolls_back_with_the_callers_transaction() {
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        IllegalStateException failure = new IllegalStateException("closing the question failed");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            dialogs.appendExchange(new DialogMessage(parentId(1), DialogRole.USER, "?", 1, minutes(1)),
                    new DialogMessage(parentId(1), DialogRole.ASSISTANT, "!", 1, minutes(1)), TokenUsage.NONE);
            throw failure;
        })).isSameAs(failure);

        assertThat(dialogs.recent(parentId(1), 10)).isEmpty();
    }

    @Test
    void a_backlog_larger_than_one_chunk_is_purged_completely_in_several_statements() {
        JdbiDialogRepository chunked = new JdbiDialogRepository(db.jdbi(), 2);
        IntStream.rangeClosed(1, 5).forEach(i ->
                chunked.append(new DialogMessage(parentId(i), DialogRole.USER, "old", 1, minutes(i))));
        DialogMessage kept = new DialogMessage(parentId(6), DialogRole.USER, "new", 1, minutes(60));
        chunked.append(kept);

        assertThat(chunked.purgeBefore(minutes(30))).isEqualTo(5);

        assertThat(chunked.recent(parentId(6), 10)).containsExactly(kept);
        assertThat(chunked.purgeBefore(minutes(30))).isZero();
    }
}
