package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "order_42", "ORDER-42", "0f8fad5bd9cb469fa16570867728950e"})
    void plainShortIdsAreAccepted(String value) {
        assertThat(new PaymentId(value).value()).isEqualTo(value);
    }

    @Test
    void idOfSixtyFourCharactersIsAccepted() {
        assertThat(new PaymentId("x".repeat(64)).value()).hasSize(64);
    }

    @Test
    void idOfSixtyFiveCharactersIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentId("x".repeat(65)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "order 42", "order/42", "order.42", "заказ", "order\n", "a+b"})
    void idsWithOtherCharactersAreRejected(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PaymentId(value));
    }

    @Test
    void nullIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> new PaymentId(null));
    }

    @Test
    void randomIdsAreValidAndDistinct() {
        PaymentId first = PaymentId.random();
        PaymentId second = PaymentId.random();

        assertThat(first.value()).matches("[0-9a-f]{32}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void toStringIsThePlainValue() {
        assertThat(new PaymentId("order_42")).hasToString("order_42");
    }
}
