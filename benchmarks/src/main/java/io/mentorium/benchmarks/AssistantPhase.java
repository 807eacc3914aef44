package io.mentorium.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one phase of {@link AssistantBenchmark} measured: the baseline (menus alone, {@code questions == 0}) or a wave
 * of questions sent at once.
 *
 * @param questions         questions sent at once (0 for the baseline)
 * @param answers           askers who had their final message
 * @param grounded          of which the stand-in model's answer from a tool result
 * @param otherSamples      the first few other final messages (fallbacks, apologies), clipped
 * @param completed         whether every question had its answer within the timeout
 * @param answerLatency     question handed out by getUpdates → final answer at the stand-in
 * @param maxOpenStreams    the most model streams open at the stand-in at once (sampled every 5 ms)
 * @param maxOverlap        the most answers in flight at once seen from Telegram's side (question out → answer in)
 * @param modelRequests     requests the model stand-in received
 * @param drafts            drafts, the worst chat's pace
 * @param draftsPerChatSecond drafts per chat per second of answering, all answered chats together
 * @param chatsWithDrafts   chats shown at least one draft
 * @param edits             preview edits (only where drafts are refused)
 * @param menuLatency       menu updates handed out → reply, during the phase
 * @param wallSeconds       the phase, from the menus starting to the last reply
 * @param answerSeconds     from the questions sent to the last answer
 * @param botCpuSeconds     the bot process's CPU time over the phase
 * @param gc                the bot's collections during the phase
 * @param peakRssBytes      the bot's largest resident set during the phase (sampled every 100 ms)
 * @param vmHwmBytes        the bot's peak resident set so far (VmHWM, since it started)
 * @param questionsByOutcome {@code mentorium_assistant_questions_total} added during the phase, by outcome
 * @param requestsByOutcome {@code ai_requests_total} added during the phase, by outcome
 * @param log               the bot's warnings and errors during the phase
 * @param loadAverage       the machine's 1-minute load average when the phase began
 * @param warmup            a warm-up wave: reported, not held against the aims
 * @param compilerShare     the bot's JIT compiler threads' share of its CPU over the phase
 * @param harnessCpuSeconds this JVM's CPU time over the phase (both stand-ins and the load)
 * @param postgresCpuSeconds PostgreSQL's CPU time over the phase (all its processes)
 * @param harnessGc         this JVM's collections over the phase
 */
record AssistantPhase(String name, int questions, int answers, int grounded, List<String> otherSamples,
                      boolean completed, Optional<LatencySummary> answerLatency, int maxOpenStreams, int maxOverlap,
                      int modelRequests, DraftPace drafts, double draftsPerChatSecond, int chatsWithDrafts, int edits,
                      Optional<LatencySummary> menuLatency, double wallSeconds, double answerSeconds,
                      double botCpuSeconds, GcLog gc, long peakRssBytes, long vmHwmBytes,
                      Map<String, Long> questionsByOutcome, Map<String, Long> requestsByOutcome, LogTally log,
                      double loadAverage, boolean warmup, double compilerShare, double harnessCpuSeconds,
                      double postgresCpuSeconds, HarnessGc harnessGc) {

    boolean isWave() {
        return questions > 0;
    }

    /** A wave held against the aims. */
    boolean isMeasuredWave() {
        return isWave() && !warmup;
    }

    /** Every question answered, and by the model from a tool result: nothing fell back or apologised. */
    boolean allGrounded() {
        return completed && grounded == questions;
    }

    /** The bot's CPU as a share of the machine's cores over the phase. */
    double cpuShare(int cores) {
        return wallSeconds <= 0 ? 0 : botCpuSeconds / wallSeconds / cores;
    }
}
