package io.mentorium.application.port.in;

import java.time.Instant;

/**
 * The scheduler's subscription reminder run: "ends in 3 days", "has ended", "grace ends" — each once per paid period,
 * with a Subscribe button.
 */
public interface SendSubscriptionReminders {

    Run send(Instant now);

    /**
     * @param queued      reminders queued by this run
     * @param alreadySent reminders of the same event queued by an earlier run
     * @param skipped     parents left out: unreachable or reminders switched off
     */
    record Run(int parents, int queued, int alreadySent, int skipped) {
    }
}
