package io.mentorium.application.port.in;

import java.util.List;
import java.util.Objects;

/**
 * Deletes what the bot no longer needs and should not keep: handled updates (what parents typed), sent messages,
 * expired conversation states, the e-mail keys of link attempts no lockout counts any more, old messages of the
 * conversation with the assistant, closed questions to it, old business events, and old sent reports and notification
 * marks. Run by the scheduler's {@code retention} job, and by the bot on a timer that
 * stands down while a scheduler does ({@link io.mentorium.application.service.RetentionHandover}).
 */
public interface PurgeRetainedData {

    /** Purges each kind independently: one failing leaves the others to run. Never throws for a storage failure. */
    Purged purge();

    /**
     * How many of each went (a part that failed counts 0 and is named in {@code failed}).
     *
     * @param failed the parts that failed, by name ({@code inbox}, {@code outbox}, {@code conversations},
     *               {@code link-attempts}, {@code dialog}, {@code assistant-questions}, {@code events},
     *               {@code report-history}, {@code notification-history})
     */
    record Purged(int inboxUpdates, int outboxMessages, int conversations, int emailKeys, int dialogMessages,
                  int assistantQuestions, int events, int history, List<String> failed) {

        public Purged {
            failed = List.copyOf(Objects.requireNonNull(failed, "failed"));
        }

        /** Nothing of the report and notification history purged. */
        public Purged(int inboxUpdates, int outboxMessages, int conversations, int emailKeys, int dialogMessages,
                      int assistantQuestions, int events, List<String> failed) {
            this(inboxUpdates, outboxMessages, conversations, emailKeys, dialogMessages, assistantQuestions, events, 0,
                    failed);
        }

        public boolean complete() {
            return failed.isEmpty();
        }
    }
}
