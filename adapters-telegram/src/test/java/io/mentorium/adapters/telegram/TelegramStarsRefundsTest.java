package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refunds through the real client over HTTP to the stand-in. */
class TelegramStarsRefundsTest {

    private static final TelegramUserId ANNA = new TelegramUserId(1001);

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramApi api = TelegramApi.connect(
            new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25));
    private final TelegramStarsRefunds refunds = new TelegramStarsRefunds(api);

    @AfterEach
    void stop() {
        api.close();
        standIn.close();
    }

    @Test
    void aChargeIsRefundedToItsPayer() {
        String charge = paid(1001);

        assertThat(refunds.refund(ANNA, charge)).isTrue();

        BotApiCall call = standIn.callsTo("refundStarPayment").getFirst();
        assertThat(call.longParam("user_id")).isEqualTo(1001);
        assertThat(call.string("telegram_payment_charge_id")).isEqualTo(charge);
        assertThat(standIn.refunds()).extracting(BotApiStandIn.Refund::chargeId).containsExactly(charge);
    }

    @Test
    void aChargeRefundedBeforeCountsAsRefunded() {
        String charge = paid(1001);

        assertThat(refunds.refund(ANNA, charge)).isTrue();
        assertThat(refunds.refund(ANNA, charge)).as("Telegram answers CHARGE_ALREADY_REFUNDED").isTrue();

        standIn.alreadyRefunded("stx-by-hand");
        assertThat(refunds.refund(ANNA, "stx-by-hand")).isTrue();
        assertThat(standIn.refunds()).hasSize(1);
    }

    @Test
    void aRefusedRefundIsFalse() {
        String charge = paid(1001);
        standIn.refuseRefunds("Bad Request: BALANCE_TOO_LOW");

        assertThat(refunds.refund(ANNA, charge)).isFalse();

        standIn.refuseRefunds(null);
        assertThat(refunds.refund(ANNA, charge)).as("refusing did not use the charge up").isTrue();
    }

    @Test
    void aChargeOfSomeoneElseOrUnknownIsFalse() {
        String charge = paid(1002);

        assertThat(refunds.refund(ANNA, charge)).isFalse();
        assertThat(refunds.refund(ANNA, "stx-never-paid")).isFalse();
        assertThat(standIn.refunds()).isEmpty();
    }

    @Test
    void aServerErrorOrNoAnswerIsFalse() {
        String charge = paid(1001);
        standIn.failNext("refundStarPayment", 1, 502);

        assertThat(refunds.refund(ANNA, charge)).isFalse();

        standIn.close();
        assertThat(refunds.refund(ANNA, charge)).isFalse();
    }

    /** A payment the stand-in knows of; returns its charge id. */
    private String paid(long payer) {
        var update = TelegramUpdates.person(payer).paid("order:1", 50);
        standIn.enqueueUpdates(update);
        return update.get("message").get("successful_payment").get("telegram_payment_charge_id").asText();
    }
}
