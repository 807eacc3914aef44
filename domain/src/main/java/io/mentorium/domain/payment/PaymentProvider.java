package io.mentorium.domain.payment;

public enum PaymentProvider {
    /** Telegram Stars: digital goods paid inside Telegram, currency XTR. */
    STARS,
    /** PayMe (Paycom) Merchant API, amounts in UZS. */
    PAYME,
    /** Click SHOP-API, amounts in UZS. */
    CLICK;

    public Currency currency() {
        return this == STARS ? Currency.XTR : Currency.UZS;
    }
}
