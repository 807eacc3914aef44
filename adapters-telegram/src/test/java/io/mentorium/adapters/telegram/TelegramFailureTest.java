package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

class TelegramFailureTest {

    private final TokenScrubber scrubber = new TokenScrubber("123456:AAsecret_key-0123456789");

    @Test
    void aValidationFailureWrappedByExecuteIsStillARejection() {
        // What the client's execute() throws when the method fails validate(): the failure as the cause.
        TelegramApiValidationException invalid = new TelegramApiValidationException(
                "DraftId can't be empty and must be non-zero", new SendMessageDraft(1L, 0));
        TelegramApiException wrapped = new TelegramApiException("Unable to execute sendmessagedraft method", invalid);

        TelegramFailure failure = TelegramFailure.of(wrapped, scrubber);

        assertThat(failure.rejected()).isTrue();
        assertThat(failure.errorCode()).isZero();
        assertThat(failure.reason()).contains("non-zero");
    }

    @Test
    void aNetworkFailureIsNotARejection() {
        TelegramApiException broken = new TelegramApiException("Unable to execute sendmessage method",
                new SocketTimeoutException("timeout"));

        assertThat(TelegramFailure.of(broken, scrubber).rejected()).isFalse();
    }
}
