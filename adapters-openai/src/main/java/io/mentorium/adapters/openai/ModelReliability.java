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
 * @param breakerFailurePercent the share of failed requests, in percent, among those that ended in the last
 *                           {@link #BREAKER_PERIOD}, that opens the circuit
 * @param breakerMinRequests requests that must have ended in that period before their share can open it
 * @param breakerDelay       how long the circuit stays open before probes may pass
 * @param breakerSuccesses   successful probes that close it again
 * @param maxConcurrentCalls answers talking to the model at once
 * @param bulkheadWait       how long an answer waits for a free slot before it is refused as busy
 */
public record ModelReliability(Duration callTimeout, Duration readTimeout, int maxAttempts, Duration backoffBase,
                               Duration backoffMax, Duration maxRetryAfter, int breakerFailurePercent,
                               int breakerMinRequests, Duration breakerDelay, int breakerSuccesses,
                               int maxConcurrentCalls, Duration bulkheadWait) {

    /**
     * How far back the circuit breaker looks. A share over a period, not a count of the last few requests: with
     * thousands of answers in flight, failures come in bursts (requests that started together time out together),
     * and five of them among thousands of good requests opened a "five of the last ten" breaker for every parent.
     */
    public static final Duration BREAKER_PERIOD = Duration.ofMinutes(1);

    /**
     * A reply streams for seconds, so 60 s covers a long one; 20 s of silence means a stuck stream. Three attempts
     * with a 0.5-8 s backoff ride out a brief rate limit. Half of the requests of the last minute failed, at least ten
     * of them ended: the circuit opens for 30 s, and two good probes close it. 2000 concurrent answers is the load the
     * bot is sized for.
     */
    public static final ModelReliability DEFAULTS = new ModelReliability(Duration.ofSeconds(60),
            Duration.ofSeconds(20), 3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(20), 50, 10,
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
        if (breakerFailurePercent < 1 || breakerFailurePercent > 100) {
            throw new IllegalArgumentException("breakerFailurePercent must be 1 to 100");
        }
        if (breakerMinRequests < 1) {
            throw new IllegalArgumentException("breakerMinRequests must be at least 1");
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
                breakerFailurePercent, breakerMinRequests, breakerDelay, breakerSuccesses, calls, bulkheadWait);
    }

    /**
     * The same shell with a circuit breaker that opens for {@code delay} when {@code failurePercent} of at least
     * {@code minRequests} requests of the last {@link #BREAKER_PERIOD} failed.
     */
    public ModelReliability withBreaker(int failurePercent, int minRequests, Duration delay) {
        return new ModelReliability(callTimeout, readTimeout, maxAttempts, backoffBase, backoffMax, maxRetryAfter,
                failurePercent, minRequests, delay, breakerSuccesses, maxConcurrentCalls, bulkheadWait);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
