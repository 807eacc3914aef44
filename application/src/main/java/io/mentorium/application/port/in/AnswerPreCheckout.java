package io.mentorium.application.port.in;

import io.mentorium.domain.shared.Language;
import java.util.Objects;
import java.util.Optional;

/**
 * Telegram asks, before taking a parent's Stars, whether the order may still be paid; it must be answered within
 * 10 seconds, so the receiving path asks this directly instead of queueing the question behind other updates.
 */
public interface AnswerPreCheckout {

    /**
     * @param payload  the invoice's payload (our order id)
     * @param currency Telegram's currency code ({@code XTR})
     * @param amount   in the currency's smallest unit (whole Stars)
     */
    Answer answer(String payload, String currency, long amount, Optional<Language> language);

    /** {@code error} is the localized reason shown to the parent when not ok. */
    record Answer(boolean ok, Optional<String> error) {

        public Answer {
            Objects.requireNonNull(error, "error");
        }

        public static Answer accept() {
            return new Answer(true, Optional.empty());
        }
    }
}
