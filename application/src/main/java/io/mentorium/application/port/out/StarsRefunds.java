package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;

/** Gives a parent's Stars back (Bot API {@code refundStarPayment}). */
public interface StarsRefunds {

    /** @return true if Telegram refunded it (or had refunded it before); false if it refused */
    boolean refund(TelegramUserId payer, String telegramChargeId);
}
