package io.mentorium.application.assistant;

import io.mentorium.domain.shared.TelegramUserId;
import java.util.ArrayList;
import java.util.List;

/**
 * The questions recorded by the transaction running on this thread, so that whoever ran the transaction can hand them
 * to the {@link AssistantDesk} once it has committed — not before: the desk must never see a question that may still
 * roll back. A question that is never handed over (no collector open, a crash right after the commit) is not lost: the
 * desk's sweep finds every open question in the database.
 */
public final class QuestionsAsked {

    private static final ThreadLocal<List<Asked>> CURRENT = new ThreadLocal<>();

    /** A question just recorded, and whose it is (the desk answers one question of a parent at a time). */
    public record Asked(long questionId, TelegramUserId parentId) {
    }

    private QuestionsAsked() {
    }

    /** Starts collecting on this thread, forgetting what an earlier (rolled back) attempt collected. */
    public static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    /** Stops collecting and answers what was collected since {@link #begin()}. */
    public static List<Asked> end() {
        List<Asked> asked = CURRENT.get();
        CURRENT.remove();
        return asked == null ? List.of() : List.copyOf(asked);
    }

    static void record(long questionId, TelegramUserId parentId) {
        List<Asked> asked = CURRENT.get();
        if (asked != null) {
            asked.add(new Asked(questionId, parentId));
        }
    }
}
