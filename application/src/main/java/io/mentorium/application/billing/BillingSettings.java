package io.mentorium.application.billing;

import io.mentorium.application.config.Environment;

/**
 * Billing's own settings. The providers' switches and credentials belong to their adapters and reach the core through
 * {@code CheckoutLinks.enabled()}, which is the one answer to "may a parent pay with this?".
 *
 * @param trialDays the free trial a new family gets ({@code TRIAL_DAYS}, 0–90, default 7; 0 switches trials off)
 */
public record BillingSettings(int trialDays) {

    public static final int DEFAULT_TRIAL_DAYS = 7;

    public BillingSettings {
        if (trialDays < 0 || trialDays > 90) {
            throw new IllegalArgumentException("trial days must be between 0 and 90");
        }
    }

    public static BillingSettings from(Environment env) {
        return new BillingSettings(env.integer("TRIAL_DAYS", DEFAULT_TRIAL_DAYS, 0, 90));
    }
}
