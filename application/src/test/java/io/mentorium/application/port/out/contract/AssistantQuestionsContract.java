package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.at;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.AssistantQuestions.Closing;
import io.mentorium.application.port.out.AssistantQuestions.NewQuestion;
import io.mentorium.application.port.out.AssistantQuestions.OpenQuestion;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AssistantQuestions} must do, together with the {@link TransactionRunner} of the same store: a
 * question added or closed inside a transaction that rolls back is not added or not closed.
 */
public abstract class AssistantQuestionsContract {

    private static final TelegramUserId PARENT = parentId(901);
    private static final TelegramUserId OTHER = parentId(902);

    /** The questions and the transaction runner of one empty store. */
    public record Store(AssistantQuestions questions, TransactionRunner transactions) {
    }

    protected AssistantQuestions questions;
    protected TransactionRunner transactions;

    protected abstract Store emptyStore();

    @BeforeEach
    final void startEmpty() {
        Store store = emptyStore();
        questions = store.questions();
        transactions = store.transactions();
    }

    protected static NewQuestion asked(TelegramUserId parent, String text, Instant at) {
        return new NewQuestion(parent, new ChatId(parent.value()), text, OptionalLong.of(parent.value() * 1000), at);
    }

    private long ask(TelegramUserId parent, Instant at) {
        return questions.add(asked(parent, "How is Aziza doing in maths?", at));
    }

