package io.mentorium.domain.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogHistoryTest {

    private static final TelegramUserId PARENT = new TelegramUserId(42);
    private static final Instant START = Instant.parse("2026-03-04T10:00:00Z");

    /** Messages oldest first, one minute apart, with the given token counts; content names the position. */
    private static List<DialogMessage> messages(int... tokens) {
        List<DialogMessage> messages = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            DialogRole role = i % 2 == 0 ? DialogRole.USER : DialogRole.ASSISTANT;
            messages.add(new DialogMessage(PARENT, role, "m" + i, tokens[i], START.plusSeconds(60L * i)));
        }
        return messages;
    }

    private static List<String> contents(List<DialogMessage> messages) {
        return messages.stream().map(DialogMessage::content).toList();
    }

    @Test
    void keepsTheNewestMessagesThatFitOldestFirst() {
        assertThat(contents(DialogHistory.fitting(messages(5, 10, 3, 4), 7))).containsExactly("m2", "m3");
    }

    @Test
    void messageThatExactlyFillsTheBudgetIsKept() {
        assertThat(contents(DialogHistory.fitting(messages(5, 3, 4), 12))).containsExactly("m0", "m1", "m2");
    }

    @Test
    void stopsAtTheFirstMessageThatDoesNotFitSoTheTailStaysContiguous() {
        // m2 (100) does not fit: m1 (2) would, but keeping it would leave a hole in the conversation.
        assertThat(contents(DialogHistory.fitting(messages(50, 2, 100, 3), 10))).containsExactly("m3");
    }

    @Test
    void newestMessageTooBigForTheBudgetLeavesNothing() {
        assertThat(DialogHistory.fitting(messages(1, 1, 20), 10)).isEmpty();
    }

    @Test
    void everythingFitsInALargeBudget() {
        List<DialogMessage> all = messages(5, 10, 3, 4);

        assertThat(DialogHistory.fitting(all, 1_000)).isEqualTo(all);
    }

    @Test
    void emptyHistoryAndZeroBudgetGiveNothing() {
        assertThat(DialogHistory.fitting(List.of(), 100)).isEmpty();
        assertThat(DialogHistory.fitting(messages(1, 2), 0)).isEmpty();
    }

    @Test
    void doesNotChangeTheGivenList() {
        List<DialogMessage> all = messages(5, 10, 3, 4);
        List<DialogMessage> copy = List.copyOf(all);

        DialogHistory.fitting(all, 7);

        assertThat(all).isEqualTo(copy);
    }

    @Test
    void messageValidatesTokenCountAndLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DialogMessage(PARENT, DialogRole.USER, "hi", -1, START));
        assertThatIllegalArgumentException().isThrownBy(() -> new DialogMessage(PARENT, DialogRole.TOOL,
                "x".repeat(DialogMessage.MAX_CONTENT_LENGTH + 1), 1, START));
        assertThat(new DialogMessage(PARENT, DialogRole.TOOL, "x".repeat(DialogMessage.MAX_CONTENT_LENGTH), 1, START)
                .content()).hasSize(DialogMessage.MAX_CONTENT_LENGTH);
    }
}
