package io.mentorium.archfixture.clean.application.port.out;

public interface PaymentLedger {

    long balanceCents(String parentEmail);
}