    private List<Long> askTwenty() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(ask(PARENT, minutes(i)));
        }
        return ids;
    }

    @Test
    void a_question_is_found_open_with_every_field_and_no_attempts() {
        NewQuestion question = new NewQuestion(PARENT, new ChatId(-100_123), "Как дела у Азизы по математике? ✓",
                OptionalLong.of(77), minutes(3));

        long id = questions.add(question);

        assertThat(questions.find(id)).contains(new OpenQuestion(id, PARENT, new ChatId(-100_123),
                "Как дела у Азизы по математике? ✓", 0, minutes(3)));
    }

    @Test
    void a_question_without_an_update_is_stored_too() {
        long id = questions.add(new NewQuestion(PARENT, new ChatId(901), "asked by a timer", OptionalLong.empty(),
                minutes(1)));

        assertThat(questions.find(id)).hasValueSatisfying(q -> assertThat(q.text()).isEqualTo("asked by a timer"));
    }

    @Test
    void ids_grow_in_the_order_questions_come() {
        long first = ask(PARENT, minutes(5));
        long second = ask(OTHER, minutes(1));
        long third = ask(PARENT, minutes(3));

        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void an_unknown_question_is_not_found() {
        assertThat(questions.find(424_242)).isEmpty();
    }

    @Test
    void a_text_of_a_whole_telegram_message_round_trips_and_a_longer_one_is_refused() {
        String longest = "ж".repeat(4096);
        long id = questions.add(asked(PARENT, longest, minutes(1)));

        assertThat(questions.find(id)).hasValueSatisfying(q -> assertThat(q.text()).isEqualTo(longest));
        assertThatThrownBy(() -> questions.add(asked(PARENT, longest + "ж", minutes(2))))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).category())
                        .isEqualTo(StorageException.Category.PERMANENT));
    }

    @Test
    void open_pages_through_open_questions_oldest_first_by_id() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(ask(i % 2 == 0 ? PARENT : OTHER, minutes(10 - i)));
        }
        questions.close(ids.get(1), Closing.ANSWERED, minutes(20));
        questions.close(ids.get(4), Closing.APOLOGIZED, minutes(20));

        List<OpenQuestion> firstPage = questions.open(0, 2);
        List<OpenQuestion> secondPage = questions.open(firstPage.getLast().id(), 2);
        List<OpenQuestion> lastPage = questions.open(secondPage.getLast().id(), 2);

        assertThat(firstPage).extracting(OpenQuestion::id).containsExactly(ids.get(0), ids.get(2));
        assertThat(secondPage).extracting(OpenQuestion::id).containsExactly(ids.get(3), ids.get(5));
        assertThat(lastPage).isEmpty();
        assertThat(questions.open(0, 100)).first().isEqualTo(questions.find(ids.get(0)).orElseThrow());
        assertThat(questions.open(0, 0)).isEmpty();
    }

    @Test
    void every_attempt_is_counted_and_returns_the_open_question_with_them() {
        long id = ask(PARENT, minutes(1));

        assertThat(questions.startAttempt(id, minutes(2))).map(OpenQuestion::attempts).contains(1);
        Optional<OpenQuestion> second = questions.startAttempt(id, minutes(3));

        assertThat(second).map(OpenQuestion::attempts).contains(2);
        assertThat(second).isEqualTo(questions.find(id));
        assertThat(questions.open(0, 10)).singleElement().extracting(OpenQuestion::attempts).isEqualTo(2);
    }

    @Test
    void an_attempt_at_an_unknown_or_closed_question_finds_nothing_and_counts_nothing() {
        long id = ask(PARENT, minutes(1));
        questions.close(id, Closing.ANSWERED, minutes(2));

        assertThat(questions.startAttempt(424_242, minutes(3))).isEmpty();
        assertThat(questions.startAttempt(id, minutes(3))).isEmpty();
        assertThat(questions.open(0, 10)).isEmpty();
    }

    @Test
    void close_is_true_the_first_time_only_and_a_closed_question_is_neither_found_nor_open() {
        long id = ask(PARENT, minutes(1));
        long other = ask(PARENT, minutes(2));

        assertThat(questions.close(id, Closing.ANSWERED, minutes(3))).isTrue();
        assertThat(questions.close(id, Closing.ANSWERED, minutes(4))).isFalse();
        assertThat(questions.close(id, Closing.APOLOGIZED, minutes(5))).isFalse();

        assertThat(questions.find(id)).isEmpty();
        assertThat(questions.open(0, 10)).extracting(OpenQuestion::id).containsExactly(other);
    }

    @Test
    void closing_an_unknown_question_changes_nothing() {
        assertThat(questions.close(424_242, Closing.APOLOGIZED, minutes(1))).isFalse();
    }

    @Test
    void of_two_attempts_closing_the_same_question_at_once_exactly_one_wins() throws Exception {
        List<Long> ids = askTwenty();
        try (ExecutorService racers = Executors.newFixedThreadPool(2)) {
            for (long id : ids) {
                // Both start together; each closes first in the transaction that would queue the answer.
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> closes = new ArrayList<>();
                for (Closing how : Closing.values()) {
                    closes.add(racers.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return transactions.inTransaction(() -> questions.close(id, how, minutes(30)));
                    }));
                }
                long winners = 0;
                for (Future<Boolean> close : closes) {
                    winners += close.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("closes of question %d that returned true", id).isEqualTo(1);
            }
        }
        assertThat(questions.open(0, 100)).isEmpty();
    }

    @Test
    void closing_several_at_once_closes_the_open_ones_only_and_says_which() {
        long first = ask(PARENT, minutes(1));
        long second = ask(OTHER, minutes(2));
        long third = ask(PARENT, minutes(3));
        long open = ask(OTHER, minutes(4));
        questions.close(second, Closing.APOLOGIZED, minutes(5));

        assertThat(questions.closeAll(List.of(third, second, first, 424_242L, first), Closing.ANSWERED, minutes(6)))
                .containsExactlyInAnyOrder(first, third);
        assertThat(questions.closeAll(List.of(first, third), Closing.APOLOGIZED, minutes(7))).isEmpty();
        assertThat(questions.closeAll(List.of(), Closing.ANSWERED, minutes(7))).isEmpty();

        assertThat(questions.open(0, 10)).extracting(OpenQuestion::id).containsExactly(open);
        assertThat(questions.close(first, Closing.APOLOGIZED, minutes(8))).isFalse();
    }

    @Test
    void of_a_batch_close_and_a_single_close_racing_for_a_question_exactly_one_wins() throws Exception {
        List<Long> ids = askTwenty();
        try (ExecutorService racers = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < ids.size(); i += 2) {
                List<Long> pair = ids.subList(i, i + 2);
                long contested = pair.get(1);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Set<Long>> batch = racers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return transactions.inTransaction(() -> questions.closeAll(pair, Closing.ANSWERED, minutes(30)));
                });
                Future<Boolean> single = racers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return transactions.inTransaction(() -> questions.close(contested, Closing.APOLOGIZED,
                            minutes(30)));
                });
                Set<Long> closed = batch.get(30, TimeUnit.SECONDS);
                assertThat(closed).contains(pair.get(0));
                assertThat(closed.contains(contested)).as("question %d closed by both", contested)
                        .isNotEqualTo(single.get(30, TimeUnit.SECONDS));
            }
        }
        assertThat(questions.open(0, 100)).isEmpty();
    }

    @Test
    void a_question_added_in_a_transaction_that_rolls_back_is_not_there() {
        long[] id = new long[1];
        IllegalStateException failure = new IllegalStateException("the update failed later");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            id[0] = ask(PARENT, minutes(1));
            throw failure;
        })).isSameAs(failure);

        assertThat(questions.find(id[0])).isEmpty();
        assertThat(questions.open(0, 10)).isEmpty();
        assertThat(questions.countAskedSince(PARENT, Instant.EPOCH)).isZero();
    }

    @Test
    void a_close_that_rolls_back_leaves_the_question_open_to_be_closed_again() {
        long id = ask(PARENT, minutes(1));

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            assertThat(questions.close(id, Closing.ANSWERED, minutes(2))).isTrue();
            throw new IllegalStateException("queueing the answer failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(questions.find(id)).isPresent();
        assertThat(questions.close(id, Closing.APOLOGIZED, minutes(3))).isTrue();
    }

    @Test
    void count_asked_since_counts_one_parents_questions_from_the_instant_on_open_or_closed() {
        long earliest = ask(PARENT, minutes(0));
        long closed = ask(PARENT, minutes(10));
        ask(PARENT, minutes(20));
        ask(OTHER, minutes(10));
        questions.close(closed, Closing.ANSWERED, minutes(11));
        questions.close(earliest, Closing.APOLOGIZED, minutes(12));

        assertThat(questions.countAskedSince(PARENT, minutes(0))).isEqualTo(3);
        assertThat(questions.countAskedSince(PARENT, minutes(10))).as("the window includes its start").isEqualTo(2);
        assertThat(questions.countAskedSince(PARENT, at(Duration.ofMinutes(10).plusNanos(1_000)))).isEqualTo(1);
        assertThat(questions.countAskedSince(PARENT, minutes(21))).isZero();
        assertThat(questions.countAskedSince(OTHER, minutes(0))).isEqualTo(1);
        assertThat(questions.countAskedSince(parentId(903), minutes(0))).isZero();
    }

    @Test
    void purge_deletes_closed_questions_asked_before_the_instant_and_never_an_open_one() {
        long oldClosed = ask(PARENT, minutes(0));
        long oldOpen = ask(PARENT, minutes(0));
        long boundaryClosed = ask(OTHER, minutes(10));
        long recentClosed = ask(PARENT, minutes(20));
        questions.close(oldClosed, Closing.ANSWERED, minutes(1));
        questions.close(boundaryClosed, Closing.APOLOGIZED, minutes(11));
        questions.close(recentClosed, Closing.ANSWERED, minutes(21));

        assertThat(questions.purgeClosedBefore(minutes(10))).isEqualTo(1);

        assertThat(questions.countAskedSince(PARENT, Instant.EPOCH)).as("the open one and the recent one").isEqualTo(2);
        assertThat(questions.countAskedSince(OTHER, Instant.EPOCH)).as("asked at the instant: kept").isEqualTo(1);
        assertThat(questions.purgeClosedBefore(minutes(10))).isZero();

        assertThat(questions.purgeClosedBefore(minutes(60))).isEqualTo(2);
        assertThat(questions.open(0, 10)).extracting(OpenQuestion::id).containsExactly(oldOpen);
        assertThat(questions.countAskedSince(PARENT, Instant.EPOCH)).isEqualTo(1);
    }
}
