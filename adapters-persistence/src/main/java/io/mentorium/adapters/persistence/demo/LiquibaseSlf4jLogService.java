package io.mentorium.adapters.persistence.demo;

import java.util.logging.Level;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's logging to SLF4J. Liquibase logs through java.util.logging by default, which prints straight to
 * stderr: into the operator's terminal in console mode, and past the JSON log format everywhere else.
 *
 * <p>Liquibase's INFO becomes DEBUG: the demo install runs at every start and would otherwise add a dozen lines
 * ("Creating snapshot", the update summary...) that {@link DemoPlatformData} already sums up in one.
 */
final class LiquibaseSlf4jLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public liquibase.logging.Logger getLog(@SuppressWarnings("rawtypes") Class type) {
        return new Slf4jLogger(LoggerFactory.getLogger(type));
    }

    private static final class Slf4jLogger extends AbstractLogger {

        private final Logger logger;

        Slf4jLogger(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            int value = level.intValue();
            if (level == Level.OFF) {
                return; // Liquibase logs some messages "at" OFF (e.g. the analytics notice) to mean: not at all
            }
            if (value >= Level.SEVERE.intValue()) {
                logger.error(message, e);
            } else if (value >= Level.WARNING.intValue()) {
                logger.warn(message, e);
            } else if (value >= Level.FINE.intValue()) {
                logger.debug(message, e);
            } else {
                logger.trace(message, e);
            }
        }
    }
}
