package io.mentorium.domain.notification;

import java.time.Instant;
import java.time.ZoneId;

/** The rule deciding whether and when a parent may receive a notification. */
public final class DeliveryPolicy {

    private DeliveryPolicy() {
    }

    /**
     * @param reachable false once the parent blocked the bot
     * @param zone      the zone in which the parent's quiet hours are read
     */
    public static DeliveryDecision decide(NotificationPreferences preferences, boolean reachable, NotificationKind kind,
                                          Instant now, ZoneId zone) {
        if (!reachable) {
            return new DeliveryDecision.Suppress(DeliveryDecision.Reason.UNREACHABLE);
        }
        if (!preferences.isEnabled(kind)) {
            return new DeliveryDecision.Suppress(DeliveryDecision.Reason.OPTED_OUT);
        }
        return preferences.quietHours()
                .filter(hours -> hours.contains(now, zone))
                .<DeliveryDecision>map(hours -> new DeliveryDecision.DeferUntil(hours.nextAllowed(now, zone)))
                .orElseGet(DeliveryDecision.DeliverNow::new);
    }
}
