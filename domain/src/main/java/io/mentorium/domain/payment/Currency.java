package io.mentorium.domain.payment;

/** The currencies the bot is paid in, with the number of minor units in a major one. */
public enum Currency {
    /** Uzbek sum; the minor unit is the tiyin, which PayMe counts in. */
    UZS(100),
    /** Telegram Stars: whole stars only. */
    XTR(1);

    private final int minorPerMajor;

    Currency(int minorPerMajor) {
        this.minorPerMajor = minorPerMajor;
    }

    public int minorPerMajor() {
        return minorPerMajor;
    }
}
