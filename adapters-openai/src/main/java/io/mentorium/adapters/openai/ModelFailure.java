package io.mentorium.adapters.openai;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.TimeoutExceededException;
import io.mentorium.application.port.out.AiAssistant.Cause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;

/**
 * What a failed model request means for the shell: whether another attempt may help, how long the API asked to wait,
 * and a description safe to log. The description carries the status, the API's error code and exception class names,
 * never an exception message: the API's messages may quote part of the key ("Incorrect API key provided: sk-…") and
 * I/O messages may quote the request.
 *
 * <p>{@code refused}: the server did not process the request, so it may go again, and it says nothing about the
 * model's health. Over HTTP/2 a server refuses the streams beyond its {@code MAX_CONCURRENT_STREAMS}
 * ({@code REFUSED_STREAM}, RFC 9113 §8.7), and OkHttp puts every call that finds no connection on a new one before
 * the server's settings have arrived: a burst of answers meets refusals by the dozen. OkHttp would retry them itself,
 * but openai-java turns its retries off; counted as failures, they opened the circuit breaker under a burst. A stream
 * the server resets while the request's body still waits for the connection's flow-control window surfaces as a plain
 * {@code IOException("stream closed")} instead; it is told apart by where it happened ({@link CutShortWhileSending}).
 */
record ModelFailure(Cause cause, boolean retryable, Optional<Duration> retryAfter, String detail, boolean refused) {

    ModelFailure(Cause cause, boolean retryable, Optional<Duration> retryAfter, String detail) {
        this(cause, retryable, retryAfter, detail, false);
    }

    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** The stream ended (cleanly or not) before the model's reply was complete. */
    static final class IncompleteStream extends RuntimeException {

        private static final long serialVersionUID = 1L;

        IncompleteStream(String message) {
            super(message, null, false, false);
        }
    }

    /** An {@code error} event inside a stream that had started well: the server's trouble, not the request's. */
    static final class StreamError extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String code;

        StreamError(String code) {
            super("error event in stream", null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /**
     * The request failed while its body was going out ({@code cause}: the I/O failure): the server did not receive it
     * whole, so it cannot have processed it.
     */
    static final class CutShortWhileSending extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CutShortWhileSending(Throwable cause) {
            super("cut short while sending", cause, false, false);
        }
    }

    /** Nothing came from the server for the read timeout, and the request was given up ({@link SilenceWatch}). */
    static final class Silence extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Silence(Duration after) {
            super("no data for " + after.toMillis() + " ms", null, false, false);
        }
    }

    static ModelFailure timedOut(Duration after) {
        return new ModelFailure(Cause.FAILED, true, Optional.empty(), "timed out after " + after.toMillis() + " ms");
    }

    static ModelFailure of(Throwable failure) {
        return switch (failure) {
            case TimeoutExceededException e ->
                    new ModelFailure(Cause.FAILED, true, Optional.empty(), "timed out");
            case CircuitBreakerOpenException e ->
                    new ModelFailure(Cause.CIRCUIT_OPEN, false, Optional.empty(), "circuit open");
            case Silence e -> new ModelFailure(Cause.FAILED, true, Optional.empty(), e.getMessage());
            case CutShortWhileSending e -> new ModelFailure(Cause.FAILED, true, Optional.empty(),
                    "I/O error while sending the request: " + e.getCause().getClass().getSimpleName(), true);
            case IncompleteStream e ->
                    new ModelFailure(Cause.FAILED, true, Optional.empty(), "incomplete stream: " + e.getMessage());
            case StreamError e -> new ModelFailure(Cause.FAILED, true, Optional.empty(), "error event in stream"
                    + (SAFE_CODE.matcher(e.code()).matches() ? " " + e.code() : ""));
            case OpenAIServiceException e -> service(e);
            default -> {
                Throwable io = ioCause(failure);
                yield io != null ? io(io) : new ModelFailure(Cause.FAILED, false, Optional.empty(),
                        "unexpected " + failure.getClass().getSimpleName());
            }
        };
    }

    /**
     * OkHttp's own HTTP/2 exceptions (public classes of its {@code internal} package, stable through OkHttp 4) tell a
     * request the server never processed: a stream it refused, or a connection shut down (GOAWAY) before the request
     * went out on it.
     */
    private static ModelFailure io(Throwable io) {
        if (io instanceof StreamResetException reset) {
            boolean refused = reset.errorCode == ErrorCode.REFUSED_STREAM;
            return new ModelFailure(Cause.FAILED, true, Optional.empty(),
                    "I/O error: stream reset " + reset.errorCode.name(), refused);
        }
        return new ModelFailure(Cause.FAILED, true, Optional.empty(), "I/O error: " + io.getClass().getSimpleName(),
                io instanceof ConnectionShutdownException);
    }

    private static ModelFailure service(OpenAIServiceException e) {
        int status = e.statusCode();
        String code = e.code().filter(c -> SAFE_CODE.matcher(c).matches()).map(c -> " " + c).orElse("");
        String detail = "HTTP " + status + code;
        if (status == 429) {
            return new ModelFailure(Cause.FAILED, true, retryAfter(e), detail + " (rate limited)");
        }
        if (status >= 500 || status == 408) {
            return new ModelFailure(Cause.FAILED, true, retryAfter(e), detail);
        }
        if (status >= 400) {
            // The request itself is wrong (bad key, unknown model, too long): the same request fails again.
            return new ModelFailure(Cause.REJECTED, false, Optional.empty(), detail);
        }
        // An error event inside a stream that had started well: the server's trouble, not the request's.
        return new ModelFailure(Cause.FAILED, true, Optional.empty(), "error event in stream" + code);
    }

    /** Retry-After in seconds (or OpenAI's retry-after-ms), when the response had a usable one. */
    static Optional<Duration> retryAfter(OpenAIServiceException e) {
        Optional<Duration> millis = first(e.headers().values("retry-after-ms")).flatMap(v -> parse(v, 1));
        return millis.isPresent() ? millis : first(e.headers().values("retry-after")).flatMap(v -> parse(v, 1000));
    }

    private static Optional<String> first(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst().strip());
    }

    private static Optional<Duration> parse(String value, int millisPerUnit) {
        try {
            double units = Double.parseDouble(value);
            // An HTTP date (the header's other form) or nonsense falls through to the backoff.
            return units >= 0 && units < 86_400_000.0 / millisPerUnit
                    ? Optional.of(Duration.ofMillis(Math.round(units * millisPerUnit))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The I/O failure in {@code failure}'s causes, if any. */
    static Throwable ioCause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 8; depth++, current = current.getCause()) {
            if (current instanceof IOException || current instanceof UncheckedIOException
                    || current instanceof OpenAIIoException) {
                Throwable inner = current.getCause();
                return current instanceof IOException || inner == null ? current : inner;
            }
        }
        return null;
    }
}
