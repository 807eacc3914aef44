package io.mentorium.adapters.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * The numbers of the reliability shell around model calls. {@link #DEFAULTS} are for production; tests shrink the
 * delays.
 *
 * @param callTimeout        one streamed request from start to its last chunk
 * @param readTimeout        the longest silence between two chunks (and before the response headers)
 * @param maxAttempts        attempts per request, the first included (429, 5xx, timeouts, I/O errors are retried)
 * @param backoffBase        the first retry's delay without Retry-After; doubled per retry, randomised by up to half
 * @param backoffMax         the longest such delay
 * @param maxRetryAfter      the longest Retry-After honoured; a longer one fails the request at once
 * @param breakerFailures    failures among the last {@code breakerWindow} requests that open the circuit
 * @param breakerWindow      requests the failure count looks back over
 * @param breakerDelay       how long the circuit stays open before probes may pass
 * @param breakerSuccesses   successful probes that close it again
 * @param maxConcurrentCalls answers talking to the model at once
 * @param bulkheadWait       how long an answer waits for a free slot before it is refused as busy
 */
public record ModelReliability(Duration callTimeout, Duration readTimeout, int maxAttempts, Duration backoffBase,
                               Duration backoffMax, Duration maxRetryAfter, int breakerFailures, int breakerWindow,
                               Duration breakerDelay, int breakerSuccesses, int maxConcurrentCalls,
                               Duration bulkheadWait) {

    /**
     * A reply streams for seconds, so 60 s covers a long one; 20 s of silence means a stuck stream. Three attempts
     * with a 0.5-8 s backoff ride out a brief rate limit. Five failures in ten open the circuit for 30 s, two good
     * probes close it. 2000 concurrent answers is the load the bot is sized for.
     */
    public static final ModelReliability DEFAULTS = new ModelReliability(Duration.ofSeconds(60),
            Duration.ofSeconds(20), 3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(20), 5, 10,
            Duration.ofSeconds(30), 2, 2000, Duration.ofSeconds(2));

    public ModelReliability {
        positive(callTimeout, "callTimeout");
        positive(readTimeout, "readTimeout");
        positive(backoffBase, "backoffBase");
        positive(backoffMax, "backoffMax");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        positive(breakerDelay, "breakerDelay");
        Objects.requireNonNull(bulkheadWait, "bulkheadWait");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (breakerFailures < 1 || breakerWindow < breakerFailures) {
            throw new IllegalArgumentException("need 1 <= breakerFailures <= breakerWindow");
        }
        if (breakerSuccesses < 1) {
            throw new IllegalArgumentException("breakerSuccesses must be at least 1");
        }
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
    }

    /** The same shell with another bulkhead size (the answers the application works on at once). */
    public ModelReliability withMaxConcurrentCalls(int calls) {
        return new ModelReliability(callTimeout, readTimeout, maxAttempts, backoffBase, backoffMax, maxRetryAfter,
                breakerFailures, breakerWindow, breakerDelay, breakerSuccesses, calls, bulkheadWait);
    }

    /** The same shell with a circuit breaker that opens after {@code failures} in {@code window} for {@code delay}. */
    public ModelReliability withBreaker(int failures, int window, Duration delay) {
        return new ModelReliability(callTimeout, readTimeout, maxAttempts, backoffBase, backoffMax, maxRetryAfter,
                failures, window, delay, breakerSuccesses, maxConcurrentCalls, bulkheadWait);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
