package io.mentorium.application.port.in;

import java.time.Instant;

/**
 * The scheduler's daily notification run: achievements, missed days and the weekly tip about every parent's children,
 * each event queued once — a re-run, a second scheduler or a restart mid-run queues nothing twice.
 */
public interface SendDailyNotifications {

    Run send(Instant now);

    /**
     * @param queued      notifications queued by this run
     * @param alreadySent notifications of the same events queued by an earlier run
     * @param skipped     parents left out: unreachable, every one of these kinds switched off, or no access
     */
    record Run(int parents, int queued, int alreadySent, int skipped) {
    }
}
