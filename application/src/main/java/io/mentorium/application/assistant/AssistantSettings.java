package io.mentorium.application.assistant;

import io.mentorium.application.config.Environment;
import java.time.Duration;
import java.util.Objects;

/**
 * How the assistant paces itself.
 *
 * @param questionsPerHour the per-parent limit (a friendly answer beyond it)
 * @param historyMessages  earlier messages offered to the model; the model adapter trims them further to the budget
 * @param maxAttempts      tries at one question (a crash or an error each count) before an apology closes it
 * @param maxInFlight      questions being answered at once; more wait in memory, up to {@code maxQueued}
 * @param maxQueued        questions waiting in memory; beyond it they wait in the database for the sweep
 * @param draftInterval    the shortest gap between two previews of a growing answer in one chat
 * @param sweepInterval    how often open questions nobody is answering are looked for (after a crash, an overflow)
 * @param databasePermits  database work of answers at once (reads, tools, the final transaction): the assistant's
 *                         share of the connections, so that answers never starve the chat workers
 */
public record AssistantSettings(int questionsPerHour, int historyMessages, int maxAttempts, int maxInFlight,
                                int maxQueued, Duration draftInterval, Duration sweepInterval, int databasePermits) {

    public static final AssistantSettings DEFAULTS = new AssistantSettings(30, 10, 3, 2_000, 10_000,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 3);

    /** With the default share of the database. */
    public AssistantSettings(int questionsPerHour, int historyMessages, int maxAttempts, int maxInFlight,
                             int maxQueued, Duration draftInterval, Duration sweepInterval) {
        this(questionsPerHour, historyMessages, maxAttempts, maxInFlight, maxQueued, draftInterval, sweepInterval,
                DEFAULTS.databasePermits());
    }

    /** The same limits with {@code permits} connections' worth of database work at once. */
    public AssistantSettings withDatabasePermits(int permits) {
        return new AssistantSettings(questionsPerHour, historyMessages, maxAttempts, maxInFlight, maxQueued,
                draftInterval, sweepInterval, permits);
    }

    /**
     * From {@code AI_QUESTIONS_PER_HOUR} (1–1,000, default 30) and {@code AI_MAX_CONCURRENT_ANSWERS} (1–100,000, default
     * 2,000: a streamed answer waits on the model, not the CPU, so thousands fit on two cores).
     */
    public static AssistantSettings from(Environment env) {
        int perHour = env.integer("AI_QUESTIONS_PER_HOUR", DEFAULTS.questionsPerHour(), 1, 1_000);
        int inFlight = env.integer("AI_MAX_CONCURRENT_ANSWERS", DEFAULTS.maxInFlight(), 1, 100_000);
        return new AssistantSettings(perHour, DEFAULTS.historyMessages(), DEFAULTS.maxAttempts(), inFlight,
                Math.max(DEFAULTS.maxQueued(), inFlight), DEFAULTS.draftInterval(), DEFAULTS.sweepInterval());
    }

    public AssistantSettings {
        if (questionsPerHour < 1 || historyMessages < 0 || maxAttempts < 1 || maxInFlight < 1 || maxQueued < 1
                || databasePermits < 1) {
            throw new IllegalArgumentException("assistant limits must be positive");
        }
        Objects.requireNonNull(draftInterval, "draftInterval");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
    }
}
