package io.mentorium.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void sumsAreCountedInTiyin() {
        assertThat(Money.uzs(49_000).minor()).isEqualTo(4_900_000);
        assertThat(Money.ofMajor(49_000, Currency.UZS)).isEqualTo(new Money(4_900_000, Currency.UZS));
        assertThat(Money.uzs(49_000).major()).isEqualTo(49_000);
    }

    @Test
    void starsAreWholeUnits() {
        assertThat(Money.stars(250)).isEqualTo(new Money(250, Currency.XTR));
        assertThat(Money.ofMajor(250, Currency.XTR).minor()).isEqualTo(250);
        assertThat(Money.stars(250).major()).isEqualTo(250);
    }

    @Test
    void zeroIsAllowed() {
        assertThat(Money.uzs(0).minor()).isZero();
    }

    @Test
    void negativeAmountsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(-1, Currency.UZS));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.uzs(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.stars(-1));
    }

    @Test
    void majorAmountTooLargeForTiyinOverflowsLoudly() {
        assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.uzs(Long.MAX_VALUE / 10));
    }

    @Test
    void plusAddsAmountsOfOneCurrency() {
        assertThat(Money.uzs(1_000).plus(new Money(50, Currency.UZS))).isEqualTo(new Money(100_050, Currency.UZS));
        assertThat(Money.stars(1).plus(Money.stars(2))).isEqualTo(Money.stars(3));
    }

    @Test
    void plusWithMixedCurrenciesThrows() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.uzs(1).plus(Money.stars(1)));
    }

    @Test
    void plusOverflowThrows() {
        assertThatExceptionOfType(ArithmeticException.class)
                .isThrownBy(() -> new Money(Long.MAX_VALUE, Currency.XTR).plus(Money.stars(1)));
    }

    @Test
    void majorDropsTheFractionalPart() {
        assertThat(new Money(150_099, Currency.UZS).major()).isEqualTo(1_500);
    }

    @Test
    void toStringShowsMajorUnitsWithTwoDigitsOfTiyin() {
        assertThat(Money.uzs(49_000)).hasToString("49000.00 UZS");
        assertThat(new Money(150_005, Currency.UZS)).hasToString("1500.05 UZS");
        assertThat(new Money(150_050, Currency.UZS)).hasToString("1500.50 UZS");
        assertThat(new Money(7, Currency.UZS)).hasToString("0.07 UZS");
    }

    @Test
    void toStringOfStarsHasNoFraction() {
        assertThat(Money.stars(250)).hasToString("250 XTR");
    }
}
