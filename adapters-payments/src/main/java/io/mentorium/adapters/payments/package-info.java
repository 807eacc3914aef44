/** Payments adapter: implements the payment out-ports on top of the payment provider. */
package io.mentorium.adapters.payments;
