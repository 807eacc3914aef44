package io.mentorium.application.port.in;

import io.mentorium.domain.report.ReportKind;
import java.time.Instant;

/**
 * The scheduler's report run: every parent who wants this kind of report gets one per linked child for the period
 * that just ended, queued in the outbox once — a re-run, a second scheduler or a restart mid-run queues nothing twice.
 */
public interface SendScheduledReports {

    /** Composes and queues what is due at {@code now}; answers what it did. */
    Run send(ReportKind kind, Instant now);

    /**
     * @param queued      reports queued by this run
     * @param alreadySent reports of this period queued by an earlier run
     * @param skipped     parents left out: reports switched off, no access to scheduled reports, or unreachable
     */
    record Run(int parents, int queued, int alreadySent, int skipped) {
    }
}
