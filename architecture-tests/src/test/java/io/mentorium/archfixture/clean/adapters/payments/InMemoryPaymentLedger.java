package io.mentorium.archfixture.clean.adapters.payments;

import io.mentorium.archfixture.clean.application.port.out.PaymentLedger;

public final class InMemoryPaymentLedger implements PaymentLedger {

    @Override
    public long balanceCents(String parentEmail) {
        return 0;
    }
}
