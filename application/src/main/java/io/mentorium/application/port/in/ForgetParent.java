package io.mentorium.application.port.in;

import io.mentorium.domain.shared.TelegramUserId;

/**
 * A parent's "Forget me": their personal data erased at once; payments kept for accounting under a pseudonym. After
 * it the person is a stranger to the bot, and /start is a new registration.
 */
public interface ForgetParent {

    Outcome forget(TelegramUserId parent);

    sealed interface Outcome {

        record Forgotten() implements Outcome {
        }

        record NotRegistered() implements Outcome {
        }
    }
}
