package io.mentorium.domain.payment;

import java.util.Objects;

/** An amount in minor units (tiyin for UZS, whole stars for XTR): integers, so no rounding ever happens. */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor < 0) {
            throw new IllegalArgumentException("money cannot be negative: " + minor);
        }
    }

    public static Money ofMajor(long major, Currency currency) {
        return new Money(Math.multiplyExact(major, currency.minorPerMajor()), currency);
    }

    public static Money uzs(long sum) {
        return ofMajor(sum, Currency.UZS);
    }

    public static Money stars(long stars) {
        return new Money(stars, Currency.XTR);
    }

    /** Whole major units; only exact for amounts without a fractional part. */
    public long major() {
        return minor / currency.minorPerMajor();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    private void requireSameCurrency(Money other) {
        if (other.currency != currency) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        long units = currency.minorPerMajor();
        return units == 1 ? minor + " " + currency : (minor / units) + "." + String.format("%02d", minor % units) + " " + currency;
    }
}
