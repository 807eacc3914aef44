package io.mentorium.application.port.out;

import java.time.Duration;

/** What the assistant counts for operators. Implementations must be cheap and thread-safe. */
public interface AssistantMetrics {

    AssistantMetrics NONE = new AssistantMetrics() {
    };

    /** One question finished, however it ended, and how long it took from pickup to the queued answer. */
    default void questionFinished(Outcome outcome, Duration took) {
    }

    /** One request to the model ended ({@code ai_requests_total}, {@code ai_request_duration_seconds}). */
    default void modelRequest(RequestOutcome outcome, Duration took) {
    }

    default void tokens(TokenKind kind, long count) {
    }

    default void breakerState(BreakerState state) {
    }

    enum Outcome { MODEL, OFFLINE, FALLBACK, RATE_LIMITED, PAYWALL, APOLOGY }

    enum RequestOutcome { OK, RETRIED, FAILED, REJECTED, CIRCUIT_OPEN, BUSY }

    enum TokenKind { PROMPT, COMPLETION }

    enum BreakerState { CLOSED, OPEN, HALF_OPEN }
}
