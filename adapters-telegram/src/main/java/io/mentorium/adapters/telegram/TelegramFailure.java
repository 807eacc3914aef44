package io.mentorium.adapters.telegram;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * Why a Bot API call failed, read from the client library's exception. The library does not look at the HTTP status:
 * it parses the body, so an error Telegram sent arrives as a {@link TelegramApiRequestException} with Telegram's
 * {@code error_code}, while an unreadable body (a proxy's HTML error page) or a network failure arrives without one.
 *
 * @param errorCode   Telegram's {@code error_code} (the HTTP status), 0 when there was no Telegram answer
 * @param description Telegram's description or the failure's message, with the token removed
 * @param retryAfter  Telegram's {@code parameters.retry_after} on a 429
 * @param rejected    the library refused to send the request (it failed its own validation)
 */
record TelegramFailure(int errorCode, String description, Optional<Duration> retryAfter, boolean rejected) {

    static TelegramFailure of(TelegramApiException e, TokenScrubber scrubber) {
        if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                && request.getErrorCode() > 0) {
            Optional<Duration> retryAfter = Optional.ofNullable(request.getParameters())
                    .map(parameters -> parameters.getRetryAfter())
                    .map(seconds -> Duration.ofSeconds(Math.max(0, seconds)));
            String description = request.getApiResponse() == null ? "" : request.getApiResponse();
            return new TelegramFailure(request.getErrorCode(), scrubber.scrub(description), retryAfter, false);
        }
        return new TelegramFailure(0, scrubber.scrub(chain(e)), Optional.empty(), failedValidation(e));
    }

    /** A loggable reason for any failure of a call, with the token removed. */
    static String describe(Exception e, TokenScrubber scrubber) {
        return e instanceof TelegramApiException api ? of(api, scrubber).reason()
                : scrubber.scrub(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Whether Telegram's description contains {@code fragment}, ignoring case (Telegram's wording varies in case). */
    boolean says(String fragment) {
        return description.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
    }

    /** A short reason for logs and the outbox: "HTTP 400: Bad Request: chat not found" or the network failure. */
    String reason() {
        return errorCode > 0 ? "HTTP " + errorCode + ": " + description : description;
    }

    // execute() wraps what executeAsync() threw, the validation failure included, in a plain TelegramApiException
    // ("Unable to execute sendmessagedraft method"): look down the causes.
    private static boolean failedValidation(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause instanceof TelegramApiValidationException) {
                return true;
            }
        }
        return false;
    }

    // "Unable to execute sendmessage method: SocketTimeoutException: timeout" — the cause says what happened.
    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            text.append(": ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
