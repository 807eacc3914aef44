package io.mentorium.runner.scheduler;

import java.time.Instant;

/**
 * What one job does when it fires, whether from its Quartz trigger or from {@code mentorium-scheduler trigger}: one
 * call into a use case, answering a one-line summary for the log.
 */
@FunctionalInterface
interface JobWork {

    /**
     * @return what was done, for the log
     * @throws Unavailable when this build has no use case for the job
     * @throws Failed      when the use case reports that part of its work failed
     */
    String run(Instant now);

    /** This build cannot do the job: said plainly rather than pretending the work was done. */
    final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The use case ran but reported a failure (it did not throw). */
    final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }
}
