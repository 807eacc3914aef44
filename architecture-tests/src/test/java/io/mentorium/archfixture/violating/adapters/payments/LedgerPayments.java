package io.mentorium.archfixture.violating.adapters.payments;

public class LedgerPayments {

    public long balanceCents() {
        return 0;
    }
}
