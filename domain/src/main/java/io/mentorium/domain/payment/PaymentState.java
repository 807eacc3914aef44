package io.mentorium.domain.payment;

/** The life of a payment; PayMe's numeric states map onto these. */
public enum PaymentState {
    /** Created (an invoice was sent, or the provider created its transaction); nothing is paid yet. */
    CREATED,
    /** Money arrived; the plan was granted. */
    PAID,
    /** Cancelled before money arrived. */
    CANCELLED,
    /** Cancelled after money arrived; the grant was taken back. */
    REFUNDED
}
