package io.mentorium.adapters.persistence.liquibase;

import java.util.logging.Level;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's logging to SLF4J, for every Liquibase run of this module ({@link LiquibaseRunner}: the bot's
 * migrations, the demo platform install). Liquibase logs through java.util.logging by default, which prints straight
 * to stderr: into the operator's terminal in console mode, and past the JSON log format everywhere else.
 *
 * <p>Liquibase's INFO becomes DEBUG: its runs would otherwise add a dozen lines each ("Creating snapshot", the update
 * summary...) that the callers already sum up in one. WARNING and above keep their level; OFF is dropped.
 */
public final class Slf4jLogService extends AbstractLogService {

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
            if (level == Level.OFF) {
                return; // Liquibase logs some notices (e.g. the analytics one) "at" OFF to mean: not at all
            }
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) {
                logger.error(message, e);
            } else if (value >= Level.WARNING.intValue()) {
                logger.warn(message, e);
            } else if (value >= Level.FINE.intValue()) {
                logger.debug(message, e); // INFO, CONFIG and FINE
            } else {
                logger.trace(message, e);
            }
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
