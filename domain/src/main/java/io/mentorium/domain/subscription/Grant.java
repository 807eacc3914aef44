package io.mentorium.domain.subscription;

import io.mentorium.domain.shared.PaymentId;
import java.time.Instant;
import java.util.Objects;

/** One paid plan: the fact that a payment bought a plan at an instant. Periods are derived from grants. */
public record Grant(PaymentId paymentId, Plan plan, Instant paidAt) {

    public Grant {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(paidAt, "paidAt");
    }
}
