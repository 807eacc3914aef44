package io.mentorium.adapters.telegram;

import io.mentorium.application.port.out.StarsRefunds;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.payments.RefundStarPayment;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Gives Stars back through the Bot API's {@code refundStarPayment}. An admin's refund may be repeated (a retried
 * command, a second admin): Telegram then answers 400 {@value #ALREADY_REFUNDED}, and the Stars are back with the
 * parent all the same, so that counts as refunded. Every other failure is a refusal, logged with Telegram's reason.
 */
public final class TelegramStarsRefunds implements StarsRefunds {

    private static final Logger log = LoggerFactory.getLogger(TelegramStarsRefunds.class);

    /**
     * Telegram's description for a charge refunded before: {@code "Bad Request: CHARGE_ALREADY_REFUNDED"}, as reported
     * in tdlib/telegram-bot-api#690 (the Bot API documents no error texts); matched without regard to case.
     */
    static final String ALREADY_REFUNDED = "CHARGE_ALREADY_REFUNDED";

    private final TelegramClient client;
    private final TokenScrubber scrubber;

    public TelegramStarsRefunds(TelegramApi api) {
        this(api.client(), api.scrubber());
    }

    TelegramStarsRefunds(TelegramClient client, TokenScrubber scrubber) {
        this.client = client;
        this.scrubber = scrubber;
    }

    @Override
    public boolean refund(TelegramUserId payer, String telegramChargeId) {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(telegramChargeId, "telegramChargeId");
        try {
            Boolean done = client.execute(RefundStarPayment.builder()
                    .userId(payer.value())
                    .telegramPaymentChargeId(telegramChargeId)
                    .build());
            if (Boolean.TRUE.equals(done)) {
                log.info("Refunded Stars charge {} to user {}", telegramChargeId, payer.value());
                return true;
            }
            log.warn("Telegram did not confirm the refund of Stars charge {} to user {}", telegramChargeId,
                    payer.value());
            return false;
        } catch (TelegramApiException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            TelegramFailure failure = TelegramFailure.of(e, scrubber);
            if (failure.errorCode() == 400 && failure.says(ALREADY_REFUNDED)) {
                log.info("Stars charge {} of user {} was refunded before", telegramChargeId, payer.value());
                return true;
            }
            log.warn("Refunding Stars charge {} to user {} failed: {}", telegramChargeId, payer.value(),
                    failure.reason());
            return false;
        } catch (RuntimeException e) {
            log.warn("Refunding Stars charge {} to user {} failed unexpectedly: {}", telegramChargeId, payer.value(),
                    TelegramFailure.describe(e, scrubber));
            return false;
        }
    }
}
