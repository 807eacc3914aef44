package io.mentorium.adapters.telegram;

/** Telegram refused to start talking to us or could not be reached; the message says why, without the token. */
public final class TelegramUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TelegramUnavailableException(String message) {
        super(message);
    }
}
