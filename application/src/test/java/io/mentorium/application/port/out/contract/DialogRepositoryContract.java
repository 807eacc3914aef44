package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DialogRepository} must do. */
public abstract class DialogRepositoryContract {

    private static final TelegramUserId PARENT = parentId(801);
    private static final TelegramUserId OTHER = parentId(802);

    protected DialogRepository dialogs;

    protected abstract DialogRepository emptyRepository();

    @BeforeEach
    final void startEmpty() {
        dialogs = emptyRepository();
    }

    @Test
    void a_parent_without_messages_has_an_empty_history() {
        assertThat(dialogs.recent(PARENT, 10)).isEmpty();
    }

    @Test
    void recent_returns_the_last_messages_oldest_first_with_every_field() {
        List<DialogMessage> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DialogMessage message = new DialogMessage(PARENT, i % 2 == 0 ? DialogRole.USER : DialogRole.ASSISTANT,
                    "Сообщение " + i + " — Aziza's week ✓", 10 + i, minutes(i));
            written.add(message);
            dialogs.append(message);
        }

        assertThat(dialogs.recent(PARENT, 3)).containsExactlyElementsOf(written.subList(2, 5));
        assertThat(dialogs.recent(PARENT, 100)).containsExactlyElementsOf(written);
    }

    @Test
    void messages_with_equal_times_keep_the_order_they_were_appended() {
        DialogMessage question = new DialogMessage(PARENT, DialogRole.USER, "How is she doing?", 5, minutes(1));
        DialogMessage tool = new DialogMessage(PARENT, DialogRole.TOOL, "{\"lessons\":3}", 4, minutes(1));
        DialogMessage answer = new DialogMessage(PARENT, DialogRole.ASSISTANT, "Fine.", 2, minutes(1));
        dialogs.append(question);
        dialogs.append(tool);
        dialogs.append(answer);

        assertThat(dialogs.recent(PARENT, 2)).containsExactly(tool, answer);
    }

    @Test
    void exchanges_appended_together_keep_their_order_and_every_field() {
        // Microseconds are what a stored instant keeps.
        java.time.Instant asked = minutes(2).plusNanos(123_456_000);
        DialogMessage firstQuestion = new DialogMessage(PARENT, DialogRole.USER, "Как дела у Азизы?", 7, asked);
        DialogMessage firstAnswer = new DialogMessage(PARENT, DialogRole.ASSISTANT, "Хорошо: 5 уроков.", 9,
                minutes(3));
        DialogMessage otherQuestion = new DialogMessage(OTHER, DialogRole.USER, "?", 1, minutes(3));
        DialogMessage otherAnswer = new DialogMessage(OTHER, DialogRole.ASSISTANT, "!", 1, minutes(3));
        DialogMessage secondQuestion = new DialogMessage(PARENT, DialogRole.USER, "And now?", 3, minutes(3));
        DialogMessage secondAnswer = new DialogMessage(PARENT, DialogRole.ASSISTANT, "Still well.", 4, minutes(3));
        dialogs.append(new DialogMessage(PARENT, DialogRole.USER, "hello", 1, minutes(1)));

        dialogs.appendExchanges(List.of(
                new DialogRepository.Exchange(firstQuestion, firstAnswer, new TokenUsage(100, 101, 9, 9)),
                new DialogRepository.Exchange(otherQuestion, otherAnswer, TokenUsage.NONE),
                new DialogRepository.Exchange(secondQuestion, secondAnswer, new TokenUsage(120, 0, 4, 0))));
        dialogs.appendExchanges(List.of());

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(
                new DialogMessage(PARENT, DialogRole.USER, "hello", 1, minutes(1)),
                firstQuestion, firstAnswer, secondQuestion, secondAnswer);
        assertThat(dialogs.recent(OTHER, 10)).containsExactly(otherQuestion, otherAnswer);
    }

    @Test
    void a_long_message_round_trips() {
        DialogMessage longest = new DialogMessage(PARENT, DialogRole.ASSISTANT, "ж".repeat(DialogMessage.MAX_CONTENT_LENGTH),
                4_000, minutes(2));

        dialogs.append(longest);

        assertThat(dialogs.recent(PARENT, 1)).containsExactly(longest);
    }

    @Test
    void histories_of_different_parents_are_separate() {
        DialogMessage mine = new DialogMessage(PARENT, DialogRole.USER, "mine", 1, minutes(1));
        DialogMessage theirs = new DialogMessage(OTHER, DialogRole.USER, "theirs", 1, minutes(2));
        dialogs.append(mine);
        dialogs.append(theirs);

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(mine);
        assertThat(dialogs.recent(OTHER, 10)).containsExactly(theirs);
    }

    @Test
    void clear_forgets_only_that_parent_and_answers_how_many_messages_went() {
        dialogs.append(new DialogMessage(PARENT, DialogRole.USER, "a", 1, minutes(1)));
        dialogs.append(new DialogMessage(PARENT, DialogRole.ASSISTANT, "b", 1, minutes(2)));
        DialogMessage theirs = new DialogMessage(OTHER, DialogRole.USER, "c", 1, minutes(3));
        dialogs.append(theirs);

        assertThat(dialogs.clear(PARENT)).isEqualTo(2);

        assertThat(dialogs.recent(PARENT, 10)).isEmpty();
        assertThat(dialogs.recent(OTHER, 10)).containsExactly(theirs);
        assertThat(dialogs.clear(PARENT)).isZero();
    }

    @Test
    void a_conversation_continues_after_clearing() {
        dialogs.append(new DialogMessage(PARENT, DialogRole.USER, "old", 1, minutes(1)));
        dialogs.clear(PARENT);
        DialogMessage fresh = new DialogMessage(PARENT, DialogRole.USER, "new", 1, minutes(2));

        dialogs.append(fresh);

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(fresh);
    }

    @Test
    void an_exchange_appends_the_question_then_the_answer() {
        DialogMessage earlier = new DialogMessage(PARENT, DialogRole.USER, "Hello", 1, minutes(1));
        DialogMessage question = new DialogMessage(PARENT, DialogRole.USER, "Как дела у Азизы?", 6, minutes(2));
        DialogMessage answer = new DialogMessage(PARENT, DialogRole.ASSISTANT, "Она молодец ✓", 5, minutes(2));
        dialogs.append(earlier);

        dialogs.appendExchange(question, answer, new TokenUsage(120, 118, 5, 6));

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(earlier, question, answer);
        assertThat(dialogs.recent(PARENT, 1)).containsExactly(answer);
    }

    @Test
    void exchanges_follow_one_another_and_an_answer_that_cost_nothing_is_stored_too() {
        DialogMessage q1 = new DialogMessage(PARENT, DialogRole.USER, "first?", 1, minutes(1));
        DialogMessage a1 = new DialogMessage(PARENT, DialogRole.ASSISTANT, "first.", 1, minutes(1));
        DialogMessage q2 = new DialogMessage(PARENT, DialogRole.USER, "second?", 1, minutes(1));
        DialogMessage a2 = new DialogMessage(PARENT, DialogRole.ASSISTANT, "second.", 1, minutes(1));

        dialogs.appendExchange(q1, a1, TokenUsage.NONE);
        dialogs.appendExchange(q2, a2, new TokenUsage(1, 0, 1, 0));

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(q1, a1, q2, a2);
        assertThat(dialogs.recent(OTHER, 10)).isEmpty();
    }

    @Test
    void purge_deletes_every_parents_messages_older_than_the_instant_and_answers_how_many() {
        dialogs.append(new DialogMessage(PARENT, DialogRole.USER, "old", 1, minutes(1)));
        dialogs.append(new DialogMessage(OTHER, DialogRole.USER, "old too", 1, minutes(2)));
        DialogMessage boundary = new DialogMessage(PARENT, DialogRole.ASSISTANT, "at the instant", 1, minutes(3));
        DialogMessage recent = new DialogMessage(OTHER, DialogRole.ASSISTANT, "recent", 1, minutes(4));
        dialogs.append(boundary);
        dialogs.append(recent);

        assertThat(dialogs.purgeBefore(minutes(3))).isEqualTo(2);

        assertThat(dialogs.recent(PARENT, 10)).containsExactly(boundary);
        assertThat(dialogs.recent(OTHER, 10)).containsExactly(recent);
        assertThat(dialogs.purgeBefore(minutes(3))).isZero();
    }
}
